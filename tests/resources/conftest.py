import pytest

from tests.factories.core import AudienceFactory
from tests.factories.resources import ResourceDirectoryPageFactory, TopicFactory


@pytest.fixture
def directory(home_page):
    return ResourceDirectoryPageFactory(parent=home_page)


@pytest.fixture
def audiences(db):
    return {
        "employers": AudienceFactory(name="Employers", slug="employers", sort_order=1),
        "gps": AudienceFactory(name="GPs", slug="gps", sort_order=2),
        "commissioners": AudienceFactory(name="Commissioners", slug="commissioners", sort_order=3),
    }


@pytest.fixture
def topics(db):
    return {
        "stress": TopicFactory(name="Workplace stress", slug="workplace-stress"),
        "rtw": TopicFactory(name="Return to work", slug="return-to-work"),
        "unused": TopicFactory(name="Commissioning", slug="commissioning"),
    }
