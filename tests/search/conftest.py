"""Search fixtures: a small site with pages and resources, indexed (tasks run immediately in tests)."""

import pytest

from search import spelling
from tests.factories.core import AudienceFactory
from tests.factories.home import StandardPageFactory


@pytest.fixture(autouse=True)
def fresh_caches():
    from django.core.cache import cache

    cache.clear()
    spelling.clear()
    yield
    cache.clear()
    spelling.clear()


@pytest.fixture
def audiences(db):
    return {
        "employers": AudienceFactory(name="Employers", slug="employers"),
        "gps": AudienceFactory(name="GPs", slug="gps"),
    }


@pytest.fixture
def content(home_page, audiences):
    """Pages and resources with known words; returns them by a short name."""
    from tests.factories.resources import ResourceFactory, TopicFactory

    return_to_work = TopicFactory(name="Return to work", slug="return-to-work")

    pages = {
        "adjustments": StandardPageFactory(
            parent=home_page,
            title="Reasonable adjustments at work",
            slug="reasonable-adjustments",
            summary="How employers can make changes so people with mental health problems stay in work.",
        ),
        "passing": StandardPageFactory(
            parent=home_page,
            title="About the hub",
            slug="about",
            summary="We cover many topics; one of them is adjustments, among others such as money and housing.",
        ),
        "talking": StandardPageFactory(
            parent=home_page,
            title="NHS Talking Therapies",
            slug="talking-therapies",
            summary="Free psychological therapy for anxiety and depression, referred by a GP or yourself.",
        ),
        "draft": StandardPageFactory(
            parent=home_page,
            title="Draft adjustments plan",
            slug="draft-adjustments",
            summary="Not published yet.",
            live=False,
        ),
    }
    resources = {
        "fitnote": ResourceFactory(
            title="Fit note guidance for employers",
            summary="What the fit note means and how to use it for a phased return.",
            audiences=[audiences["employers"]],
            topics=[return_to_work],
        ),
        "stress": ResourceFactory(
            title="Managing work-related stress",
            summary="Risk assessment templates for stress at work.",
            audiences=[audiences["employers"], audiences["gps"]],
        ),
        "hidden": ResourceFactory(title="Unpublished adjustments resource", live=False),
    }
    return {**pages, **resources}
