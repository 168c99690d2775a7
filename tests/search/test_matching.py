"""How words match on every backend: stemming, common words, partial matches ranked by how many words
they have, phrases and exclusions kept strict, the typeahead stemmed too."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from search.elasticsearch import HubElasticsearchSearchBackend
from search.query import parse, to_search_query
from tests.factories.home import StandardPageFactory


def titles(client, query):
    html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [link.get_text(strip=True) for link in html.select(".search-result h2 a, .search-result h3 a")]


@pytest.fixture
def pages(home_page):
    made = {
        "managers": ("Guidance for line managers", "What managers can do when someone is struggling at work."),
        "management": ("Stress management", "Managing pressure so it does not become stress."),
        "both": ("Quiet rooms and flexible hours", "Flexible hours help; so does a quiet room."),
        "one": ("Flexible working requests", "How to ask for flexible working."),
        "neither": ("Canteen menu", "Soup and sandwiches."),
    }
    return {
        key: StandardPageFactory(parent=home_page, title=title, slug=key, summary=summary)
        for key, (title, summary) in made.items()
    }


def test_singular_and_plural_and_other_forms_meet(client, pages):
    assert "Guidance for line managers" in titles(client, "line manager")
    assert "Stress management" in titles(client, "managing")


def test_hits_with_every_word_come_before_hits_with_some(client, pages):
    found = titles(client, "flexible quiet hours")
    assert found[0] == "Quiet rooms and flexible hours"
    assert "Flexible working requests" not in found  # one word of three: below the minimum of two
    found = titles(client, "flexible quiet")
    assert found[0] == "Quiet rooms and flexible hours" and "Flexible working requests" in found[1:]


def test_a_question_is_not_turned_into_no_results_by_its_common_words(client, pages):
    assert titles(client, "how do I get flexible hours for someone")[0] == "Quiet rooms and flexible hours"


def test_quoted_phrases_and_excluded_words_stay_strict(client, pages):
    assert titles(client, '"flexible working"') == ["Flexible working requests"]
    assert "Flexible working requests" not in titles(client, "flexible -working")
    assert titles(client, '"quiet room" flexible')[0] == "Quiet rooms and flexible hours"


def test_a_typo_is_corrected_while_the_other_words_match(client, pages):
    response = client.get("/search/", {"q": "flexibel hours"})
    status = BeautifulSoup(response.content, "html.parser").select_one(".search-status").get_text()
    assert "flexible hours" in status and "instead of" in status
    assert titles(client, "flexibel hours")[0] == "Quiet rooms and flexible hours"


def test_the_typeahead_is_stemmed_too(client, pages):
    found = [hit["title"] for hit in client.get("/search/suggest/", {"q": "manag"}).json()["results"]]
    assert "Guidance for line managers" in found and "Stress management" in found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 tokenizer is SQLite's")
def test_the_sqlite_index_stems_and_keeps_stemming_after_a_rebuild(pages):
    def definition():
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name LIKE '%indexentry_fts'")
            return cursor.fetchone()[0]

    assert "porter unicode61 remove_diacritics 2" in definition()
    call_command("rebuild_search", verbosity=0)
    assert "porter unicode61 remove_diacritics 2" in definition()
    with connection.cursor() as cursor:  # the spelling word list holds words as written, not stems
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words_check USING fts5vocab(main, hub_search_words, row)"
        )
        cursor.execute("SELECT term FROM temp.words_check WHERE term LIKE 'manag%'")
        assert {"managers", "management"} <= {row[0] for row in cursor.fetchall()}


def test_elasticsearch_is_sent_the_same_minimum():
    backend = HubElasticsearchSearchBackend({"URLS": ["http://127.0.0.1:9"]})
    query = to_search_query(parse("how do I refer someone to Bridging the Gap"))
    compiler = backend.query_compiler_class(Page.objects.all(), query)
    inner = compiler.get_inner_query()
    clauses = inner.get("dis_max", {}).get("queries", [inner])
    for clause in clauses:
        assert clause["bool"]["minimum_should_match"] == 2
        assert len(clause["bool"]["should"]) == 3  # three words


def test_counting_word_by_word_finds_and_ranks_as_the_index_sets_do(client, pages, monkeypatch):
    """Where there are too many ways of picking the words a hit needs, the backends count each word
    for each hit instead: the same hits in the same order."""
    from django.core.cache import cache

    from search import query

    question = "flexible quiet working hours"  # three of four: four ways to pick
    with_sets = titles(client, question)
    cache.clear()
    monkeypatch.setattr(query, "MAX_COMBINATIONS", 1)
    assert titles(client, question) == with_sets == ["Quiet rooms and flexible hours"]
    question = "flexible quiet working"  # two of three: both pages, ranked by score
    with_sets = titles(client, question)
    cache.clear()
    monkeypatch.setattr(query, "MAX_COMBINATIONS", 40)
    assert titles(client, question) == with_sets
    assert set(with_sets) == {"Quiet rooms and flexible hours", "Flexible working requests"}


def test_partial_matches_only_when_too_few_hits_have_every_word(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Walrus welfare {number}", slug=f"w-{number}", summary="walrus")
    StandardPageFactory(parent=home_page, title="Walrus only", slug="walrus-only", summary="A walrus.")
    StandardPageFactory(parent=home_page, title="Narwhal only", slug="narwhal-only", summary="A narwhal.")

    def status(query):
        html = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
        notice = html.select_one(".search-partial")
        return html.select_one(".search-status").get_text(" ", strip=True), notice is not None

    assert status("walrus welfare") == ("12 results for “walrus welfare”, showing 1 to 10.", False)
    text, partial = status("narwhal walrus")  # no page has both: pages with either, and the page says so
    assert text.startswith("14 results") and partial
