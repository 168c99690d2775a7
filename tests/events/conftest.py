import pytest
from django.core.cache import cache

from tests.factories.events import EventIndexPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """The iCal feed is cached; each test starts without another test's calendar."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)
