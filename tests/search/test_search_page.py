"""The /search/ page: one ranked list of pages and resources, filters with counts, states, paging."""

import pytest
from bs4 import BeautifulSoup

from tests.factories.home import StandardPageFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response):
    titles = []
    for heading in soup(response).select(".search-results ol .search-result__title"):
        for hidden in heading.select(".visually-hidden"):
            hidden.decompose()
        titles.append(heading.get_text(strip=True))
    return titles


def test_pages_and_resources_appear_in_one_ranked_list(client, content):
    response = client.get("/search/", {"q": "employers"})
    assert response.status_code == 200
    titles = result_titles(response)
    assert any("Fit note guidance for employers" in t for t in titles)
    assert "Reasonable adjustments at work" in titles
    kinds = {p.get_text(strip=True) for p in soup(response).select(".search-result__type")}
    assert "Resource" in kinds


def test_resources_link_out_and_pages_link_in(client, content):
    page = soup(client.get("/search/", {"q": "fit note"}))
    hrefs = [a["href"] for a in page.select(".search-result__title a")]
    assert any(href.startswith("https://example.org/") for href in hrefs)
    page = soup(client.get("/search/", {"q": "reasonable adjustments"}))
    assert page.select_one(".search-result__title a")["href"] == "/reasonable-adjustments/"


def test_an_exact_title_match_beats_a_passing_mention(client, content):
    titles = result_titles(client.get("/search/", {"q": "adjustments"}))
    assert titles[0] == "Reasonable adjustments at work"
    assert "About the hub" in titles


def test_unpublished_pages_and_resources_are_not_found(client, content):
    titles = result_titles(client.get("/search/", {"q": "adjustments"}))
    assert not any("Draft" in t or "Unpublished" in t for t in titles)


def test_snippets_mark_the_matched_words_and_escape_the_text(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Escaping", slug="escaping", summary='<script>alert(1)</script> stress & "money" 1 < 2'
    )
    response = client.get("/search/", {"q": "stress"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<mark>stress</mark> &amp; &quot;money&quot; 1 &lt; 2" in html


def test_audiences_are_shown_on_results(client, content):
    page = soup(client.get("/search/", {"q": "work-related stress"}))
    meta = page.select_one(".search-result__meta")
    assert meta is not None and "Employers" in meta.get_text() and "GPs" in meta.get_text()


def test_every_page_type_has_its_own_label_in_the_type_filter():
    from search.service import kind_label, page_kinds, resource_model

    labels = [kind_label(model) for model in [*page_kinds().values(), resource_model()]]
    assert len(labels) == len(set(labels)), sorted(labels)
    assert {"Service", "Service listing", "Event", "Event listing", "Page", "Resource"} <= set(labels)


def test_type_filter_with_counts(client, content):
    page = soup(client.get("/search/", {"q": "employers"}))
    labels = {label.get_text(" ", strip=True) for label in page.select(".search-filters label")}
    assert any(label.startswith("Resource") and "(1)" in label for label in labels)
    filtered = client.get("/search/", {"q": "employers", "type": "resource"})
    titles = result_titles(filtered)
    assert titles == ["Fit note guidance for employers"]
    assert soup(filtered).select_one("#type-resource").has_attr("checked")


def test_audience_filter_with_counts(client, content):
    page = soup(client.get("/search/", {"q": "stress"}))
    gps = page.select_one("label[for=audience-gps]")
    assert gps is not None and "(1)" in gps.get_text()
    titles = result_titles(client.get("/search/", {"q": "stress", "audience": "gps"}))
    assert titles == ["Managing work-related stress"]


def test_topic_filter_with_counts(client, content):
    page = soup(client.get("/search/", {"q": "employers"}))
    label = page.select_one("label[for=topic-return-to-work]")
    assert label is not None and "Return to work" in label.get_text() and "(1)" in label.get_text()
    filtered = client.get("/search/", {"q": "employers", "topic": "return-to-work"})
    assert result_titles(filtered) == ["Fit note guidance for employers"]
    assert soup(filtered).select_one("#topic-return-to-work").has_attr("checked")
    assert "Return to work" in soup(filtered).select_one(".search-result__meta").get_text()


def test_filters_that_match_nothing_give_a_friendly_state_with_a_way_out(client, content):
    response = client.get("/search/", {"q": "adjustments", "audience": "gps", "type": "standardpage"})
    assert response.status_code == 200
    page = soup(response)
    assert "No results" in page.select_one(".search-status").get_text()
    assert "without the filters" in page.select_one(".search-empty").get_text()


def test_unknown_filter_values_are_ignored(client, content):
    response = client.get("/search/", {"q": "adjustments", "type": ["nonsense", "<b>"], "audience": "x" * 500})
    assert response.status_code == 200
    assert result_titles(response)[0] == "Reasonable adjustments at work"


def test_synonyms_find_the_new_name_from_the_old(client, content):
    titles = result_titles(client.get("/search/", {"q": "IAPT"}))
    assert "NHS Talking Therapies" in titles


def test_synonyms_find_the_fit_note_from_sick_note(client, content):
    titles = result_titles(client.get("/search/", {"q": "sick note"}))
    assert "Fit note guidance for employers" in titles


def test_editors_synonyms_apply_without_a_restart(client, content):
    from tests.factories.search import SynonymGroupFactory

    assert not result_titles(client.get("/search/", {"q": "psychotherapy"}))
    SynonymGroupFactory(terms="psychotherapy, psychological therapy")
    assert "NHS Talking Therapies" in result_titles(client.get("/search/", {"q": "psychotherapy"}))


@pytest.mark.parametrize(
    ("typo", "intended"),
    [
        ("adjustmnts", "Reasonable adjustments at work"),
        ("reasonible", "Reasonable adjustments at work"),
        ("emplyers", "Fit note guidance for employers"),
        ("therapys", "NHS Talking Therapies"),
    ],
)
def test_a_misspelling_still_finds_the_intended_content(client, content, typo, intended):
    response = client.get("/search/", {"q": typo})
    assert intended in result_titles(response), typo
    status = soup(response).select_one(".search-status").get_text()
    # Stemming may meet the word as typed ("therapys" and "therapies" share a stem); otherwise the page
    # says it corrected the query.
    assert "instead" in status or typo in status


def test_paging_ten_at_a_time_and_bad_page_numbers(client, home_page):
    for n in range(23):
        StandardPageFactory(parent=home_page, title=f"Quokka walking step {n}", slug=f"return-{n}", summary="quokka")
    first = client.get("/search/", {"q": "quokka step"})
    assert len(result_titles(first)) == 10
    assert "23 results" in first.content.decode() and "Page 1 of 3" in first.content.decode()
    third = client.get("/search/", {"q": "quokka step", "page": "3"})
    assert len(result_titles(third)) == 3
    all_titles = set()
    for number in ("1", "2", "3"):
        all_titles |= set(result_titles(client.get("/search/", {"q": "quokka step", "page": number})))
    assert len(all_titles) == 23
    for bad in ("-1", "abc", "0", "99999", "1e9", "", "٣"):
        response = client.get("/search/", {"q": "quokka step", "page": bad})
        assert response.status_code == 200
        assert result_titles(response)


def test_empty_query_shows_sections_popular_topics_and_searches(client, content):
    client.get("/search/", {"q": "fit note"})
    page = soup(client.get("/search/"))
    assert page.select_one("#search-start") is not None
    links = {a.get_text(strip=True): a["href"] for a in page.select(".search-chips a")}
    assert links["fit note"] == "/search/?q=fit%20note"
    assert links["Return to work"] == "/search/?q=Return%20to%20work"


def test_result_pages_are_noindex(client, content):
    response = client.get("/search/", {"q": "work"})
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_a_long_query_is_shortened_and_the_page_says_so(client, content):
    response = client.get("/search/", {"q": "adjustments " + "word " * 3000})
    assert response.status_code == 200
    assert soup(response).select_one("#search-shortened") is not None


def test_the_form_works_without_javascript(client, content):
    page = soup(client.get("/search/", {"q": "work"}))
    form = page.select_one("form[role=search]")
    assert form["method"] == "get" and form["action"] == "/search/"
    assert form.select_one("input[name=q]") and form.select_one("button[type=submit]")
    script = page.select_one("script[src$='typeahead.js']")
    assert script is not None and script.has_attr("defer")


def snippets_by_title(response):
    found = {}
    for item in soup(response).select(".search-result-list > li"):
        title = item.select_one(".search-result__title a").contents[0].strip()
        snippet = item.select_one(".search-result__snippet")
        found[title] = snippet.get_text() if snippet else ""
    return found


def test_a_resources_snippet_is_its_summary_and_a_pages_shows_where_its_body_matched(client, content, home_page):
    from wagtail.rich_text import RichText

    StandardPageFactory(
        parent=home_page,
        title="Long page",
        slug="long-page",
        summary="An overview with nothing special in it.",
        body=[("paragraph", RichText("<p>Far down the page there is a word: zucchini, and more text after it.</p>"))],
    )
    snippets = snippets_by_title(client.get("/search/", {"q": "fit note"}))
    summary = "What the fit note means and how to use it for a phased return."
    assert snippets["Fit note guidance for employers"] == summary, "not run on into organisation or topic names"
    snippets = snippets_by_title(client.get("/search/", {"q": "zucchini"}))
    assert "zucchini" in snippets["Long page"], "the part of the page the word was found in"
