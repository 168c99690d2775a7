"""Demo content for the home page and the standard pages (about, privacy, accessibility)."""

from django.db import transaction
from wagtail.models import Page, Site

from hub.core.demo import ensure_child, root_page
from hub.core.registry import demo_content

from .models import HomePage, StandardPage


def paragraph(html):
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


HOME_INTRO = (
    "Practical help for keeping people with common mental health problems in work, "
    "or helping them back into it: for commissioners, employers, GPs and work coaches."
)

HOME_BODY = [
    heading("Why work and mental health belong together"),
    paragraph(
        "<p>Good work supports recovery, and losing work can make mental ill health worse. "
        "Spending on mental health care in England rose by 70% between 2002/03 and 2009/10, to £21.3bn, "
        "and people who are unwell and out of work see their GP more often than most. "
        "Joining up health care and employment support helps people, employers and the public purse.</p>"
    ),
    paragraph(
        "<p>Clinical commissioning groups (CCGs) were replaced by integrated care boards (ICBs) in 2022, "
        "and the IAPT programme is now called NHS Talking Therapies. You will find both the old and "
        "the new names used in older documents.</p>"
    ),
]

ABOUT_BODY = [
    paragraph(
        "<p>The Work and Wellbeing Hub gathers, in one accessible place, what a local voluntary-sector "
        "project learned about mental health and employment: from a national round table and webinars, "
        "a report and briefings for commissioners and GPs, and a toolkit for employers.</p>"
    ),
    heading("Who it is for"),
    paragraph(
        "<ul><li>Commissioners in integrated care boards and health and wellbeing boards</li>"
        "<li>Employers, line managers and HR teams</li>"
        "<li>GPs and Jobcentre Plus work coaches referring people to employment support</li>"
        "<li>Anyone looking for trustworthy guidance on work and mental health</li></ul>"
    ),
]

PRIVACY_BODY = [
    paragraph(
        "<p>We collect as little as we can. Browsing this site needs no account. We store two kinds of "
        "cookie: one remembers your text size and colour choices, the other keeps your progress through "
        "the employer toolkit. Neither identifies you.</p>"
    ),
    heading("Referrals"),
    paragraph(
        "<p>Referral forms sent by GPs and Jobcentre Plus work coaches contain health information. "
        "Only the staff of the service you refer to can see them. They are encrypted when stored and "
        "deleted when the retention period ends.</p>"
    ),
]

ACCESSIBILITY_BODY = [
    paragraph(
        "<p>The Work and Wellbeing Hub brings together guidance on mental health and employment: briefings "
        "for commissioners, an employer toolkit, employment-support services that GPs and work coaches can "
        "refer people to, and a directory of resources. We want everyone who needs it to be able to use it, "
        "including people using a screen reader, a keyboard, voice control or magnification.</p>"
    ),
    heading("Changing how the site looks"),
    paragraph(
        '<p>On <a href="/accessibility/settings/">display settings</a> you can choose a larger text size, '
        "a high-contrast, dark or cream (low glare) colour scheme, and wider line, letter and word spacing. "
        "Your choice applies to every page straight away, works with JavaScript switched off and is "
        "remembered on this device. You can also zoom the page up to 400% in your browser: the layout "
        "reflows into one column so you do not have to scroll sideways, and your device's own high-contrast "
        "mode keeps borders and focus outlines visible.</p>"
    ),
    heading("How we check the site"),
    paragraph(
        "<p>Every time the site changes, automated tests open every page in a real browser and check it with "
        "axe against WCAG 2.2 level A and AA rules, in each colour scheme and text size. The tests also "
        "work through the display settings with the keyboard alone, check that the skip link reaches the "
        "main content, and check that nothing scrolls sideways on a 320 pixel wide screen. The colours of "
        "every scheme are checked against the contrast minimums, and the high-contrast scheme against the "
        "stricter AAA level. Automated checks cannot find every problem, so we also test by hand.</p>"
    ),
    heading("What we know is not fully accessible yet"),
    paragraph(
        "<ul><li>Some downloadable documents, such as older service leaflets, are PDFs that are not tagged "
        "for screen readers. Each service page describes the service in full as a web page, so the leaflet "
        "is never the only way to find out about it.</li>"
        "<li>Websites we link to are run by other organisations and may not meet the same standard.</li>"
        "<li>Editors check new content with built-in accessibility checks before publishing, but a mistake "
        "such as a missing image description can still slip through.</li></ul>"
    ),
    heading("Reporting a problem"),
    paragraph(
        "<p>If something on this site does not work for you, or you need information in another format such "
        "as large print, easy read or audio, tell us. Email "
        '<a href="mailto:accessibility@workandwellbeinghub.example">accessibility@workandwellbeinghub.example</a> '
        "with the address of the page and what went wrong. We will acknowledge your message within "
        "2 working days and aim to fix the problem, or explain what we will do, within 10 working days.</p>"
        "<p>If you are not happy with how we respond, you can contact the "
        '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.</p>'
    ),
    heading("Technical information"),
    paragraph(
        "<p>This website aims to conform to the Web Content Accessibility Guidelines (WCAG) version 2.2 at "
        "level AA, and meets level AAA for contrast in the high-contrast scheme. It is built from standard "
        "HTML with a small stylesheet and only a little optional JavaScript.</p>"
    ),
]


def ensure_home_page():
    """Make our HomePage the default site's root, replacing Wagtail's placeholder welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.first()
    if home is None:
        home = ensure_child(
            root_page(),
            HomePage,
            "hub",
            title="Work and Wellbeing Hub",
            intro=HOME_INTRO,
            summary="Mental health and employment: briefings, services, an employer toolkit and resources.",
            body=HOME_BODY,
        )
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Work and Wellbeing Hub"
        )
    else:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site.site_name or "Work and Wellbeing Hub"
        site.save()
        if placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    return home


@demo_content.register(order=0)
@transaction.atomic
def load_home_and_standard_pages(stdout):
    home = ensure_home_page()
    ensure_child(
        home,
        StandardPage,
        "about",
        title="About the hub",
        show_in_menus=False,
        summary="Who runs the hub, where its content comes from and who it is for.",
        body=ABOUT_BODY,
    )
    ensure_child(
        home,
        StandardPage,
        "privacy",
        title="Privacy",
        summary="What we collect, why, and how referral information is protected.",
        body=PRIVACY_BODY,
    )
    ensure_child(
        home,
        StandardPage,
        "accessibility",
        title="Accessibility statement",
        summary="How accessible this site is, how to change its appearance and how to report a problem.",
        body=ACCESSIBILITY_BODY,
    )
    stdout.write("Home, about, privacy and accessibility pages ready.")
