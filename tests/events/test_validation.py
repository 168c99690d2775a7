"""Editors get a clear message for an event that cannot happen as entered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.events.models import Attendance, EventPage

# Building a page looks up its content type, so these need the database even though nothing is saved.
pytestmark = pytest.mark.django_db


def event(**fields):
    start = timezone.now() + datetime.timedelta(days=3)
    defaults = {
        "title": "Webinar",
        "slug": "webinar",
        "start": start,
        "end": start + datetime.timedelta(hours=1),
        "attendance": Attendance.ONLINE,
    }
    return EventPage(**{**defaults, **fields})


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return caught.value.message_dict


def test_end_must_follow_start():
    start = timezone.now()
    assert "end" in errors_of(event(start=start, end=start))


def test_in_person_events_need_a_venue_or_address():
    assert "venue" in errors_of(event(attendance=Attendance.IN_PERSON))
    assert "venue" in errors_of(event(attendance=Attendance.HYBRID))
    event(attendance=Attendance.IN_PERSON, address="1 Road, Nottingham").clean()


def test_registration_cannot_close_after_the_end():
    page = event()
    page.registration_closes = page.end + datetime.timedelta(minutes=1)
    assert "registration_closes" in errors_of(page)
