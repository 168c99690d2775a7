"""Demo content: the resource directory page and the resource library.

The first ten resources are the ones the CCG briefing lists (seed 002), with the addresses it gives;
the rest are well-known national and local resources on work and mental health. Summaries are our own.
Idempotent: resources are matched by URL and organisations by name; existing ones are left as editors
left them.
"""

import datetime

from django.db import transaction

from hub.core.demo import ensure_child, home_page
from hub.core.models import Audience
from hub.core.registry import demo_content

from .models import Organisation, Resource, ResourceDirectoryPage, Topic

ORGANISATIONS = {
    "DWP": (
        "Department for Work and Pensions",
        "DWP",
        "https://www.gov.uk/government/organisations/department-for-work-pensions",
    ),
    "Mind": ("Mind", "", "https://www.mind.org.uk/"),
    "CMH": ("Centre for Mental Health", "", "https://www.centreformentalhealth.org.uk/"),
    "LHP": ("London Health Programmes", "", ""),
    "WfW": ("Working for Wellness", "", ""),
    "NEF": ("New Economics Foundation", "NEF", "https://neweconomics.org/"),
    "NHSE-employers": ("NHS Employers", "", "https://www.nhsemployers.org/"),
    "CIPD": ("Chartered Institute of Personnel and Development", "CIPD", "https://www.cipd.org/"),
    "HSE": ("Health and Safety Executive", "HSE", "https://www.hse.gov.uk/"),
    "SHIFT": ("SHIFT (Department of Health anti-stigma programme)", "SHIFT", ""),
    "Acas": ("Acas", "", "https://www.acas.org.uk/"),
    "NHS": ("NHS", "", "https://www.nhs.uk/"),
    "NHS England": ("NHS England", "", "https://www.england.nhs.uk/"),
    "NICE": ("National Institute for Health and Care Excellence", "NICE", "https://www.nice.org.uk/"),
    "MHFA": ("Mental Health First Aid England", "MHFA England", "https://mhfaengland.org/"),
    "MHF": ("Mental Health Foundation", "", "https://www.mentalhealth.org.uk/"),
    "IPS Grow": ("IPS Grow", "", "https://ipsgrow.org.uk/"),
    "Able Futures": ("Able Futures", "", "https://able-futures.co.uk/"),
    "Samaritans": ("Samaritans", "", "https://www.samaritans.org/"),
    "Notts CC": ("Nottinghamshire County Council", "", "https://www.nottinghamshire.gov.uk/"),
    "DHSC": (
        "Department of Health and Social Care",
        "DHSC",
        "https://www.gov.uk/government/organisations/department-of-health-and-social-care",
    ),
    "Heads Together": ("Mental Health at Work (Mind and Heads Together)", "", "https://www.mentalhealthatwork.org.uk/"),
    "BITC": ("Business in the Community", "BITC", "https://www.bitc.org.uk/"),
}

TOPICS = {
    "stress": "Workplace stress",
    "rtw": "Return to work",
    "adjust": "Reasonable adjustments",
    "therapy": "Talking therapies",
    "wellbeing": "Wellbeing",
    "manage": "Line management",
    "safety": "Health and safety",
    "commission": "Commissioning",
    "support": "Employment support",
    "fitnote": "Fit notes",
    "stigma": "Stigma",
    "ips": "Individual Placement and Support",
    "staff": "Staff wellbeing",
    "evidence": "Evidence and data",
    "crisis": "Crisis support",
}

# (title, url, organisation key, type, audiences, topics, region, summary, extra fields)
RESOURCES = [
    # The CCG briefing's list (seed 002), with the addresses it gives.
    (
        "Health, work and wellbeing",
        "http://www.dwp.gov.uk/health-work-and-well-being/",
        "DWP",
        "website",
        ["employers", "health-professionals", "gps", "commissioners"],
        ["rtw", "fitnote", "evidence"],
        "uk",
        "The government's collection of reports and guides on work and health, written for both employers "
        "and clinicians: the evidence that good work is good for health and practical help with sickness absence.",
        {},
    ),
    (
        "Mind: mental health at work",
        "http://www.mind.org.uk/workplace",
        "Mind",
        "website",
        ["employers", "line-managers", "hr-professionals"],
        ["stress", "wellbeing", "manage", "staff"],
        "england",
        "Mind's advice for employers on creating a mentally healthy workplace, supporting staff who are "
        "struggling and tackling the causes of poor mental health at work.",
        {},
    ),
    (
        "Centre for Mental Health: employment",
        "http://www.centreformentalhealth.org.uk/employment/index.aspx",
        "CMH",
        "website",
        ["commissioners", "employers", "health-professionals"],
        ["support", "ips", "evidence"],
        "england",
        "Research, briefings and practical guidance on helping people with mental health problems find and "
        "keep work, including the evidence behind Individual Placement and Support.",
        {},
    ),
    (
        "London Health Programmes: mental health and employment",
        "http://www.londonhp.nhs.uk/services/mental-health/social-inclusionemployment/",
        "LHP",
        "guide",
        ["commissioners", "health-professionals", "employers"],
        ["commission", "therapy", "support"],
        "london",
        "Material for London's NHS on mental health and work, with a practical guide to engaging employers "
        "and information on what is now NHS Talking Therapies (formerly IAPT).",
        {},
    ),
    (
        "Working for Wellness: London talking therapies search map",
        "http://www.workingforwellness.org.uk/resources/general-information/search-map/",
        "WfW",
        "service-finder",
        ["gps", "health-professionals", "public", "work-coaches"],
        ["therapy"],
        "london",
        "A map of London's talking therapies services (IAPT at the time) showing where people can refer "
        "themselves, with self-help material translated into several languages.",
        {},
    ),
    (
        "Five ways to wellbeing",
        "http://www.neweconomics.org/projects/five-ways-well-being",
        "NEF",
        "guide",
        ["public", "employers", "commissioners"],
        ["wellbeing", "evidence"],
        "uk",
        "Five simple, evidence-based actions anyone can take for their own wellbeing: connect, be active, "
        "take notice, keep learning and give. Easy to share with staff and patients.",
        {},
    ),
    (
        "NHS Employers: healthy workplaces",
        "http://www.nhsemployers.org/HealthyWorkplaces/Pages/Home-Healthy.aspx",
        "NHSE-employers",
        "website",
        ["employers", "hr-professionals", "commissioners"],
        ["staff", "wellbeing", "stress"],
        "england",
        "Guidance for NHS organisations as employers on looking after the health and wellbeing of their own "
        "staff, from reducing stress to supporting people back after sickness absence.",
        {},
    ),
    (
        "CIPD: health and wellbeing at work",
        "http://www.cipd.co.uk/hr-topics/health-safety-well-being.aspx",
        "CIPD",
        "website",
        ["hr-professionals", "employers", "line-managers"],
        ["staff", "wellbeing", "stress", "manage"],
        "uk",
        "The professional body for HR's guides, surveys and factsheets on employee wellbeing, managing "
        "absence and building a workplace culture that supports mental health.",
        {},
    ),
    (
        "HSE: health and safety made simple",
        "http://www.hse.gov.uk/simple-health-safety/index.htm",
        "HSE",
        "guide",
        ["employers"],
        ["safety", "stress"],
        "uk",
        "A plain guide for small and new businesses to the basics of health and safety law, including the "
        "duty to assess and manage risks such as work-related stress.",
        {},
    ),
    (
        "SHIFT Line Managers' Resource",
        "http://shift.org.uk/files/employers/lmr2009_web.pdf",
        "SHIFT",
        "guide",
        ["line-managers", "employers", "hr-professionals"],
        ["manage", "adjust", "stigma", "rtw"],
        "england",
        "A practical handbook for managers on supporting someone with a mental health problem: spotting "
        "early signs, talking about it, making adjustments and managing a return to work.",
        {"document_format": "pdf"},
    ),
    # More well-known resources.
    (
        "HSE: work-related stress",
        "https://www.hse.gov.uk/stress/",
        "HSE",
        "website",
        ["employers", "line-managers", "hr-professionals"],
        ["stress", "safety"],
        "uk",
        "The regulator's pages on what employers must do about stress at work, how to spot the signs and "
        "how to talk to staff about it, with templates and examples.",
        {},
    ),
    (
        "HSE Management Standards for work-related stress",
        "https://www.hse.gov.uk/stress/standards/",
        "HSE",
        "toolkit",
        ["employers", "hr-professionals"],
        ["stress", "safety", "staff"],
        "uk",
        "A step-by-step approach to assessing the six main causes of stress at work (demands, control, "
        "support, relationships, role and change), with an indicator survey tool.",
        {},
    ),
    (
        "Access to Work",
        "https://www.gov.uk/access-to-work",
        "DWP",
        "website",
        ["people-seeking-work", "employers", "work-coaches"],
        ["adjust", "support", "rtw"],
        "uk",
        "Government grants and support for people whose health condition or disability affects their work, "
        "including a free mental health support service. Explains who can apply and how.",
        {},
    ),
    (
        "Find an NHS talking therapies service",
        "https://www.nhs.uk/service-search/mental-health/find-an-nhs-talking-therapies-service",
        "NHS",
        "service-finder",
        ["public", "gps", "work-coaches", "people-seeking-work"],
        ["therapy"],
        "england",
        "Search by postcode for the local NHS Talking Therapies service (formerly IAPT). Most accept "
        "self-referral, so people can refer themselves without seeing a GP.",
        {},
    ),
    (
        "Mind Wellness Action Plan",
        "https://www.mind.org.uk/workplace/mental-health-at-work/taking-care-of-your-staff/employer-resources/wellness-action-plan-download/",
        "Mind",
        "toolkit",
        ["line-managers", "employers", "public"],
        ["manage", "wellbeing", "adjust"],
        "uk",
        "A short template that an employee fills in, and shares with their manager if they wish, setting out "
        "what keeps them well at work, early warning signs and the support that helps.",
        {"document_format": "pdf"},
    ),
    (
        "Fit note: guidance for employers, patients and healthcare professionals",
        "https://www.gov.uk/government/collections/fit-note",
        "DWP",
        "guide",
        ["gps", "health-professionals", "employers", "hr-professionals"],
        ["fitnote", "rtw"],
        "uk",
        "How the fit note works, who can issue one and how employers can use its advice to help someone "
        "stay in or return to work, with separate guidance for each group.",
        {},
    ),
    (
        "Acas: supporting mental health at work",
        "https://www.acas.org.uk/supporting-mental-health-workplace",
        "Acas",
        "guide",
        ["employers", "line-managers", "hr-professionals"],
        ["manage", "stress", "adjust"],
        "uk",
        "Impartial advice on how managers can support staff's mental health, have supportive conversations "
        "and handle absence fairly, and where the law on disability applies.",
        {},
    ),
    (
        "Acas: reasonable adjustments for mental health",
        "https://www.acas.org.uk/reasonable-adjustments-for-mental-health",
        "Acas",
        "guide",
        ["employers", "line-managers", "people-seeking-work"],
        ["adjust", "rtw"],
        "uk",
        "Examples of changes to hours, tasks and the working environment that can help someone with a "
        "mental health condition, and how to agree them together.",
        {},
    ),
    (
        "Thriving at work: the Stevenson/Farmer review",
        "https://www.gov.uk/government/publications/thriving-at-work-a-review-of-mental-health-and-employers",
        "DHSC",
        "report",
        ["employers", "commissioners", "hr-professionals"],
        ["evidence", "staff", "wellbeing"],
        "uk",
        "The independent 2017 review of how employers can better support people with mental health "
        "problems, setting out six core standards every employer can adopt.",
        {},
    ),
    (
        "Mental Health at Work",
        "https://www.mentalhealthatwork.org.uk/",
        "Heads Together",
        "website",
        ["employers", "line-managers", "hr-professionals"],
        ["staff", "wellbeing", "manage"],
        "uk",
        "A gateway to toolkits, guides and training on workplace mental health gathered from many "
        "organisations, searchable by sector and by role.",
        {},
    ),
    (
        "Mental Health First Aid training",
        "https://mhfaengland.org/",
        "MHFA",
        "training",
        ["employers", "line-managers", "hr-professionals"],
        ["manage", "staff", "stigma"],
        "england",
        "Courses that teach staff to recognise the signs of mental ill health, start a conversation and "
        "guide a colleague towards support.",
        {},
    ),
    (
        "IPS Grow: Individual Placement and Support",
        "https://ipsgrow.org.uk/",
        "IPS Grow",
        "website",
        ["commissioners", "health-professionals"],
        ["ips", "support", "commission"],
        "england",
        "Support for commissioners and NHS providers setting up or improving Individual Placement and "
        "Support services, which help people using mental health services into paid work.",
        {},
    ),
    (
        "Mental wellbeing at work (NICE guideline NG212)",
        "https://www.nice.org.uk/guidance/ng212",
        "NICE",
        "guide",
        ["employers", "commissioners", "health-professionals"],
        ["evidence", "staff", "manage"],
        "england",
        "Evidence-based recommendations on improving wellbeing at work, from organisation-wide approaches "
        "to training managers and offering individual support.",
        {},
    ),
    (
        "Able Futures: Access to Work mental health support",
        "https://able-futures.co.uk/",
        "Able Futures",
        "website",
        ["people-seeking-work", "employers", "gps"],
        ["support", "rtw", "wellbeing"],
        "uk",
        "Nine months of free, confidential support from a mental health professional for people in work, "
        "or about to start, who are finding their mental health affects their job.",
        {},
    ),
    (
        "Samaritans",
        "https://www.samaritans.org/",
        "Samaritans",
        "website",
        ["public", "people-seeking-work"],
        ["crisis"],
        "uk",
        "Round-the-clock listening support for anyone who is struggling: call free on 116 123, email or "
        "write. Also offers workplace training on supporting colleagues.",
        {},
    ),
    (
        "How to be mentally healthy at work",
        "https://www.mind.org.uk/information-support/tips-for-everyday-living/how-to-be-mentally-healthy-at-work/",
        "Mind",
        "guide",
        ["public", "people-seeking-work"],
        ["wellbeing", "stress", "adjust"],
        "uk",
        "Advice written for employees on managing work-related stress, looking after themselves and "
        "knowing their rights, including when to tell an employer about a mental health problem.",
        {},
    ),
    (
        "Every Mind Matters",
        "https://www.nhs.uk/every-mind-matters/",
        "NHS",
        "website",
        ["public"],
        ["wellbeing", "stress"],
        "england",
        "The NHS's self-help site: answer a few questions for a personal plan with tips on sleep, worry, "
        "low mood and stress.",
        {},
    ),
    (
        "Mental health at work: the business costs ten years on",
        "https://www.centreformentalhealth.org.uk/publications/mental-health-work-business-costs-ten-years",
        "CMH",
        "report",
        ["employers", "commissioners"],
        ["evidence", "staff"],
        "uk",
        "Estimates what poor mental health costs employers in absence, lost productivity and staff turnover, "
        "and argues the case for investing in prevention and support.",
        {},
    ),
    (
        "How to support mental health at work",
        "https://www.mentalhealth.org.uk/explore-mental-health/publications/how-support-mental-health-work",
        "MHF",
        "guide",
        ["employers", "line-managers", "public"],
        ["wellbeing", "manage", "stigma"],
        "uk",
        "A short, practical guide for managers and staff on looking after mental health at work, with "
        "ideas that cost little to put in place.",
        {},
    ),
    (
        "NHS Talking Therapies manual",
        "https://www.england.nhs.uk/publication/the-improving-access-to-psychological-therapies-manual/",
        "NHS England",
        "guide",
        ["commissioners", "health-professionals"],
        ["therapy", "commission", "support"],
        "england",
        "The national manual for commissioning and running NHS Talking Therapies services (formerly IAPT), "
        "including the role of employment advisers working alongside therapists.",
        {"document_format": "pdf"},
    ),
    (
        "Mental health toolkit for employers",
        "https://www.bitc.org.uk/toolkit/mental-health-for-employers-toolkit/",
        "BITC",
        "toolkit",
        ["employers", "hr-professionals"],
        ["staff", "wellbeing", "stigma"],
        "uk",
        "A free toolkit from Business in the Community and Public Health England on building a workplace "
        "culture where people can talk about mental health.",
        {},
    ),
    (
        "Notts Help Yourself",
        "https://www.nottshelpyourself.org.uk/",
        "Notts CC",
        "service-finder",
        ["public", "gps", "work-coaches", "people-seeking-work"],
        ["wellbeing", "support"],
        "nottinghamshire",
        "Nottinghamshire's directory of local services, groups and activities, including mental health "
        "and employment support in the county.",
        {},
    ),
]


def ensure_directory_page():
    return ensure_child(
        home_page(),
        ResourceDirectoryPage,
        "resources",
        title="Resources",
        show_in_menus=True,
        summary="Trusted guides, toolkits, reports and services on mental health and work, from other organisations.",
        intro=(
            "Guides, toolkits, reports and services from other organisations that we recommend. Filter by "
            "who you are, the topic and the kind of resource, or search for a word."
        ),
    )


def ensure_resources(stdout=None):
    organisations = {}
    for key, (name, short_name, website) in ORGANISATIONS.items():
        organisations[key], _created = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "website": website}
        )
    topics = {}
    for key, name in TOPICS.items():
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
        topics[key] = topic
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    existing = set(Resource.objects.values_list("url", flat=True))
    created = 0
    start = datetime.date(2024, 1, 8)
    for position, (title, url, org, kind, audience_slugs, topic_keys, region, summary, extra) in enumerate(RESOURCES):
        if url in existing:
            continue
        resource = Resource(
            title=title,
            url=url,
            organisation=organisations[org],
            resource_type=kind,
            region=region,
            summary=summary,
            date_added=start + datetime.timedelta(days=9 * position),
            **extra,
        )
        resource.full_clean()
        resource.save()
        resource.audiences.set([audiences[slug] for slug in audience_slugs if slug in audiences])
        resource.topics.set([topics[key] for key in topic_keys])
        resource.save()
        resource.save_revision().publish()
        created += 1
    if stdout is not None:
        stdout.write(f"Resource library ready: {created} resources added, {len(RESOURCES) - created} already there.")
    return created


@demo_content.register(order=10)
@transaction.atomic
def load_resources(stdout):
    ensure_directory_page()
    ensure_resources(stdout)
