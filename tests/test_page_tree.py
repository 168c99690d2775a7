"""The page tree stays sane: editors can only add pages where they belong."""

import pytest
from wagtail.models import Page

from hub.home.models import HomePage, StandardPage
from tests.factories.home import StandardPageFactory


@pytest.mark.django_db
def test_home_page_only_at_the_tree_root_and_only_once(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root), "a second home page must not be offered"
    assert not HomePage.can_create_at(home_page)


@pytest.mark.django_db
def test_standard_pages_go_under_home_or_another_standard_page(home_page):
    about = StandardPageFactory(parent=home_page, slug="about")
    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_standard_page_offers_only_standard_children(home_page):
    about = StandardPageFactory(parent=home_page, slug="about")
    assert [model for model in about.specific_class.allowed_subpage_models()] == [StandardPage]
