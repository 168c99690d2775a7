"""Shared fixtures: a site whose root is our HomePage, built with factories."""

import pytest
from wagtail.models import Page, Site

from tests.factories.home import HomePageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as the database starts empty: nothing cached under an
    earlier test's data can leak into this one (the search's per-process link maps included)."""
    from django.core.cache import cache

    from search.backend import forget_link_maps

    cache.clear()
    forget_link_maps()


@pytest.fixture(autouse=True)
def page_cache_off_for_query_counts(request, settings):
    """Tests that count a page's SQL queries measure its rendering; a page answered from the page
    cache runs none, so for them the cache is off (tests/core/test_page_cache.py tests the cache).
    Clients load the middleware at their first request, after this."""
    if {"django_assert_num_queries", "django_assert_max_num_queries"} & set(request.fixturenames):
        settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def initial_data(django_db_setup, django_db_blocker):
    """What the migrations put in the test database (Wagtail's root page and locale, default site,
    collections, groups, seeded synonyms...), serialized once, before any test empties the database."""
    from django.db import connection

    with django_db_blocker.unblock():
        return getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()


@pytest.fixture
def initial_rows(initial_data, transactional_db):
    """For transactional and live-server tests: the migrations' rows, restored if an earlier
    transactional test flushed them (pytest-django's own restore misses connections that belong to
    another context, such as Playwright's event loop)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    if not Page.objects.filter(depth=1).exists():
        # The flush after the last test re-ran post_migrate handlers; start from empty tables.
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(initial_data)
        ContentType.objects.clear_cache()
        # The rows came back with their ids; move PostgreSQL's sequences past them (as loaddata does).
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


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
