"""The main menu is cached, and publishing, unpublishing, moving, deleting or restricting a page
changes it at once."""

import re

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.home import StandardPageFactory


def menu(client, url="/"):
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="site-nav" aria-label="Main">(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', nav.group(1)) if nav else []


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, slug="about", title="About the hub", show_in_menus=True)


@pytest.mark.django_db
def test_menu_lists_live_menu_pages_and_marks_the_current_one(client, home_page, about):
    StandardPageFactory(parent=home_page, slug="hidden", title="Not in the menu", show_in_menus=False)
    child = StandardPageFactory(parent=about, slug="team", title="Our team")
    assert menu(client) == [("/about/", "", "About the hub")]
    assert menu(client, "/about/") == [("/about/", "page", "About the hub")]
    assert menu(client, child.url) == [("/about/", "true", "About the hub")]


@pytest.mark.django_db
def test_second_render_reads_the_menu_from_the_cache(client, about, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(100) as cold:
        client.get("/about/")
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(100) as uncached:
        client.get("/about/")
    assert len(cold.captured_queries) < len(uncached.captured_queries)


@pytest.mark.django_db
def test_publishing_a_menu_page_shows_it_at_once(client, home_page, about):
    assert [title for _, _, title in menu(client)] == ["About the hub"]
    draft = StandardPageFactory(parent=home_page, slug="news", title="News", show_in_menus=True, live=False)
    assert [title for _, _, title in menu(client)] == ["About the hub"], "a draft is not in the menu"
    draft.save_revision().publish()
    assert [title for _, _, title in menu(client)] == ["About the hub", "News"]


@pytest.mark.django_db
def test_renaming_unpublishing_moving_or_restricting_updates_the_menu(client, home_page, about):
    other = StandardPageFactory(parent=home_page, slug="other", title="Other", show_in_menus=True)
    assert [title for _, _, title in menu(client)] == ["About the hub", "Other"]

    about.title = "About us"
    about.save_revision().publish()
    assert [title for _, _, title in menu(client)] == ["About us", "Other"]

    other.move(about, pos="last-child")
    assert [title for _, _, title in menu(client)] == ["About us"]

    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert menu(client, "/search/") == []

    PageViewRestriction.objects.all().delete()
    about.unpublish()
    assert menu(client, "/search/") == []


@pytest.mark.django_db
def test_deleting_a_menu_page_removes_it(client, about):
    assert menu(client)
    about.delete()
    assert menu(client) == []
