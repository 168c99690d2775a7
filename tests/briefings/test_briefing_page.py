"""A briefing page: what it is, who it is for, when it was published, a download and a print stylesheet."""

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.factories.briefings import BriefingPageFactory

PRINT_CSS = Path(__file__).resolve().parents[2] / "hub/briefings/static/briefings/css/briefing-print.css"


@pytest.fixture
def briefing(briefing_index, commissioners):
    document = Document(title="Briefing (PDF)")
    document.file.save("briefing.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2039), save=False)
    document.file_size = document.file.size
    document.save()
    return BriefingPageFactory(
        parent=briefing_index,
        title="Mental health and employment",
        slug="mental-health-and-employment",
        summary="Why it matters to integrated care boards.",
        publication_date=datetime.date(2026, 3, 2),
        last_reviewed=datetime.date(2026, 3, 2),
        next_review_due=datetime.date(2027, 3, 1),
        author="Jo Bloggs",
        organisation="Work and Wellbeing Hub",
        document=document,
        audiences=[commissioners],
        topics=["commissioning"],
    )


@pytest.mark.django_db
def test_briefing_shows_kind_summary_dates_and_audience_links(client, briefing):
    html = BeautifulSoup(client.get(briefing.url).content, "html.parser")
    assert html.h1.get_text() == "Mental health and employment"
    assert html.select_one(".briefing__kind").get_text() == "Briefing"
    assert "Why it matters to integrated care boards." in html.select_one(".at-a-glance").get_text()
    meta = html.select_one("dl.briefing__meta")
    assert meta.select_one("time[datetime='2026-03-02']").get_text() == "2 March 2026"
    assert "Jo Bloggs, Work and Wellbeing Hub" in meta.get_text()
    assert meta.select_one("a[href='/briefings/?audience=commissioners']").get_text() == "Commissioners"
    assert meta.select_one("a[href='/briefings/?topic=commissioning']")


@pytest.mark.django_db
def test_download_link_shows_format_and_size(client, briefing):
    html = BeautifulSoup(client.get(briefing.url).content, "html.parser")
    download = html.select_one(".briefing__download")
    assert download.a["href"] == briefing.document.url
    assert download.a.get_text() == "Download this briefing"
    assert download.select_one(".briefing__download-meta").get_text() == "(PDF, 2.0\xa0KB)"


@pytest.mark.django_db
def test_overdue_review_is_flagged(client, briefing_index):
    overdue = BriefingPageFactory(
        parent=briefing_index, last_reviewed=datetime.date(1999, 1, 1), next_review_due=datetime.date(2000, 1, 1)
    )
    html = BeautifulSoup(client.get(overdue.url).content, "html.parser")
    meta = html.select_one("dl.briefing__meta").get_text(" ", strip=True)
    assert "Next review due 1 January 2000 (overdue" in meta
    assert html.select(".review-dates") == [], "review dates are shown once, with the briefing's details"


@pytest.mark.django_db
def test_print_stylesheet_is_linked_for_print_only(client, briefing):
    html = BeautifulSoup(client.get(briefing.url).content, "html.parser")
    link = html.select_one("link[href$='briefings/css/briefing-print.css']")
    assert link is not None and link["media"] == "print"
    assert "Online version: http://testserver/briefings/mental-health-and-employment/" in html.get_text()


def test_print_stylesheet_hides_the_chrome_shows_link_targets_and_keeps_figures_whole():
    css = PRINT_CSS.read_text()
    assert "size: A4" in css
    for chrome in [".site-nav", ".site-header__tools", ".breadcrumbs", ".filters", ".no-print"]:
        assert chrome in css.split("display: none")[0], f"{chrome} is not hidden in print"
    assert 'content: " (" attr(href) ")"' in css
    assert "break-inside: avoid" in css and ".key-figure" in css and ".quote" in css
