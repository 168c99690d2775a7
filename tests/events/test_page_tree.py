"""Events live under the events index, and the index under the home page, once."""

import pytest

from hub.events.models import EventIndexPage, EventPage
from tests.factories.events import EventPageFactory
from tests.factories.home import StandardPageFactory


@pytest.mark.django_db
def test_event_index_under_home_only_and_once(home_page, event_index):
    assert not EventIndexPage.can_create_at(home_page)
    assert not EventIndexPage.can_create_at(StandardPageFactory(parent=home_page, slug="about"))


@pytest.mark.django_db
def test_events_only_under_the_event_index_and_have_no_children(home_page, event_index):
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(home_page)
    assert list(event_index.specific_class.allowed_subpage_models()) == [EventPage]
    event = EventPageFactory(parent=event_index)
    assert list(event.specific_class.allowed_subpage_models()) == []
