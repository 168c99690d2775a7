"""Demo content: /services/ with the three services of the seed documents, their leaflets (small PDFs
generated at load time, plus the same text as a web page) and the five referral forms.

Written in our own words. Phone numbers are from Ofcom's range reserved for drama (0115 496 0xxx) and
email addresses use example.org, so nobody real is ever contacted from a demo site.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from hub.core.demo import ensure_child, home_page
from hub.core.registry import demo_content

from .access import ensure_handler_group
from .leaflets import simple_pdf
from .models import ReferralFormPage, ReferrerType, ServiceIndexPage, ServicePage


def paragraph(html):
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


GP_INTRO = (
    "<p>For GPs and practice staff referring a patient. It takes about five minutes. "
    "Have the person's contact details and date of birth to hand, and make sure they have agreed to be referred.</p>"
)
JCP_INTRO = (
    "<p>For Jobcentre Plus work coaches referring someone on their caseload. It takes about five minutes. "
    "Have the person's contact details and date of birth to hand; as their work coach, make sure they have "
    "agreed to be referred.</p>"
)

SERVICES = [
    {
        "slug": "bridging-the-gap",
        "title": "Bridging the Gap",
        "reference_prefix": "BTG",
        "summary": (
            "One-to-one employment support for adults with anxiety, depression or stress who are struggling "
            "at work, off sick, or looking for work."
        ),
        "eligibility": (
            "<p>Adults of working age with a common mental health problem, such as anxiety, depression or "
            "stress, who want help to stay in work, return to work after sickness absence, or find work.</p>"
            "<p>People do not need a diagnosis, and they can be receiving NHS Talking Therapies (formerly "
            "IAPT) at the same time.</p>"
        ),
        "minimum_age": 16,
        "areas_covered": "Nottingham City and Nottinghamshire",
        "how_to_refer": (
            "<p>GPs and Jobcentre Plus work coaches can refer with the online forms on this page. "
            "People can also contact the service themselves by phone or email.</p>"
        ),
        "after_referral": (
            "<ol><li>An employment adviser phones the person to talk about what they would like help with.</li>"
            "<li>They agree a plan together: this might cover talking to an employer, adjustments at work, "
            "confidence, or job searching.</li>"
            "<li>Support continues for as long as it is useful, usually up to six months.</li></ol>"
        ),
        "response_time": "We contact the person within 5 working days of receiving the referral.",
        "contact_phone": "0115 496 0101",
        "contact_email": "bridging-the-gap@example.org",
        "opening_hours": "Monday to Friday, 9am to 5pm",
        "service_accessibility": (
            "<p>Appointments by phone, video or face to face in step-free venues. Interpreters and British "
            "Sign Language interpreters can be booked free of charge. The leaflet is available in large "
            "print on request.</p>"
        ),
        "organisation_name": "Bridging the Gap Partnership (demo)",
        "organisation_description": "A voluntary-sector partnership offering employment support alongside health care.",
        "organisation_url": "https://example.org/bridging-the-gap",
        "organisation_email": "info@example.org",
        "forms": [ReferrerType.GP, ReferrerType.JOBCENTRE_PLUS],
        "leaflet": [
            "Bridging the Gap helps adults with common mental health problems to keep their job, return to "
            "work after time off sick, or find work.",
            "## Who can use it",
            "Anyone aged 16 or over living in Nottingham or Nottinghamshire who has anxiety, depression, "
            "stress or a similar problem and wants help with work. You do not need a diagnosis.",
            "## What you get",
            "An employment adviser who works with you one to one. Together you make a plan: preparing to "
            "talk to your employer, asking for changes at work, building confidence, or looking for a job.",
            "## How to get support",
            "Ask your GP or your Jobcentre Plus work coach to refer you, or contact us yourself. "
            "The service is free and confidential.",
        ],
    },
    {
        "slug": "health-and-work-service",
        "title": "Health and Work Service",
        "reference_prefix": "HWS",
        "summary": (
            "Work-focused health support for people in work who are off sick, or at risk of going off sick, "
            "because of their mental health."
        ),
        "eligibility": (
            "<p>People in paid work, including the self-employed, whose mental health is affecting their "
            "work or who have been off sick, or are likely to be off sick, for four weeks or more.</p>"
        ),
        "minimum_age": 16,
        "areas_covered": "Nottinghamshire and surrounding areas",
        "how_to_refer": (
            "<p>GPs can refer with the GP form. Jobcentre Plus work coaches can refer people who are in work "
            "and claiming benefits with the Jobcentre Plus form.</p>"
        ),
        "after_referral": (
            "<ol><li>A case manager contacts the person to arrange an assessment.</li>"
            "<li>The assessment looks at their health, their work and what is getting in the way.</li>"
            "<li>They receive a return-to-work plan, which they can share with their employer and GP.</li></ol>"
        ),
        "response_time": "We contact the person within 2 working days, and assess them within 10 working days.",
        "contact_phone": "0115 496 0202",
        "contact_email": "health-and-work@example.org",
        "opening_hours": "Monday to Friday, 8am to 6pm",
        "service_accessibility": (
            "<p>Assessments by phone or video, so nobody has to travel. Text relay and interpreters are "
            "available; tell us what you need when you refer.</p>"
        ),
        "organisation_name": "Health and Work Service (demo)",
        "organisation_description": "A work-focused occupational health service.",
        "organisation_url": "https://example.org/health-and-work",
        "forms": [ReferrerType.GP, ReferrerType.JOBCENTRE_PLUS],
        "leaflet": [
            "The Health and Work Service supports people whose mental health is making work difficult, "
            "so they can stay in work or get back sooner.",
            "## Who it is for",
            "People in work, including the self-employed, who are off sick or at risk of going off sick.",
            "## What happens",
            "A case manager assesses your health and your work, then writes a return-to-work plan with you. "
            "You choose whether to share it with your employer.",
            "## Cost",
            "The service is free.",
        ],
    },
    {
        "slug": "notts-fit-for-work",
        "title": "Notts Fit for Work",
        "reference_prefix": "NFW",
        "summary": (
            "Practical and emotional support for people in Nottinghamshire who are off sick from work "
            "because of their mental or physical health."
        ),
        "eligibility": (
            "<p>People who live or are registered with a GP in Nottinghamshire, are employed and have been "
            "off sick for at least two weeks.</p>"
        ),
        "minimum_age": 18,
        "areas_covered": "Nottinghamshire",
        "how_to_refer": "<p>GPs can refer with the form on this page. People can also refer themselves by phone.</p>",
        "after_referral": (
            "<p>A keyworker calls within a week to talk through what is keeping the person off work, "
            "then offers practical help, for example with debt, housing or talking to their employer.</p>"
        ),
        "response_time": "A keyworker calls within 5 working days.",
        "contact_phone": "0115 496 0303",
        "contact_email": "notts-fit-for-work@example.org",
        "opening_hours": "Monday to Friday, 9am to 5pm; Tuesday until 7pm",
        "service_accessibility": "<p>Phone appointments as standard; home visits can be arranged if needed.</p>",
        "organisation_name": "Notts Fit for Work (demo)",
        "organisation_description": "A local keyworker service helping people back to work after sickness absence.",
        "organisation_url": "https://example.org/notts-fit-for-work",
        "forms": [ReferrerType.GP],
        "leaflet": [
            "Notts Fit for Work helps people who are off sick to get back to work, with a keyworker who "
            "looks at everything that is making work hard.",
            "## Who it is for",
            "Employed people in Nottinghamshire who have been off sick for two weeks or more.",
            "## How to get help",
            "Ask your GP to refer you, or phone us to refer yourself. The service is free.",
        ],
    },
]

FORM_DETAILS = {
    ReferrerType.GP: ("gp-referral", "GP referral", GP_INTRO),
    ReferrerType.JOBCENTRE_PLUS: ("jobcentre-plus-referral", "Jobcentre Plus referral", JCP_INTRO),
}


def leaflet_html(spec):
    blocks = []
    for text in spec["leaflet"]:
        if text.startswith("## "):
            blocks.append(heading(text[3:]))
        else:
            blocks.append(paragraph(f"<p>{text}</p>"))
    return blocks


def ensure_leaflet(spec):
    Document = get_document_model()
    title = f"Information leaflet: {spec['title']}"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        pdf = simple_pdf(title, spec["leaflet"])
        document.file.save(f"{spec['slug']}-leaflet.pdf", ContentFile(pdf), save=False)
        document.file_size = len(pdf)
        document.save()
    return document


@demo_content.register(order=20)
@transaction.atomic
def load_services(stdout):
    index = ensure_child(
        home_page(),
        ServiceIndexPage,
        "services",
        title="Services",
        show_in_menus=True,
        summary="Employment support for people with common mental health problems, and how to refer to it.",
        intro=(
            "<p>These services help people with anxiety, depression, stress and similar problems to stay in "
            "work, return after sickness absence or find work. GPs and Jobcentre Plus work coaches can refer "
            "online and get a reference number straight away.</p>"
        ),
    )
    for spec in SERVICES:
        fields = {key: value for key, value in spec.items() if key not in {"slug", "forms", "leaflet"}}
        service = ensure_child(
            index, ServicePage, spec["slug"], leaflet=ensure_leaflet(spec), leaflet_html=leaflet_html(spec), **fields
        )
        ensure_handler_group(service)
        for referrer_type in spec["forms"]:
            slug, label, intro = FORM_DETAILS[referrer_type]
            ensure_child(
                service,
                ReferralFormPage,
                slug,
                title=f"{label}: {spec['title']}",
                referrer_type=referrer_type,
                summary=f"Refer someone to {spec['title']} as a {dict(ReferrerType.choices)[referrer_type]} referrer.",
                intro=intro,
                what_happens_next=spec["after_referral"],
                to_address=f"referrals+{spec['slug']}@example.org",
            )
    stdout.write("Services, leaflets, referral forms and referral handler groups ready.")


@demo_content.register(order=21)
def load_referral_statistics(stdout):
    """A year of synthetic referral history, then the statistics page that shows its figures."""
    from .demo_referrals import load_referral_history
    from .models import ReferralStatisticsPage

    load_referral_history(stdout)
    ensure_child(
        ServiceIndexPage.objects.get(),
        ReferralStatisticsPage,
        "referral-statistics",
        title="Referral statistics",
        summary="How many people GPs and Jobcentre Plus refer to each service, how quickly they are contacted "
        "and what happens next: figures for commissioners, with small numbers protected.",
        intro="<p>For integrated care boards, health and wellbeing boards and anyone planning employment "
        "support. The figures come from the services' own handling of each referral. They are synthetic "
        "on this demonstration site.</p>",
    )
