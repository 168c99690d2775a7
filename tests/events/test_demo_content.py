"""The demo events: a past national round table with its outputs, and an upcoming webinar and learning event."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from hub.events.models import EventKind, EventPage


@pytest.fixture
def demo(db):
    call_command("load_demo_content")


@pytest.mark.django_db
def test_events_index_lists_upcoming_webinar_and_learning_event_then_the_past_round_table(client, demo):
    response = client.get("/events/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    upcoming = [link.get_text() for link in html.select(".upcoming-events .event-card__title a")]
    past = [link.get_text() for link in html.select(".past-events .event-card__title a")]
    assert upcoming == [
        "Webinar: employment support in NHS Talking Therapies",
        "Learning event for commissioners and system partners",
    ]
    assert past == ["National round table on mental health and employment"]


@pytest.mark.django_db
def test_round_table_links_to_its_report(client, demo):
    round_table = EventPage.objects.get(kind=EventKind.ROUND_TABLE)
    html = BeautifulSoup(client.get(round_table.url, HTTP_HOST="localhost").content, "html.parser")
    links = {link["href"] for link in html.select(".event__outputs a")}
    assert "/briefings/good-practice-in-mental-health-and-employment/" in links


@pytest.mark.django_db
def test_demo_events_load_idempotently(client, demo):
    count = EventPage.objects.count()
    call_command("load_demo_content")
    assert EventPage.objects.count() == count == 3
    for event in EventPage.objects.all():
        assert client.get(event.url + "ical/", HTTP_HOST="localhost").status_code == 200
