"""Times are stored in UTC and shown in UK time, saying GMT or BST, on both sides of a clock change."""

import datetime

import pytest

from hub.events.models import describe_span, format_time

UTC = datetime.UTC


def test_format_time_uses_the_gov_uk_style():
    assert format_time(datetime.datetime(2026, 1, 1, 10, 0)) == "10am"
    assert format_time(datetime.datetime(2026, 1, 1, 12, 30)) == "12:30pm"
    assert format_time(datetime.datetime(2026, 1, 1, 0, 5)) == "12:05am"


def test_winter_event_in_gmt():
    start = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
    assert describe_span(start, start + datetime.timedelta(hours=2)) == "Thursday 15 January 2026, 10am to 12pm (GMT)"


def test_summer_event_in_bst_is_an_hour_ahead_of_utc():
    start = datetime.datetime(2026, 7, 15, 9, 0, tzinfo=UTC)
    end = start + datetime.timedelta(minutes=90)
    assert describe_span(start, end) == "Wednesday 15 July 2026, 10am to 11:30am (BST)"


def test_event_spanning_the_clock_change_names_both_zones():
    # The clocks went back at 2am BST on Sunday 25 October 2026 (01:00 UTC).
    start = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 1:30am BST
    end = datetime.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)  # 2am GMT
    assert describe_span(start, end) == "Sunday 25 October 2026, 1:30am to 2am (BST to GMT)"


def test_multi_day_event_gives_both_days():
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    end = datetime.datetime(2026, 3, 3, 16, 0, tzinfo=UTC)
    assert describe_span(start, end) == "Monday 2 March 2026, 9am (GMT) to Tuesday 3 March 2026, 4pm (GMT)"


@pytest.mark.django_db
def test_event_page_shows_uk_time(client, event_index):
    from tests.factories.events import EventPageFactory

    start = datetime.datetime(2030, 6, 4, 13, 0, tzinfo=UTC)
    page = EventPageFactory(parent=event_index, start=start, end=start + datetime.timedelta(hours=1))
    html = client.get(page.url).content.decode()
    assert "Tuesday 4 June 2030, 2pm to 3pm (BST)" in html
    assert 'datetime="2030-06-04T14:00:00+01:00"' in html
