"""Editors' promoted results come first; every search is counted with its result count."""

import datetime

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search import analytics
from search.models import QueryOutcome


def test_promoted_pages_and_external_links_come_first(client, content):
    query = Query.get("money")
    SearchPromotion.objects.create(query=query, page=content["talking"], sort_order=0, description="Free therapy.")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.moneyhelper.org.uk/",
        external_link_text="MoneyHelper",
        sort_order=1,
        description="Free, impartial money guidance.",
    )
    page = BeautifulSoup(client.get("/search/", {"q": "Money"}).content, "html.parser")
    promoted = page.select(".search-promoted .search-result__title a")
    assert [a.get_text(strip=True).replace("(opens external site)", "") for a in promoted] == [
        "NHS Talking Therapies",
        "MoneyHelper",
    ]
    assert promoted[1]["href"] == "https://www.moneyhelper.org.uk/"
    # The organic results still follow.
    assert page.select(".search-results ol .search-result")


def promoted_titles(client, query):
    page = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".search-promoted .search-result__title a")]


def test_a_new_or_removed_promotion_shows_in_the_next_search(client, content):
    assert promoted_titles(client, "therapy") == []
    with CaptureQueriesContext(connection) as queries:
        promoted_titles(client, "therapy")
    lookups = [q for q in queries.captured_queries if "wagtailsearchpromotions_searchpromotion" in q["sql"]]
    assert lookups == [], "looked up with none to find"
    promotion = SearchPromotion.objects.create(query=Query.get("therapy"), page=content["talking"], sort_order=0)
    assert promoted_titles(client, "therapy") == ["NHS Talking Therapies"]
    promotion.delete()
    assert promoted_titles(client, "therapy") == []
    SearchPromotion.objects.create(query=Query.get("therapy"), page=content["talking"], sort_order=0)
    Query.objects.filter(query_string="therapy").delete()
    assert promoted_titles(client, "therapy") == [], "deleting the query deleted its promotion"


def test_a_promotion_for_an_unpublished_page_is_not_shown(client, content):
    SearchPromotion.objects.create(query=Query.get("draft"), page=content["draft"], sort_order=0)
    page = BeautifulSoup(client.get("/search/", {"q": "draft"}).content, "html.parser")
    assert not page.select(".search-promoted")


def test_searches_are_recorded_with_their_result_counts(client, content):
    client.get("/search/", {"q": "Adjustments"})
    client.get("/search/", {"q": "adjustments  "})
    client.get("/search/", {"q": "zzzqqq"})
    client.get("/search/", {"q": "adjustments", "page": "2"})  # paging is not a new search
    assert Query.get("adjustments").hits == 2
    outcome = QueryOutcome.objects.get(query__query_string="adjustments")
    assert (outcome.searches, outcome.zero_result_searches, outcome.last_result_count) == (2, 0, 2)
    zero = analytics.top_queries(days=7, zero_results_only=True)
    assert [row["query"] for row in zero] == ["zzzqqq"]
    assert analytics.top_queries(days=7)[0] == {"query": "adjustments", "searches": 2, "zero_result_searches": 0}


def test_nothing_personal_is_stored(client, content):
    client.get("/search/", {"q": "adjustments"}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Secret Browser")
    stored = " ".join(str(row) for row in QueryOutcome.objects.values_list()) + str(list(Query.objects.values_list()))
    assert "203.0.113.9" not in stored and "Secret" not in stored


def test_the_report_period_excludes_old_searches(content):
    query = Query.get("old query")
    QueryOutcome.objects.create(query=query, date=datetime.date(2020, 1, 1), searches=5, zero_result_searches=5)
    assert analytics.top_queries(days=30, zero_results_only=True) == []


def test_the_zero_results_report_is_in_the_admin(admin_client, content):
    admin_client.get("/search/", {"q": "zzzqqq"})
    response = admin_client.get("/admin/reports/search-outcomes/")
    assert response.status_code == 200
    assert "zzzqqq" in response.content.decode()
