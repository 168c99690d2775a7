"""The public directory at /resources/: combined filters, live counts, removal links, bad input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.cache import DIRECTORY
from resources.models import ResourceType
from tests.factories.resources import OrganisationFactory, ResourceFactory


def option_count(html, facet, value):
    """The count shown next to a filter option, or None when the option is not offered."""
    match = re.search(
        rf'id="filter-{facet}-{re.escape(value)}"[^>]*>\s*<label[^>]*>[^<]*'
        r'<span class="resource-filters__count">\((\d+)',
        html,
    )
    return int(match.group(1)) if match else None


def titles(response):
    return [r.title for r in response.context["directory"]["resources"]]


@pytest.fixture
def library(directory, audiences, topics):
    mind = OrganisationFactory(name="Mind")
    hse = OrganisationFactory(name="Health and Safety Executive", short_name="HSE")
    ResourceFactory(
        title="Stress at work for employers",
        organisation=hse,
        resource_type=ResourceType.GUIDE,
        audiences=[audiences["employers"]],
        topics=[topics["stress"]],
    )
    ResourceFactory(
        title="Returning to work after illness",
        organisation=mind,
        resource_type=ResourceType.GUIDE,
        audiences=[audiences["employers"], audiences["gps"]],
        topics=[topics["rtw"]],
    )
    ResourceFactory(
        title="Fit note toolkit for GPs",
        organisation=mind,
        resource_type=ResourceType.TOOLKIT,
        audiences=[audiences["gps"]],
        topics=[topics["rtw"], topics["stress"]],
    )
    ResourceFactory(
        title="Unpublished draft about stress",
        organisation=mind,
        live=False,
        resource_type=ResourceType.REPORT,
        audiences=[audiences["commissioners"]],
        topics=[topics["stress"]],
    )
    return directory


def test_lists_live_resources_only_with_counts(client, library):
    response = client.get("/resources/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == [
        "Fit note toolkit for GPs",
        "Returning to work after illness",
        "Stress at work for employers",
    ]
    assert "Unpublished draft" not in html
    assert option_count(html, "audience", "employers") == 2
    assert option_count(html, "audience", "gps") == 2
    assert option_count(html, "topic", "workplace-stress") == 2
    assert option_count(html, "type", "guide") == 2
    # Options that would give nothing (only drafts, or nothing at all) are not offered.
    assert option_count(html, "audience", "commissioners") is None
    assert option_count(html, "type", "report") is None
    assert option_count(html, "topic", "commissioning") is None


def test_filters_combine_and_counts_follow(client, library):
    response = client.get("/resources/?audience=gps&topic=return-to-work")
    html = response.content.decode()
    assert titles(response) == ["Fit note toolkit for GPs", "Returning to work after illness"]
    # Counts for a facet take the other facets into account.
    assert option_count(html, "type", "toolkit") == 1
    assert option_count(html, "type", "guide") == 1
    assert option_count(html, "audience", "employers") == 1  # employers AND return to work
    assert option_count(html, "topic", "workplace-stress") == 1  # GPs AND stress

    response = client.get("/resources/?audience=gps&topic=return-to-work&type=toolkit")
    assert titles(response) == ["Fit note toolkit for GPs"]


def test_options_within_a_facet_are_alternatives(client, library):
    response = client.get("/resources/?type=toolkit&type=guide&audience=employers")
    assert titles(response) == ["Returning to work after illness", "Stress at work for employers"]


def test_active_filters_have_one_click_removal(client, library):
    response = client.get("/resources/?audience=gps&topic=return-to-work&q=fit")
    active = response.context["directory"]["active_filters"]
    labels = [a["label"] for a in active]
    assert labels == ["Keywords: fit", "Audience: GPs", "Topic: Return to work"]
    removal = {a["label"]: a["remove_url"] for a in active}
    assert removal["Audience: GPs"] == "?q=fit&topic=return-to-work"
    followed = client.get("/resources/" + removal["Keywords: fit"])
    assert titles(followed) == ["Fit note toolkit for GPs", "Returning to work after illness"]
    assert 'href="/resources/?q=fit&amp;topic=return-to-work"' in response.content.decode()


def test_chosen_option_with_no_results_stays_visible_and_empty_state_suggests_removal(client, library):
    response = client.get("/resources/?audience=employers&type=toolkit")
    html = response.content.decode()
    assert titles(response) == []
    assert "No resources match all of your choices" in html
    # The chosen type stays on screen (checked) so it can be unticked.
    assert 'id="filter-type-toolkit" checked' in html
    assert option_count(html, "type", "toolkit") == 0
    assert 'href="/resources/?type=toolkit">Remove <span class="resource-empty__label">Audience: Employers' in html


def test_keyword_search_matches_title_summary_organisation_and_topic(client, library):
    assert titles(client.get("/resources/?q=HSE")) == ["Stress at work for employers"]
    assert titles(client.get("/resources/?q=mind+toolkit")) == ["Fit note toolkit for GPs"]
    assert titles(client.get("/resources/?q=return+to+work")) == [
        "Fit note toolkit for GPs",
        "Returning to work after illness",
    ]
    assert titles(client.get("/resources/?q=nothing-like-this")) == []


def test_sort_by_date_added(client, directory):
    import datetime

    ResourceFactory(title="Older", date_added=datetime.date(2020, 1, 1))
    ResourceFactory(title="Newer", date_added=datetime.date(2024, 1, 1))
    assert titles(client.get("/resources/?sort=newest")) == ["Newer", "Older"]
    assert titles(client.get("/resources/?sort=title")) == ["Newer", "Older"]
    assert titles(client.get("/resources/")) == ["Newer", "Older"]


@pytest.mark.parametrize(
    "query",
    [
        "?audience=../../etc&page=abc&sort=<script>",
        "?audience=&topic=%00&type=spaceship&page=-1",
        "?type=guide&type=guide&page=99999",
        "?q=" + "x" * 5000,
        "?q=%22%27%3B--&topic=" + "a" * 300,
        "?page=1.5&sort=",
        "?q=%00%01stress",
    ],
)
def test_malformed_input_is_ignored(client, library, query):
    response = client.get("/resources/" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_unknown_values_are_ignored_not_applied(client, library):
    response = client.get("/resources/?audience=../../etc&audience=gps&type=spaceship&sort=<script>")
    assert titles(response) == ["Fit note toolkit for GPs", "Returning to work after illness"]
    assert [a["label"] for a in response.context["directory"]["active_filters"]] == ["Audience: GPs"]


def test_pagination_clamps_bad_page_numbers(client, directory):
    for number in range(45):
        ResourceFactory(title=f"Resource {number:02d}")
    first = client.get("/resources/?page=abc")
    assert first.context["directory"]["page"].number == 1
    assert len(titles(first)) == 20
    last = client.get("/resources/?page=999")
    assert last.context["directory"]["page"].number == 3
    assert titles(last) == [f"Resource {n}" for n in range(40, 45)]
    html = client.get("/resources/?page=2").content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "45 resources" in html


def test_links_announce_that_they_leave_the_site(client, library):
    html = client.get("/resources/").content.decode()
    assert '<span class="visually-hidden"> (opens external site)</span>' in html
    assert "Health and Safety Executive" in html
    assert "Workplace stress" in html


def make_resources(count, audiences, topics):
    for number in range(count):
        ResourceFactory(
            audiences=[audiences["employers"], audiences["gps"]],
            topics=[topics["stress"], topics["rtw"]],
            resource_type=ResourceType.values[number % len(ResourceType.values)],
        )


FILTERED = "/resources/?audience=employers&topic=workplace-stress&type=guide&type=report&q=resource&page=2"


def count_queries(client, url, cold=True):
    if cold:
        DIRECTORY.bump()  # facet counts computed afresh, not from the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_is_constant_and_small(client, directory, audiences, topics, django_assert_max_num_queries):
    make_resources(3, audiences, topics)
    client.get("/resources/")  # warm Wagtail's site cache
    few = {url: count_queries(client, url) for url in ("/resources/", FILTERED, "/resources/?topic=commissioning")}
    make_resources(70, audiences, topics)
    many = {url: count_queries(client, url) for url in few}
    assert many == few
    DIRECTORY.bump()
    with django_assert_max_num_queries(15):
        client.get(FILTERED)
    # Warm: the facet counts come from the cache; only the page of results is read.
    assert count_queries(client, FILTERED, cold=False) == many[FILTERED] - 3


def test_counts_follow_changes_even_when_cached(client, library, audiences, topics):
    html = client.get("/resources/?topic=workplace-stress").content.decode()
    assert option_count(html, "audience", "employers") == 1
    ResourceFactory(title="New stress guide", audiences=[audiences["employers"]], topics=[topics["stress"]])
    html = client.get("/resources/?topic=workplace-stress").content.decode()
    assert option_count(html, "audience", "employers") == 2
    draft = ResourceFactory(title="Draft", audiences=[audiences["employers"]], topics=[topics["stress"]], live=False)
    assert option_count(client.get("/resources/?topic=workplace-stress").content.decode(), "audience", "employers") == 2
    draft.live = True
    draft.save()
    assert option_count(client.get("/resources/?topic=workplace-stress").content.decode(), "audience", "employers") == 3
