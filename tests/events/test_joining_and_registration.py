"""The online joining link appears only from 30 minutes before the start until the end; before that,
people see how to register; after the end, that the event has finished."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from hub.events.models import Attendance, EventOrganiser
from tests.factories.events import EventPageFactory

START = datetime.datetime(2030, 3, 5, 12, 30, tzinfo=datetime.UTC)
JOIN = "https://meet.example.org/webinar"
REGISTER = "https://tickets.example.org/webinar"


@pytest.fixture
def webinar(event_index):
    return EventPageFactory(
        parent=event_index,
        start=START,
        end=START + datetime.timedelta(hours=1),
        joining_url=JOIN,
        registration_url=REGISTER,
        registration_closes=START - datetime.timedelta(days=1),
    )


def links_at(client, page, moment):
    with time_machine.travel(moment, tick=False):
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return {link["href"] for link in html.select("main a")}, html.get_text(" ", strip=True)


@pytest.mark.django_db
def test_a_week_before_people_can_register_but_not_join(client, webinar):
    links, text = links_at(client, webinar, START - datetime.timedelta(days=7))
    assert REGISTER in links and JOIN not in links
    assert "Registration closes at 12:30pm on Monday 4 March 2030 (GMT)" in text
    assert "will appear on this page 30 minutes before the start" in text


@pytest.mark.django_db
def test_after_registration_closes_it_says_so(client, webinar):
    links, text = links_at(client, webinar, START - datetime.timedelta(hours=2))
    assert REGISTER not in links and JOIN not in links
    assert "Registration has closed." in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment, visible",
    [
        (START - datetime.timedelta(minutes=31), False),
        (START - datetime.timedelta(minutes=30), True),
        (START, True),
        (START + datetime.timedelta(minutes=59), True),
        (START + datetime.timedelta(minutes=61), False),
    ],
)
def test_joining_link_only_near_the_time(client, webinar, moment, visible):
    links, _ = links_at(client, webinar, moment)
    assert (JOIN in links) is visible
    assert webinar.joining_link_visible(moment) is visible


@pytest.mark.django_db
def test_after_the_end_the_event_has_finished(client, webinar):
    links, text = links_at(client, webinar, START + datetime.timedelta(days=1))
    assert "This event has finished." in text
    assert JOIN not in links and REGISTER not in links
    assert not any(link.endswith("/ical/") for link in links), "no calendar download for a past event"


@pytest.mark.django_db
def test_in_person_event_shows_venue_address_and_access(client, event_index):
    page = EventPageFactory(
        parent=event_index,
        attendance=Attendance.IN_PERSON,
        joining_url="",
        venue="Nottingham Council House",
        address="Old Market Square\nNottingham\nNG1 2DT",
        access_information="Step-free entrance on South Parade.",
    )
    page.organisers = [EventOrganiser(name="Work and Wellbeing Hub", url="https://example.org/")]
    page.save_revision().publish()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    venue = html.select_one(".event__venue")
    assert venue.select_one(".event__venue-name").get_text() == "Nottingham Council House"
    assert venue.address.get_text("|") == "Old Market Square|Nottingham|NG1 2DT"
    assert "Step-free entrance" in venue.get_text()
    assert "will appear on this page" not in html.get_text(), "no joining link talk for an in-person event"
    organiser = html.select_one("dl.event__facts a[href='https://example.org/']")
    assert organiser.get_text() == "Work and Wellbeing Hub"


@pytest.mark.django_db
def test_outputs_after_the_event(client, event_index, home_page):
    past_start = datetime.datetime(2020, 5, 1, 9, tzinfo=datetime.UTC)
    page = EventPageFactory(
        parent=event_index,
        start=past_start,
        end=past_start + datetime.timedelta(hours=3),
        outputs=[
            ("output", {"kind": "recording", "title": "Recording", "url": "https://video.example.org/1"}),
            ("output", {"kind": "report", "title": "Report", "page": home_page}),
        ],
    )
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    outputs = html.select(".event__outputs li.event-output")
    assert [item.get_text(" ", strip=True) for item in outputs] == ["Recording: Recording", "Report: Report"]
    assert outputs[0].a["href"] == "https://video.example.org/1"
    assert outputs[1].a["href"] == "/"
