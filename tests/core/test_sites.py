"""The request's site comes from the cache, and a change to the sites shows in the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from tests.factories.home import StandardPageFactory


def site_queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return [query for query in queries.captured_queries if '"wagtailcore_site"' in query["sql"]]


@pytest.mark.django_db
def test_the_site_is_looked_up_once_then_read_from_the_cache(client, home_page):
    assert site_queries(client, "/"), "the first request looks the site up"
    assert site_queries(client, "/") == []


@pytest.mark.django_db
def test_a_new_site_and_a_moved_root_show_at_once(client, home_page, site):
    campaign = StandardPageFactory(parent=Page.get_first_root_node(), slug="campaign", title="Campaign home")
    assert client.get("/", HTTP_HOST="localhost").context["page"].title == home_page.title
    Site.objects.create(hostname="localhost", port=80, root_page=campaign)
    assert client.get("/", HTTP_HOST="localhost").context["page"].title == "Campaign home"
    site.root_page = campaign
    site.save()
    assert client.get("/").context["page"].title == "Campaign home"
