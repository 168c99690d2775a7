"""`load_demo_content` builds the documented page tree and is safe to run again."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from hub.home.models import HomePage


def page_counts():
    return {model.__name__: model.objects.count() for model in {p.specific_class for p in Page.objects.all()} if model}


@pytest.mark.django_db
def test_demo_content_builds_the_documented_urls(client):
    call_command("load_demo_content")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    for url in ["/", "/about/", "/privacy/", "/accessibility/"]:
        response = client.get(url, HTTP_HOST=site.hostname)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_demo_content_load_is_idempotent():
    call_command("load_demo_content")
    first = (Page.objects.count(), page_counts())
    call_command("load_demo_content")
    assert (Page.objects.count(), page_counts()) == first


@pytest.mark.django_db
def test_demo_content_leaves_editors_changes_alone():
    call_command("load_demo_content")
    about = Page.objects.get(slug="about").specific
    about.title = "About us (edited)"
    about.save_revision().publish()
    call_command("load_demo_content")
    assert Page.objects.get(slug="about").title == "About us (edited)"
