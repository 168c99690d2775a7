"""Demo briefings: the commissioner briefing from the seed documents (in our own words), a report and guidance.

Facts, figures and names come from the seeds and are attributed; the sentences are ours. CCGs are
now integrated care boards and IAPT is NHS Talking Therapies, and the briefing says so.
"""

import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from hub.core.demo import ensure_child, home_page
from hub.core.models import Audience
from hub.core.registry import demo_content

from .models import BriefingIndexPage, BriefingKind, BriefingPage

SEED_SOURCE = "London Mental Health and Employment Partnership, briefing for commissioners"

# Resources from the seed briefing's list, matched by address so the directory's own demo entries are used.
RELATED_RESOURCE_ADDRESSES = [
    "mind.org.uk",
    "centreformentalhealth.org.uk",
    "neweconomics.org",
    "nhsemployers.org",
    "cipd",
    "hse.gov.uk",
    "shift.org.uk",
    "dwp.gov.uk",
]


def paragraph(html):
    return ("paragraph", html)


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def related_resources(limit=6):
    """Live directory resources from the seed's list; none if the directory has no such entries yet."""
    try:
        resource_model = apps.get_model("resources", "Resource")
    except LookupError:
        return []
    found = []
    for address in RELATED_RESOURCE_ADDRESSES:
        resource = resource_model.objects.filter(live=True, url__icontains=address).order_by("pk").first()
        if resource and resource not in found:
            found.append(resource)
    return found[:limit]


def commissioner_briefing_body():
    body = [
        (
            "callout",
            {
                "title": "A note on names",
                "body": "<p>This briefing was first written for clinical commissioning groups (CCGs). "
                "Integrated care boards (ICBs) took over from CCGs in July 2022, and the IAPT programme "
                "(Improving Access to Psychological Therapies) is now called NHS Talking Therapies. "
                "We use the current names here.</p>",
            },
        ),
        (
            "quote",
            {
                "quote": "Mental health is a state of wellbeing in which people realise their potential, "
                "cope with the ordinary stresses of life, work productively and contribute to their community.",
                "person": "World Health Organization",
                "role": "its definition of mental health",
                "source_url": "https://www.who.int/news-room/fact-sheets/detail/mental-health-strengthening-our-response",
                "paraphrase": True,
            },
        ),
        (
            "key_figures",
            {
                "heading": "Key figures",
                "figures": [
                    {
                        "number": "70%",
                        "measure": "rise in the cost of health and social care for mental illness in England "
                        "between 2002/03 and 2009/10",
                        "source": SEED_SOURCE,
                        "source_url": "",
                    },
                    {
                        "number": "£21.3bn",
                        "measure": "what that care cost in England in 2009/10",
                        "source": SEED_SOURCE,
                        "source_url": "",
                    },
                    {
                        "number": "Up to 30%",
                        "measure": "of the primary care workload comes from patients with mental illness",
                        "source": "Dr Haren Patel, GP, quoted in the same briefing",
                        "source_url": "",
                    },
                ],
            },
        ),
        heading("Why it matters to integrated care boards"),
        paragraph(
            "<p>Helping people with mental health problems to keep their jobs, or to get back to work, is "
            "good for them and good for the public purse. GP practices, community mental health teams, "
            "voluntary organisations and hospital services all have a part to play, and commissioners decide "
            "where the money goes. Getting that right brings benefits on several fronts:</p>"
            "<ul>"
            "<li>patients recover better and can play a fuller part in their communities;</li>"
            "<li>the rising cost of mental health care is kept in check;</li>"
            "<li>GP appointments fall: people with a mental illness and people out of work both see their GP "
            "more often than other patients;</li>"
            "<li>mental health services are used better, with fewer and shorter hospital stays;</li>"
            "<li>the NHS, social care and public health outcomes on mental health, employment and long-term "
            "conditions are easier to meet.</li>"
            "</ul>"
        ),
        (
            "quote",
            {
                "quote": "CCGs should put mental health patients as a priority.",
                "person": "Dr Haren Patel",
                "role": "GP, then chair of Hackney and City CCG and vice chair of the London Mental Health "
                "and Employment Partnership Executive Group",
                "source_url": "",
                "paraphrase": False,
            },
        ),
        paragraph(
            "<p>Dr Patel pointed out that many of these patients are also out of work, socially excluded and in "
            "poor physical health, and asked commissioners to work with other organisations on their health and "
            "employment needs together, as a matter of health inequality.</p>"
        ),
        heading("What commissioners can do"),
        paragraph(
            "<p>Integrated care boards decide how NHS money meets local needs. They can make sure mental health "
            "and employment appear in joint strategic needs assessments, in primary care and mental health "
            "strategies and in commissioning plans; that the strong evidence for talking therapies and for "
            "Individual Placement and Support (IPS) shapes where money goes; and, as large employers "
            "themselves, that they set an example.</p>"
        ),
        (
            "priority_actions",
            {
                "heading": "Priority actions",
                "actions": [
                    {
                        "action": "Raise awareness of mental health and train staff to recognise and respond "
                        "to mental illness.",
                        "who": "Integrated care boards and the providers they fund",
                    },
                    {
                        "action": "Help clinicians see how work supports recovery, and make work part of "
                        "every care conversation.",
                        "who": "Clinical leads, GP practices and mental health teams",
                    },
                    {
                        "action": "Invest in services that aid recovery, such as NHS Talking Therapies, and "
                        "widen access to Individual Placement and Support to help people back to work.",
                        "who": "ICB commissioners",
                    },
                    {
                        "action": "Make sure NHS Talking Therapies and community mental health teams offer "
                        "employment support joined up with treatment.",
                        "who": "ICB commissioners with service providers",
                    },
                    {
                        "action": "Be a healthy workplace: act early on work-related stress and support staff "
                        "with mental illness to stay in work.",
                        "who": "ICBs and NHS organisations as employers",
                    },
                    {
                        "action": "Help other local employers recognise mental ill health and look after "
                        "their staff's wellbeing.",
                        "who": "ICBs with health and wellbeing boards and local authorities",
                    },
                ],
            },
        ),
        heading("Finding out more"),
        paragraph(
            "<p>The partnership's fuller document, <i>Work, mental health and welfare</i>, sets out the business "
            "case for investing and the evidence for what works, with a full reference list. It was written for "
            "health and wellbeing boards and employers of every size as well as commissioners. Our "
            '<a href="/resources/">resource directory</a> lists the guides it recommends, and the '
            '<a href="/toolkit/">employer toolkit</a> turns the advice for employers into steps.</p>'
        ),
    ]
    resources = related_resources()
    if resources:
        body.append(("related_resources", {"heading": "Related resources", "resources": resources}))
    return body


REPORT_BODY = [
    paragraph(
        "<p>This report gathers what the project learned about helping people with common mental health "
        "problems stay in work or return to it, with a focus on what voluntary and community sector "
        "organisations contribute. It draws on a national round table that brought researchers and "
        "practitioners together, on webinars, and on a review of services recognised as good practice, "
        "such as the Health, Work and Wellbeing Group's award-winning service.</p>"
    ),
    heading("What we looked at"),
    paragraph(
        "<ul>"
        "<li>the barriers that stop people with common mental health conditions staying in or returning to work;</li>"
        "<li>what employers need to support staff, including vocational rehabilitation and employment support "
        "offered alongside NHS Talking Therapies (formerly IAPT);</li>"
        "<li>where provision or knowledge is missing, and who should act on it.</li>"
        "</ul>"
    ),
    (
        "callout",
        {
            "title": "Why now",
            "body": "<p>Health and employment services have moved closer together, but reports from RAND Europe "
            "and the OECD in 2014 showed how much was still to be gained, for people's health and in costs.</p>",
        },
    ),
    (
        "priority_actions",
        {
            "heading": "Recommendations",
            "actions": [
                {
                    "action": "Build capacity in employment support and make it easier to reach.",
                    "who": "Commissioners and system partners",
                },
                {
                    "action": "Recognise and fund what the voluntary and community sector adds.",
                    "who": "Integrated care boards and local authorities",
                },
                {
                    "action": "Widen access to talking therapies for people with common mental health problems.",
                    "who": "Integrated care boards",
                },
                {
                    "action": "Improve what GPs and employers know about mental health and work.",
                    "who": "Training leads, professional bodies and business networks",
                },
            ],
        },
    ),
]

GUIDANCE_BODY = [
    paragraph(
        "<p>Most people with a common mental health problem such as anxiety or depression are in work, and "
        "most want to stay there. A few practical steps from employers and line managers make that much "
        "more likely.</p>"
    ),
    (
        "priority_actions",
        {
            "heading": "What to do",
            "actions": [
                {
                    "action": "Talk early: ask how the person is and listen, in private, without judging.",
                    "who": "Line managers",
                },
                {
                    "action": "Agree small, practical changes to hours, tasks or workplace, and review them.",
                    "who": "Line managers with the employee",
                },
                {
                    "action": "Point people to support: occupational health, an employee assistance "
                    "programme or NHS Talking Therapies, which people can refer themselves to.",
                    "who": "Line managers and HR",
                },
                {
                    "action": "Keep in touch during sickness absence and plan the return to work together.",
                    "who": "Line managers and HR",
                },
            ],
        },
    ),
    paragraph(
        '<p>The <a href="/toolkit/">employer toolkit</a> takes you through these steps and leaves you with a '
        "printable action plan.</p>"
    ),
]


def audiences(*slugs):
    return list(Audience.objects.filter(slug__in=slugs))


def ensure_briefing(index, slug, *, audience_slugs, topics, **fields):
    existing = index.get_children().filter(slug=slug).exists()
    page = ensure_child(index, BriefingPage, slug, **fields)
    if not existing:
        page.audiences.set(audiences(*audience_slugs))
        page.tags.set(topics)
        page.save_revision().publish()
    return page


@demo_content.register(order=30)
@transaction.atomic
def load_briefings(stdout):
    today = timezone.localdate()
    index = ensure_child(
        home_page(),
        BriefingIndexPage,
        "briefings",
        title="Briefings and reports",
        show_in_menus=True,
        summary="Briefings, reports and guidance on mental health and employment, for commissioners and partners.",
        intro="<p>Short briefings for decision makers, reports from our project, and practical guidance. "
        "Filter by who they are for, topic or type.</p>",
    )
    ensure_briefing(
        index,
        "mental-health-and-employment-for-commissioners",
        title="Mental health and employment: a briefing for commissioners",
        kind=BriefingKind.BRIEFING,
        summary="Supporting people with mental health problems to stay in or return to work helps their recovery "
        "and eases pressure on the NHS. Why this matters to integrated care boards, the key figures, and six "
        "priority actions.",
        publication_date=today - datetime.timedelta(days=30),
        last_reviewed=today - datetime.timedelta(days=30),
        next_review_due=today + datetime.timedelta(days=335),
        author="Adapted from a briefing by the London Mental Health and Employment Partnership",
        organisation="Work and Wellbeing Hub",
        body=commissioner_briefing_body(),
        audience_slugs=["commissioners", "health-and-wellbeing-boards", "gps"],
        topics=["Commissioning", "Employment support", "Talking therapies"],
    )
    ensure_briefing(
        index,
        "good-practice-in-mental-health-and-employment",
        title="Good practice in mental health and employment: project report",
        kind=BriefingKind.REPORT,
        summary="What our national round table, webinars and good-practice review found about helping people "
        "with common mental health problems stay in or return to work, and our recommendations.",
        publication_date=today - datetime.timedelta(days=60),
        last_reviewed=today - datetime.timedelta(days=30),
        next_review_due=today + datetime.timedelta(days=305),
        organisation="Work and Wellbeing Hub",
        body=REPORT_BODY,
        audience_slugs=["commissioners", "health-professionals", "employers"],
        topics=["Voluntary sector", "Employment support", "Commissioning"],
    )
    ensure_briefing(
        index,
        "supporting-staff-with-mental-health-problems",
        title="Supporting staff with mental health problems: guidance for employers",
        kind=BriefingKind.GUIDANCE,
        summary="Four practical steps for employers and line managers when someone at work has a common mental "
        "health problem.",
        publication_date=today - datetime.timedelta(days=90),
        last_reviewed=today - datetime.timedelta(days=30),
        next_review_due=today + datetime.timedelta(days=275),
        organisation="Work and Wellbeing Hub",
        body=GUIDANCE_BODY,
        audience_slugs=["employers", "line-managers", "hr-professionals"],
        topics=["Employers", "Return to work"],
    )
    stdout.write("Briefings, a report and guidance ready under /briefings/.")
