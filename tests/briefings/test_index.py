"""The briefing index: newest first, filters by audience, topic and kind with honest counts, pagination,
and no error for any query string."""

import datetime

import pytest
from bs4 import BeautifulSoup

from hub.briefings.models import BRIEFINGS_PER_PAGE, BriefingKind
from tests.factories.briefings import BriefingPageFactory


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(html):
    return [link.get_text() for link in html.select(".briefing-card__title a")]


def options(html, name):
    """{value: label} of a filter's options, without the 'any' option."""
    found = html.select(f"select[name={name}] option")
    return {option["value"]: option.get_text() for option in found if option["value"]}


@pytest.fixture
def briefings(briefing_index, commissioners, employers):
    day = datetime.date(2026, 1, 1)
    return {
        "old": BriefingPageFactory(
            parent=briefing_index,
            title="Old briefing",
            publication_date=day,
            audiences=[commissioners],
            topics=["commissioning"],
        ),
        "report": BriefingPageFactory(
            parent=briefing_index,
            title="Project report",
            kind=BriefingKind.REPORT,
            publication_date=day + datetime.timedelta(days=10),
            audiences=[commissioners, employers],
            topics=["commissioning", "return to work"],
        ),
        "guidance": BriefingPageFactory(
            parent=briefing_index,
            title="Employer guidance",
            kind=BriefingKind.GUIDANCE,
            publication_date=day + datetime.timedelta(days=20),
            audiences=[employers],
            topics=["return to work"],
        ),
    }


@pytest.mark.django_db
def test_newest_first(client, briefings):
    assert titles(soup(client.get("/briefings/"))) == ["Employer guidance", "Project report", "Old briefing"]


@pytest.mark.django_db
def test_options_show_counts_and_hide_empty_choices(client, briefings, db):
    from tests.factories.core import AudienceFactory

    AudienceFactory(name="GPs", slug="gps")  # no briefing is for GPs
    html = soup(client.get("/briefings/"))
    assert options(html, "audience") == {"commissioners": "Commissioners (2)", "employers": "Employers (2)"}
    assert options(html, "topic") == {"commissioning": "commissioning (2)", "return-to-work": "return to work (2)"}
    assert options(html, "kind") == {"briefing": "Briefing (1)", "report": "Report (1)", "guidance": "Guidance (1)"}
    assert html.select_one("#results-heading").get_text(strip=True) == "3 results"


@pytest.mark.django_db
def test_filters_combine_and_counts_follow_the_other_filters(client, briefings):
    html = soup(client.get("/briefings/?audience=commissioners&topic=commissioning"))
    assert titles(html) == ["Project report", "Old briefing"]
    assert html.select_one("#results-heading").get_text(strip=True) == "2 results for Commissioners about commissioning"
    # Kind counts are within the audience and topic chosen; the guidance (for employers only) drops out.
    assert options(html, "kind") == {"briefing": "Briefing (1)", "report": "Report (1)"}
    # Audience counts are within the topic chosen.
    assert options(html, "audience") == {"commissioners": "Commissioners (2)", "employers": "Employers (1)"}
    selected = html.select_one("select[name=audience] option[selected]")
    assert selected["value"] == "commissioners"


@pytest.mark.django_db
def test_kind_filter(client, briefings):
    html = soup(client.get("/briefings/?kind=report"))
    assert titles(html) == ["Project report"]
    assert html.select_one("#results-heading").get_text(strip=True) == "1 report"


@pytest.mark.django_db
def test_a_choice_with_no_results_stays_selected_with_zero(client, briefings):
    html = soup(client.get("/briefings/?audience=employers&kind=briefing"))
    assert titles(html) == []
    assert "No briefings match these filters" in html.get_text()
    assert options(html, "kind")["briefing"] == "Briefing (0)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "audience=nobody",
        "audience=%3Cscript%3E",
        "topic=" + "x" * 500,
        "kind=podcast",
        "kind=",
        "page=abc",
        "page=-1",
        "page=99999",
        "audience=commissioners%00",
        "audience=a&audience=b",
        "topic=%22%27%3B--",
    ],
)
def test_malformed_or_unknown_filters_are_ignored(client, briefings, query):
    response = client.get(f"/briefings/?{query}")
    assert response.status_code == 200
    html = soup(response)
    assert len(titles(html)) >= 1


@pytest.mark.django_db
def test_pagination_keeps_filters(client, briefing_index, commissioners):
    for number in range(BRIEFINGS_PER_PAGE + 2):
        BriefingPageFactory(parent=briefing_index, audiences=[commissioners], title=f"Briefing number {number}")
    first = soup(client.get("/briefings/?audience=commissioners"))
    assert len(titles(first)) == BRIEFINGS_PER_PAGE
    next_link = first.select_one("a[rel=next]")["href"]
    assert next_link == "/briefings/?audience=commissioners&page=2"
    second = soup(client.get(next_link))
    assert len(titles(second)) == 2
    assert second.select_one("a[rel=prev]")["href"] == "/briefings/?audience=commissioners"


@pytest.mark.django_db
def test_drafts_and_private_briefings_are_not_listed(client, briefing_index):
    from wagtail.models import PageViewRestriction

    BriefingPageFactory(parent=briefing_index, title="Published")
    draft = BriefingPageFactory(parent=briefing_index, title="Draft")
    draft.unpublish()
    private = BriefingPageFactory(parent=briefing_index, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert titles(soup(client.get("/briefings/"))) == ["Published"]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_briefings(
    client, briefing_index, commissioners, employers, django_assert_max_num_queries
):
    def add(count):
        for number in range(count):
            BriefingPageFactory(
                parent=briefing_index, audiences=[commissioners, employers], topics=[f"topic {number % 4}"]
            )

    add(3)
    client.get("/briefings/")  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(25) as few:
        client.get("/briefings/?audience=commissioners")
    few_queries = len(few.captured_queries)  # read now: every request empties the connection's query log
    add(30)
    client.get("/briefings/")  # the new pages moved the page-tree version on: warm the menu cache again
    with django_assert_max_num_queries(few_queries):
        response = client.get("/briefings/?audience=commissioners")
    assert len(titles(soup(response))) == BRIEFINGS_PER_PAGE
