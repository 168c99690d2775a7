"""Toolkit pages cost the same number of queries however many steps, actions and resources they have."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests.factories.resources import ResourceFactory
from tests.factories.toolkit import build_toolkit
from toolkit.models import ToolkitStepResource

URLS = ["/toolkit/", "/toolkit/step-2/", "/toolkit/action-plan/", "/toolkit/action-plan/download/markdown/"]


def query_counts(client, home_page, steps, actions):
    _toolkit, step_pages = build_toolkit(home_page, steps=steps, actions=actions)
    for step in step_pages:
        for order in range(actions):
            ToolkitStepResource.objects.create(page=step, resource=ResourceFactory(), sort_order=order)
    # Tick something so the progress paths are exercised too.
    client.post("/toolkit/step-1/", {"action": [str(step_pages[0].actions.first().pk)]})
    counts = {}
    for url in URLS:
        client.get(url)  # warm Wagtail's site-root cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured)
    return counts


@pytest.mark.django_db
def test_query_count_is_constant_in_steps_actions_and_resources(client, home_page):
    small = query_counts(client, home_page, steps=2, actions=2)
    Page.objects.get(slug="toolkit").delete()
    large = query_counts(client, home_page, steps=8, actions=6)
    assert large == small


@pytest.mark.django_db
def test_pages_stay_within_a_query_budget(client, home_page, django_assert_max_num_queries):
    _toolkit, step_pages = build_toolkit(home_page, steps=6, actions=5)
    client.post("/toolkit/step-1/", {"action": [str(step_pages[0].actions.first().pk)]})
    for url in URLS:
        client.get(url)
        with django_assert_max_num_queries(20):
            client.get(url)
