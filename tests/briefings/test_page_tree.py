"""Briefings live under their index, and the index under the home page, once."""

import pytest

from hub.briefings.models import BriefingIndexPage, BriefingPage
from hub.home.models import StandardPage
from tests.factories.briefings import BriefingPageFactory
from tests.factories.home import StandardPageFactory


@pytest.mark.django_db
def test_briefing_index_goes_under_home_only_and_only_once(home_page, briefing_index):
    about = StandardPageFactory(parent=home_page, slug="about")
    assert not BriefingIndexPage.can_create_at(home_page), "a second briefings index must not be offered"
    assert not BriefingIndexPage.can_create_at(about)


@pytest.mark.django_db
def test_briefings_only_under_the_briefing_index(home_page, briefing_index):
    about = StandardPageFactory(parent=home_page, slug="about")
    assert BriefingPage.can_create_at(briefing_index)
    assert not BriefingPage.can_create_at(home_page)
    assert not BriefingPage.can_create_at(about)
    assert list(briefing_index.specific_class.allowed_subpage_models()) == [BriefingPage]


@pytest.mark.django_db
def test_a_briefing_has_no_children(briefing_index):
    briefing = BriefingPageFactory(parent=briefing_index)
    assert list(briefing.specific_class.allowed_subpage_models()) == []
    assert not StandardPage.can_create_at(briefing)
