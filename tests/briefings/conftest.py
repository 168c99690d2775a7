import pytest

from tests.factories.briefings import BriefingIndexPageFactory
from tests.factories.core import AudienceFactory


@pytest.fixture
def briefing_index(home_page):
    return BriefingIndexPageFactory(parent=home_page)


@pytest.fixture
def commissioners(db):
    return AudienceFactory(name="Commissioners", slug="commissioners", sort_order=0)


@pytest.fixture
def employers(db):
    return AudienceFactory(name="Employers", slug="employers", sort_order=1)
