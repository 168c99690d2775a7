"""The Atom feed lists the newest briefings with absolute links, and parses as Atom."""

import datetime

import pytest
from defusedxml import ElementTree as ET

from hub.briefings.models import BriefingKind
from tests.factories.briefings import BriefingPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_feed_is_valid_atom_with_the_newest_briefings_first(client, briefing_index):
    BriefingPageFactory(parent=briefing_index, title="Older", publication_date=datetime.date(2026, 1, 1))
    BriefingPageFactory(
        parent=briefing_index,
        title="Newer",
        kind=BriefingKind.REPORT,
        slug="newer",
        publication_date=datetime.date(2026, 2, 1),
        topics=["commissioning"],
    )
    draft = BriefingPageFactory(parent=briefing_index, title="Draft")
    draft.unpublish()

    response = client.get("/briefings/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text.startswith("Briefings and reports")
    assert feed.find(f"{ATOM}id").text and feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Report: Newer", "Briefing: Older"]
    newest = entries[0]
    assert newest.find(f"{ATOM}link").get("href") == "http://testserver/briefings/newer/"
    assert newest.find(f"{ATOM}id").text == "http://testserver/briefings/newer/"
    assert newest.find(f"{ATOM}published").text.startswith("2026-02-01")
    assert newest.find(f"{ATOM}category").get("term") == "commissioning"
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text, "Atom requires updated on every entry"


@pytest.mark.django_db
def test_index_and_briefings_advertise_the_feed(client, briefing_index):
    briefing = BriefingPageFactory(parent=briefing_index)
    for url in ["/briefings/", briefing.url]:
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert 'href="/briefings/feed/"' in html
