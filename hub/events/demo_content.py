"""Demo events from the project seed: the national round table (past, with its outputs), a webinar and a
learning event (both upcoming). Dates are set relative to the day the demo is loaded."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from hub.core.demo import ensure_child, home_page
from hub.core.registry import demo_content

from .models import LONDON, Attendance, EventIndexPage, EventKind, EventOrganiser, EventPage

ORGANISER = "Work and Wellbeing Hub"
VENUE = "Nottingham Council House"
ADDRESS = "Old Market Square\nNottingham\nNG1 2DT"
ACCESS = (
    "Step-free entrance on South Parade, with a lift to every floor. A hearing loop is fitted in the meeting "
    "rooms and a quiet room is available all day. The nearest tram stop is Old Market Square; Nottingham "
    "station is a 15-minute walk. Tell us about any other needs when you register."
)


def at(day, hour, minute=0):
    """An aware datetime at ``hour:minute`` UK time on ``day``."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def paragraph(html):
    return ("paragraph", html)


def page_output(kind, title, slug, description=""):
    """An output pointing at a demo briefing page, if it exists."""
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        return None
    return ("output", {"kind": kind, "title": title, "description": description, "page": page})


def ensure_event(index, slug, organisers, **fields):
    existing = index.get_children().filter(slug=slug).exists()
    page = ensure_child(index, EventPage, slug, **fields)
    if not existing:
        page.organisers = [EventOrganiser(name=name, url=url) for name, url in organisers]
        page.save_revision().publish()
    return page


@demo_content.register(order=40)
@transaction.atomic
def load_events(stdout):
    today = timezone.localdate()
    index = ensure_child(
        home_page(),
        EventIndexPage,
        "events",
        title="Events",
        show_in_menus=True,
        summary="Round tables, webinars and learning events on mental health and employment.",
        intro="Join our webinars and learning events, or catch up on past events through their reports, "
        "recordings and slides.",
    )

    round_table_day = today - datetime.timedelta(days=120)
    outputs = [
        output
        for output in [
            page_output(
                "report",
                "Good practice in mental health and employment: project report",
                "good-practice-in-mental-health-and-employment",
                "What the round table and the good-practice review found, with recommendations.",
            ),
            page_output(
                "other",
                "Briefing for commissioners",
                "mental-health-and-employment-for-commissioners",
                "The key figures and priority actions for integrated care boards.",
            ),
        ]
        if output
    ]
    ensure_event(
        index,
        "national-round-table-on-mental-health-and-employment",
        organisers=[(ORGANISER, "")],
        title="National round table on mental health and employment",
        kind=EventKind.ROUND_TABLE,
        summary="Researchers, practitioners and voluntary sector organisations shared evidence and good practice "
        "on helping people with common mental health problems stay in or return to work.",
        start=at(round_table_day, 10),
        end=at(round_table_day, 15, 30),
        attendance=Attendance.IN_PERSON,
        venue=VENUE,
        address=ADDRESS,
        access_information=ACCESS,
        body=[
            paragraph(
                "<p>The round table looked at what works, where the gaps are and what action is needed, "
                "including what employers need as well as what individuals need, and what voluntary and "
                "community sector organisations contribute.</p>"
            )
        ],
        outputs=outputs,
    )

    webinar_day = today + datetime.timedelta(days=21)
    ensure_event(
        index,
        "webinar-employment-support-in-nhs-talking-therapies",
        organisers=[(ORGANISER, "")],
        title="Webinar: employment support in NHS Talking Therapies",
        kind=EventKind.WEBINAR,
        summary="An hour for commissioners and service leads on offering employment support alongside talking "
        "therapies (formerly IAPT), with time for questions.",
        start=at(webinar_day, 12, 30),
        end=at(webinar_day, 13, 30),
        attendance=Attendance.ONLINE,
        joining_url="https://meet.example.org/work-and-wellbeing-webinar",
        joining_instructions="Live captions are available. You can join from a browser; no software is needed.",
        registration_url="https://tickets.example.org/work-and-wellbeing-webinar",
        body=[
            paragraph(
                "<p>We will share what the round table and our good-practice review found, and hear from a "
                "service that offers employment advisers within talking therapies. The session is recorded "
                "and the recording will be published here.</p>"
            )
        ],
    )

    learning_day = today + datetime.timedelta(days=60)
    ensure_event(
        index,
        "learning-event-for-commissioners-and-system-partners",
        organisers=[(ORGANISER, "")],
        title="Learning event for commissioners and system partners",
        kind=EventKind.LEARNING_EVENT,
        summary="A day for integrated care boards, health and wellbeing boards and their partners to turn the "
        "briefing's priority actions into local plans.",
        start=at(learning_day, 10),
        end=at(learning_day, 15),
        attendance=Attendance.HYBRID,
        venue=VENUE,
        address=ADDRESS,
        access_information=ACCESS,
        joining_url="https://meet.example.org/work-and-wellbeing-learning-event",
        registration_url="https://tickets.example.org/work-and-wellbeing-learning-event",
        registration_closes=at(learning_day - datetime.timedelta(days=7), 17),
        body=[
            paragraph(
                "<p>Morning sessions cover the evidence and the business case; in the afternoon, groups work "
                "through the priority actions for their own area. Lunch is provided for people attending in "
                "person.</p>"
            )
        ],
    )
    stdout.write("Events ready under /events/: a past round table, a webinar and a learning event.")
