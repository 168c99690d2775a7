"""iCal files parse as RFC 5545 calendars with Europe/London times that are right on both sides of a
clock change, stable UIDs and a DTSTAMP; the feed holds upcoming events only."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from hub.events.models import Attendance, EventKind
from tests.factories.events import EventPageFactory

UTC = datetime.UTC
LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    return calendar


def fetch(client, url):
    with time_machine.travel(NOW, tick=False):
        return client.get(url)


@pytest.fixture
def summer_webinar(event_index):
    # 10am BST on 2 July 2030 is 09:00 UTC.
    start = datetime.datetime(2030, 7, 2, 9, 0, tzinfo=UTC)
    return EventPageFactory(
        parent=event_index, title="Summer webinar", slug="summer", start=start, end=start + datetime.timedelta(hours=1)
    )


@pytest.fixture
def winter_round_table(event_index):
    # 10am GMT on 3 December 2030 is 10:00 UTC.
    start = datetime.datetime(2030, 12, 3, 10, 0, tzinfo=UTC)
    return EventPageFactory(
        parent=event_index,
        title="Winter round table",
        slug="winter",
        kind=EventKind.ROUND_TABLE,
        start=start,
        end=start + datetime.timedelta(hours=5, minutes=30),
        attendance=Attendance.IN_PERSON,
        venue="Nottingham Council House",
        address="Old Market Square\nNottingham\nNG1 2DT",
    )


@pytest.mark.django_db
def test_event_ics_is_a_download_with_london_times(client, summer_webinar):
    response = fetch(client, summer_webinar.url + "ical/")
    assert response["Content-Disposition"] == 'attachment; filename="summer.ics"'
    calendar = parse(response)
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert timezone_component["TZID"] == "Europe/London"
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.astimezone(UTC) == datetime.datetime(2030, 7, 2, 9, 0, tzinfo=UTC)
    assert (start.hour, start.utcoffset()) == (10, datetime.timedelta(hours=1)), "10am BST"
    assert end - start == datetime.timedelta(hours=1)
    assert event["SUMMARY"] == "Webinar: Summer webinar"
    assert event["URL"] == "http://testserver/events/summer/"
    assert event["LOCATION"] == "Online"
    assert re.search(rb"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", response.content), "DTSTAMP in UTC"
    assert b"meet.example.org" not in response.content, "the joining link stays on the site"


@pytest.mark.django_db
def test_vtimezone_covers_both_gmt_and_bst(client, summer_webinar):
    calendar = parse(fetch(client, summer_webinar.url + "ical/"))
    [timezone_component] = calendar.walk("VTIMEZONE")
    offsets = {sub["TZNAME"]: sub["TZOFFSETTO"].td for sub in timezone_component.subcomponents}
    assert offsets == {"GMT": datetime.timedelta(0), "BST": datetime.timedelta(hours=1)}


@pytest.mark.django_db
def test_winter_event_is_in_gmt(client, winter_round_table):
    [event] = parse(fetch(client, winter_round_table.url + "ical/")).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (10, datetime.timedelta(0)), "10am GMT"
    assert event["LOCATION"] == "Nottingham Council House, Old Market Square, Nottingham, NG1 2DT"


@pytest.mark.django_db
def test_uid_is_stable_when_the_event_is_edited(client, summer_webinar):
    [before] = parse(fetch(client, summer_webinar.url + "ical/")).walk("VEVENT")
    summer_webinar.title = "Summer webinar (moved)"
    summer_webinar.slug = "summer-moved"
    summer_webinar.save_revision().publish()
    [after] = parse(fetch(client, "/events/summer-moved/ical/")).walk("VEVENT")
    assert before["UID"] == after["UID"]
    other = EventPageFactory(parent=summer_webinar.get_parent())
    [different] = parse(fetch(client, other.url + "ical/")).walk("VEVENT")
    assert different["UID"] != before["UID"]


@pytest.mark.django_db
def test_feed_lists_upcoming_events_soonest_first(client, event_index, summer_webinar, winter_round_table):
    past_start = datetime.datetime(2029, 1, 1, 10, tzinfo=UTC)
    EventPageFactory(
        parent=event_index, title="Past event", start=past_start, end=past_start + datetime.timedelta(hours=1)
    )
    response = fetch(client, "/events/ical/")
    assert response["Content-Disposition"].startswith("inline")
    calendar = parse(response)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Webinar: Summer webinar", "Round table: Winter round table"]
    assert len(calendar.walk("VTIMEZONE")) == 1
    starts = [event.decoded("DTSTART").utcoffset() for event in calendar.walk("VEVENT")]
    assert starts == [datetime.timedelta(hours=1), datetime.timedelta(0)], "BST then GMT in one calendar"


@pytest.mark.django_db
def test_feed_updates_when_an_event_is_published(client, event_index, summer_webinar):
    assert len(parse(fetch(client, "/events/ical/")).walk("VEVENT")) == 1
    start = datetime.datetime(2030, 9, 1, 9, tzinfo=UTC)
    EventPageFactory(parent=event_index, title="Added later", start=start, end=start + datetime.timedelta(hours=1))
    assert len(parse(fetch(client, "/events/ical/")).walk("VEVENT")) == 2


@pytest.mark.django_db
def test_empty_feed_is_still_a_valid_calendar(client, event_index):
    calendar = parse(fetch(client, "/events/ical/"))
    assert calendar.walk("VEVENT") == []
