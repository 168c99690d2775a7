"""Our database backend: same hits as Wagtail's stock backend, better ranking, never a syntax error."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as StockBackend
from modelsearch.query import And, Not, Phrase, PlainText
from wagtail.models import Page

from search.backend import optimise_index
from tests.factories.home import StandardPageFactory

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the fast path is SQLite's")

QUERIES = [
    "adjustments",
    "work",
    "mental health",
    "employers work",
    "gp",
    "therapy",
    "nothingmatchesthis",
    Phrase("mental health"),
    Phrase("stay in work"),
    And([PlainText("work"), Not(PlainText("employers"))]),
    PlainText("adjustments money", operator="or"),
]


def test_the_settings_backend_is_ours_on_sqlite_and_stock_elsewhere(db):
    backend = get_search_backend()
    if connection.vendor == "sqlite":
        assert type(backend).__name__ == "HubSQLiteSearchBackend"
    else:
        assert type(backend).__name__ == "HubPostgresSearchBackend"


@sqlite_only
@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_hits_equal_the_stock_backends(content, query):
    ours = get_search_backend().search(query, Page.objects.live())
    stock = StockBackend({}).search(query, Page.objects.live())
    assert sorted(p.pk for p in ours) == sorted(p.pk for p in stock)
    assert ours.count() == stock.count() == len(list(ours))


@sqlite_only
@pytest.mark.parametrize("query", ["adj", "reas", "talk ther", "a"])
def test_autocomplete_hits_equal_the_stock_backends(content, query):
    ours = get_search_backend().autocomplete(query, Page.objects.live())
    stock = StockBackend({}).autocomplete(query, Page.objects.live())
    assert sorted(p.pk for p in ours) == sorted(p.pk for p in stock)


def test_a_title_match_ranks_above_a_passing_mention(content):
    results = list(get_search_backend().search("adjustments", Page.objects.live()))
    assert results[0].pk == content["adjustments"].pk
    assert content["passing"].pk in [page.pk for page in results]


def test_the_callers_filters_are_kept(content):
    backend = get_search_backend()
    everything = {p.pk for p in backend.search("adjustments", Page.objects.all())}
    live = {p.pk for p in backend.search("adjustments", Page.objects.live())}
    assert content["draft"].pk in everything
    assert content["draft"].pk not in live
    only_about = backend.search("adjustments", Page.objects.filter(slug="about"))
    assert [p.pk for p in only_about] == [content["passing"].pk]


def test_slicing_and_counting_agree(home_page):
    for n in range(25):
        StandardPageFactory(parent=home_page, title=f"Sick pay guide {n}", slug=f"sick-pay-{n}", summary="sick pay")
    results = get_search_backend().search("sick pay", Page.objects.live())
    assert results.count() == 25
    first, second = list(results[:10]), list(results[10:20])
    assert len(first) == 10 and len(second) == 10
    assert not {p.pk for p in first} & {p.pk for p in second}
    assert results[20:].count() == 5
    assert results[:10].count() == 10


def test_scores_can_be_annotated_and_are_higher_for_better_matches(content):
    results = list(get_search_backend().search("adjustments", Page.objects.live()).annotate_score("score"))
    assert results[0].score >= results[-1].score
    assert all(isinstance(page.score, float) for page in results)


def test_specific_querysets_give_specific_pages(content):
    results = list(get_search_backend().search("adjustments", Page.objects.live().specific()))
    assert type(results[0]).__name__ == "StandardPage"


@pytest.mark.parametrize(
    "nasty",
    ['bridg"', '"', "\x00", "   ", "*", "a* b*", "AND", "NEAR(a b)", "col:stress", "(", "😀", "x " * 600, "-"],
)
def test_odd_input_through_the_plain_api_never_raises(content, nasty):
    backend = get_search_backend()
    list(backend.search(nasty, Page.objects.live()))
    list(backend.autocomplete(nasty, Page.objects.live()))


def test_content_type_facet_counts_hits_by_type(content):
    facets = get_search_backend().search("adjustments", Page.objects.live()).facet("content_type_id")
    assert sum(facets.values()) == 2


@sqlite_only
def test_optimise_index_runs_after_a_rebuild(content):
    assert optimise_index() is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL housekeeping")
@pytest.mark.django_db(transaction=True)
def test_after_a_rebuild_postgresql_compacts_the_index_table(initial_rows):
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as autocommit:
        optimise_index()
    with transaction.atomic(), CaptureQueriesContext(connection) as in_transaction:
        optimise_index()
    assert any(q["sql"].startswith("VACUUM (FULL, ANALYZE)") for q in autocommit.captured_queries)
    assert [q["sql"].split()[0] for q in in_transaction.captured_queries] == ["ANALYZE"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL connection settings")
def test_postgresql_connections_do_not_jit_compile_searches(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@sqlite_only
def test_sqlite_connections_get_a_larger_page_cache(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] <= -32 * 1024  # negative: KiB


@sqlite_only
def test_a_sqlite_database_file_uses_the_write_ahead_log_and_memory_mapping(tmp_path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    probe = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "site.sqlite3")}, alias="probe")
    raw = probe.get_new_connection(probe.get_connection_params())
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA mmap_size").fetchone()[0] >= 256 * 1024 * 1024
    finally:
        raw.close()


def test_rebuild_search_indexes_and_optimises(content):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert not list(get_search_backend().search("adjustments", Page.objects.live()))
    out = StringIO()
    call_command("rebuild_search", stdout=out)
    assert "optimised" in out.getvalue() or "statistics" in out.getvalue()
    assert list(get_search_backend().search("adjustments", Page.objects.live()))


@pytest.mark.parametrize("query", ["adjustments", "work", "employers work", Phrase("mental health"), "nothingmatches"])
def test_the_one_pass_summary_agrees_with_the_plain_api(content, query):
    results = get_search_backend().search(query, Page.objects.live())
    summary = results.annotate_score("score").summary(10, [])
    assert summary["total"] == results.count()
    assert sum(summary["by_content_type"].values()) == summary["total"]
    assert {page.pk for page in summary["top"]} == {page.pk for page in results}
    scores = [page.score for page in summary["top"]]
    assert scores == sorted(scores, reverse=True)
