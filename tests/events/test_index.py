"""The events index: upcoming events soonest first (one under way still counts), then past events
newest first, grouped by year; both paginated; queries constant however many events there are."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from hub.events.models import PAST_EVENTS_PER_PAGE, UPCOMING_PER_PAGE
from tests.factories.events import EventPageFactory

NOW = datetime.datetime(2030, 6, 15, 12, 0, tzinfo=datetime.UTC)


def at(days, hours=0):
    return NOW + datetime.timedelta(days=days, hours=hours)


def event(index, title, start, hours=1):
    return EventPageFactory(parent=index, title=title, start=start, end=start + datetime.timedelta(hours=hours))


def get(client, url="/events/"):
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(section):
    return [link.get_text() for link in section.select(".event-card__title a")] if section else []


@pytest.mark.django_db
def test_upcoming_soonest_first_then_past_by_year_newest_first(client, event_index):
    event(event_index, "Next month", at(30))
    event(event_index, "Tomorrow", at(1))
    event(event_index, "Under way", at(0, -1), hours=3)
    event(event_index, "Just finished", at(0, -2), hours=1)
    event(event_index, "Last year", datetime.datetime(2029, 11, 1, 10, tzinfo=datetime.UTC))
    event(event_index, "Earlier this year", datetime.datetime(2030, 2, 1, 10, tzinfo=datetime.UTC))
    event(event_index, "Two years ago", datetime.datetime(2028, 3, 1, 10, tzinfo=datetime.UTC))

    html = get(client)
    assert titles(html.select_one(".upcoming-events")) == ["Under way", "Tomorrow", "Next month"]
    past = html.select_one(".past-events")
    years = [heading.get_text() for heading in past.select("h3.past-events__year")]
    assert years == ["2030", "2029", "2028"]
    grouped = {
        heading.get_text(): titles(heading.find_next_sibling("ol")) for heading in past.select("h3.past-events__year")
    }
    assert grouped == {
        "2030": ["Just finished", "Earlier this year"],
        "2029": ["Last year"],
        "2028": ["Two years ago"],
    }


@pytest.mark.django_db
def test_empty_states(client, event_index):
    html = get(client)
    assert "No events are planned at the moment." in html.get_text()
    assert html.select_one(".past-events") is None


@pytest.mark.django_db
def test_both_lists_paginate_independently(client, event_index):
    for number in range(UPCOMING_PER_PAGE + 1):
        event(event_index, f"Upcoming {number:02d}", at(number + 1))
    for number in range(PAST_EVENTS_PER_PAGE + 1):
        event(event_index, f"Past {number:02d}", at(-(number + 1)))
    first = get(client)
    assert len(titles(first.select_one(".upcoming-events"))) == UPCOMING_PER_PAGE
    assert len(titles(first.select_one(".past-events"))) == PAST_EVENTS_PER_PAGE
    later = first.select_one(".upcoming-events a[rel=next]")["href"]
    assert later == "/events/?upcoming=2#upcoming-heading"
    older = get(client, "/events/?upcoming=2").select_one(".past-events a[rel=next]")["href"]
    assert older == "/events/?page=2&upcoming=2#past-heading"
    both = get(client, older.split("#")[0])
    assert titles(both.select_one(".upcoming-events")) == [f"Upcoming {UPCOMING_PER_PAGE:02d}"]
    assert titles(both.select_one(".past-events")) == [f"Past {PAST_EVENTS_PER_PAGE:02d}"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["page=abc", "upcoming=-3", "page=100000", "upcoming=%00", "page=1.5"])
def test_odd_page_numbers_still_show_the_lists(client, event_index, query):
    event(event_index, "Tomorrow", at(1))
    event(event_index, "Yesterday", at(-1))
    html = get(client, f"/events/?{query}")
    assert titles(html.select_one(".upcoming-events")) == ["Tomorrow"]
    assert titles(html.select_one(".past-events")) == ["Yesterday"]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_events(client, event_index, django_assert_max_num_queries):
    def add(count, offset):
        for number in range(count):
            event(event_index, f"Upcoming {offset + number}", at(offset + number + 1))
            event(event_index, f"Past {offset + number}", at(-(offset + number + 1)))

    add(2, 0)
    get(client)  # warm per-process caches
    with django_assert_max_num_queries(20) as few:
        get(client)
    add(25, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = get(client)
    assert len(titles(html.select_one(".upcoming-events"))) == UPCOMING_PER_PAGE


@pytest.mark.django_db
def test_index_offers_a_calendar_subscription_and_a_download(client, event_index):
    links = {link["href"] for link in get(client).select(".calendar-links a")}
    assert links == {"webcal://testserver/events/ical/", "/events/ical/"}
