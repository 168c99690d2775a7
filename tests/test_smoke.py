"""Every page type renders for a visitor and in an editor's preview; unknown URLs get our 404 page."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories.home import StandardPageFactory


@pytest.fixture
def pages(home_page):
    return {"home": home_page, "standard": StandardPageFactory(parent=home_page, slug="about", title="About the hub")}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "standard"])
def test_every_page_type_renders_with_the_site_chrome(client, pages, kind):
    page = pages[kind]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert 'href="#main-content"' in html, "skip link"
    assert 'id="main-content"' in html
    assert "116 123" in html and "NHS 111" in html, "urgent help in the chrome"
    assert 'role="search"' in html and 'action="/search/"' in html and 'for="site-search-q"' in html, "search box"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["home", "standard"])
def test_every_page_type_previews_for_an_editor(client, pages, kind):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    page = pages[kind]
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert "tota11y" in response.content.decode(), "the accessibility checker loads in previews"


@pytest.mark.django_db
def test_breadcrumbs_lead_home_from_a_child_page(client, pages):
    html = client.get(pages["standard"].url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert '<span aria-current="page">About the hub</span>' in html


@pytest.mark.django_db
def test_unknown_url_uses_the_site_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Skip to main content" in html


@pytest.fixture
def demo_site(db):
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("load_demo_content")
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.save()
    return site


@pytest.mark.django_db
def test_every_demo_page_of_every_type_renders_and_previews(client, demo_site):
    from wagtail.models import Page

    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    seen_types = set()
    for page in Page.objects.live().specific().exclude(depth=1):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        if type(page) not in seen_types:
            seen_types.add(type(page))
            client.force_login(editor)
            assert client.get(f"/admin/pages/{page.pk}/view_draft/").status_code == 200, page.url
            client.logout()
    assert len(seen_types) >= 2


@pytest.mark.django_db
def test_administrators_word_the_urgent_help_but_the_crisis_numbers_always_show(client, home_page):
    from hub.core.models import HubSettings

    hub_settings = HubSettings.load()
    hub_settings.urgent_help_text = "In crisis? Help is available now."
    hub_settings.save()
    html = client.get("/").content.decode()
    assert "In crisis? Help is available now." in html
    assert 'href="tel:111"' in html and 'href="tel:116123"' in html and 'href="tel:999"' in html
