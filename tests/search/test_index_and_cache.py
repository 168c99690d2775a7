"""Indexing asks the database a fixed number of questions however many resources there are; popular
searches are answered from the cache, and every change to content shows in the next search."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.search import index

from resources.models import Resource
from tests.factories.home import StandardPageFactory
from tests.factories.resources import ResourceFactory, TopicFactory
from tests.search.test_search_page import result_titles, soup


def test_a_resource_is_found_by_the_names_of_its_topics_and_audiences(client, content, audiences):
    debt = TopicFactory(name="Debt advice", slug="debt-advice")
    bills = ResourceFactory(title="Help with bills", summary="Where to get free help.", topics=[debt])
    # Tests run tasks at once, before the factories' links are saved: index the finished resources.
    for resource in (bills, content["stress"]):
        index.insert_or_update_object(resource)
    titles = result_titles(client.get("/search/", {"q": "debt"}))
    assert len(titles) == 1 and "Help with bills" in titles[0]
    assert any("Managing work-related stress" in t for t in result_titles(client.get("/search/", {"q": "GPs"})))


def index_reads(count):
    """Database reads made to index ``count`` resources, each with two topics. (Writes may be one per
    entry: Wagtail's SQLite index upserts entries one by one; its PostgreSQL index inserts in bulk.)"""
    Resource.objects.all().delete()
    topics = [TopicFactory(name=f"Topic {n}", slug=f"topic-{n}") for n in range(2)]
    for number in range(count):
        ResourceFactory(title=f"Indexed resource {number}", topics=topics)
    with CaptureQueriesContext(connection) as queries:
        call_command("update_index", verbosity=0)
    return sum(1 for query in queries if query["sql"].lstrip().upper().startswith("SELECT"))


@pytest.mark.django_db
def test_rebuilding_the_index_does_not_ask_the_database_once_per_resource(home_page):
    few, many = index_reads(3), index_reads(30)
    assert many <= few, f"{few} reads for 3 resources, {many} for 30"


def test_a_repeated_search_is_answered_from_the_cache(client, content):
    client.get("/search/", {"q": "adjustments"})
    with CaptureQueriesContext(connection) as first_repeat:
        again = client.get("/search/", {"q": "adjustments"})
    assert "Reasonable adjustments at work" in result_titles(again)
    full_text = [q["sql"] for q in first_repeat.captured_queries if "hub_hits" in q["sql"]]
    assert full_text == [], "the full-text statements ran again"


def test_pages_and_resources_are_read_from_the_index_in_one_statement(client, content):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "employers"})
    titles = result_titles(response)
    assert "Reasonable adjustments at work" in titles and any("Fit note guidance" in t for t in titles)
    full_text = [q["sql"] for q in queries.captured_queries if "hub_hits" in q["sql"]]
    assert len(full_text) == 1, f"{len(full_text)} full-text statements for one unfiltered search"


def test_a_page_and_a_resource_with_the_same_id_keep_their_own_audiences(client, home_page, audiences):
    page = StandardPageFactory(parent=home_page, title="Zebra page", slug="zebra-page")
    resource = ResourceFactory(id=page.pk, title="Zebra resource", audiences=[audiences["gps"]])
    # Not a hit, but it shares its id with one: its audience must not be counted for the page.
    other_page = StandardPageFactory(parent=home_page, title="Zebra notes", slug="zebra-notes")
    unrelated = ResourceFactory(id=other_page.pk, title="Unrelated", audiences=[audiences["employers"]])
    for item in (resource, unrelated):
        index.insert_or_update_object(item)
    response = client.get("/search/", {"q": "zebra"})
    page_soup = soup(response)
    results = {
        item.select_one(".search-result__title").get_text(" ", strip=True).split(" (")[0]: item.get_text(
            " ", strip=True
        )
        for item in page_soup.select(".search-results ol > li")
    }
    assert sorted(results) == ["Zebra notes", "Zebra page", "Zebra resource"]
    assert "GPs" in results["Zebra resource"] and "GPs" not in results["Zebra page"]
    assert "(1)" in page_soup.select_one("label[for=audience-gps]").get_text()
    assert page_soup.select_one("label[for=audience-employers]") is None


def test_new_and_changed_content_shows_in_the_next_search_at_once(client, content, home_page):
    assert result_titles(client.get("/search/", {"q": "zebra"})) == []
    ResourceFactory(title="Zebra crossing guidance")
    assert any("Zebra crossing guidance" in t for t in result_titles(client.get("/search/", {"q": "zebra"})))

    page = StandardPageFactory(parent=home_page, title="Zebra page", slug="zebra", live=False)
    page.save_revision().publish()
    assert "Zebra page" in result_titles(client.get("/search/", {"q": "zebra"}))

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Zebra page" not in result_titles(client.get("/search/", {"q": "zebra"})), "now private"

    page.refresh_from_db()
    page.unpublish()
    PageViewRestriction.objects.all().delete()
    assert "Zebra page" not in result_titles(client.get("/search/", {"q": "zebra"})), "unpublished"

    resource = Resource.objects.get(title="Zebra crossing guidance")
    resource.delete()
    assert result_titles(client.get("/search/", {"q": "zebra"})) == []


def test_a_new_query_under_the_same_filters_reuses_the_compiled_statement(client, content, monkeypatch):
    from search import backend

    compiled = []
    original = backend.one_pass_statement
    monkeypatch.setattr(backend, "one_pass_statement", lambda *a, **k: compiled.append(1) or original(*a, **k))
    assert "Reasonable adjustments at work" in result_titles(client.get("/search/", {"q": "adjustments"}))
    titles = result_titles(client.get("/search/", {"q": '"fit note"'}))  # one phrase: the same shape
    assert any("Fit note guidance" in t for t in titles) and "Reasonable adjustments at work" not in titles
    assert len(compiled) == 1, "the second query compiled its statement again"
    client.get("/search/", {"q": '"fit note"', "audience": "gps"})
    assert len(compiled) == 2, "other filters, another statement"
    client.get("/search/", {"q": "fit note employers"})
    assert len(compiled) == 3, "three optional words: another shape of statement"


def test_a_page_made_private_leaves_every_later_search_at_once(client, content, home_page):
    page = StandardPageFactory(parent=home_page, title="Zebra page", slug="zebra", live=False)
    page.save_revision().publish()
    assert "Zebra page" in result_titles(client.get("/search/", {"q": "zebra"}))
    client.get("/search/", {"q": "employers"})  # compiled under the page tree before the change
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Zebra page" not in result_titles(client.get("/search/", {"q": "zebra page"}))


@pytest.mark.django_db(transaction=True)
def test_facet_counts_follow_links_changed_after_they_were_read(initial_rows, client, content, audiences):
    """Outside a transaction, as a running site searches, each link table's links are kept between
    searches: a link added or removed afterwards, by any path, still shows in the next search."""
    from search import backend

    def facets(query):
        page = soup(client.get("/search/", {"q": query}))
        return {label["for"]: label.get_text(" ", strip=True) for label in page.select(".search-filters label")}

    assert "(1)" in facets("stress")["audience-gps"]
    assert backend._link_maps, "the links were not kept"
    ResourceFactory(title="Stress risk assessment for GPs", audiences=[audiences["gps"]])
    assert "(2)" in facets("stress")["audience-gps"]

    stress = content["stress"]
    stress.audiences.remove(audiences["gps"])
    stress.save()  # a cluster's links are written when it is saved
    assert "(1)" in facets("stress")["audience-gps"]
    results = soup(client.get("/search/", {"q": "managing stress"})).select(".search-results ol > li")
    managing = [item.get_text(" ", strip=True) for item in results if "Managing work-related" in item.get_text()]
    assert managing and "Employers" in managing[0] and "GPs" not in managing[0], "its audiences as they are now"

    debt = TopicFactory(name="Debt advice", slug="debt-advice")
    stress.topics.add(debt)
    stress.save()
    assert "(1)" in facets("stress")["topic-debt-advice"]

    # Straight to the link table: nothing is saved or indexed again, and a new query still counts right.
    Resource.audiences.through.objects.filter(audience=audiences["gps"]).delete()
    assert "audience-gps" not in facets("stress risk")
