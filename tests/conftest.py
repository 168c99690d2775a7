"""Shared fixtures: a site whose root is our HomePage, built with factories."""

import pytest
from wagtail.models import Page, Site

from tests.factories.home import HomePageFactory


@pytest.fixture
def home_page(db):
    """The default site's root as a HomePage (Wagtail's placeholder page removed)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="hub", title="Work and Wellbeing Hub")
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    placeholder.delete()
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)
