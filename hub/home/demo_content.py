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
        "<p>We want as many people as possible to be able to use this website. You should be able to "
        "change the text size and the colours, zoom to 400% without text spilling off the screen, "
        "move around the whole site with a keyboard alone, and use it with a screen reader.</p>"
    ),
    heading("Changing how the site looks"),
    paragraph(
        '<p>Use <a href="/accessibility/settings/">display settings</a> to choose a larger text size, '
        "a high-contrast, dark or cream colour scheme, and wider line and letter spacing. "
        "The settings work without JavaScript and are remembered on this device.</p>"
    ),
    heading("How accessible this website is"),
    paragraph(
        "<p>We test every page type with automated checks (axe) in each colour scheme and text size, "
        "and by keyboard. We know some parts are not fully accessible yet:</p>"
        "<ul><li>some older PDF documents, such as information leaflets, are not tagged for screen readers; "
        "each service page gives the leaflet's content as a web page too</li>"
        "<li>external websites we link to are outside our control</li></ul>"
    ),
    heading("Reporting a problem"),
    paragraph(
        "<p>If you find something you cannot use, tell us what page you were on and what went wrong, "
        "and we will reply within 5 working days. If you are not happy with our answer, contact the "
        "Equality Advisory and Support Service (EASS).</p>"
    ),
    heading("Technical information"),
    paragraph(
        "<p>This website aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA.</p>"
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
