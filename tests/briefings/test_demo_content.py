"""The demo briefings exist at their documented URLs, carry the seed's figures, and load idempotently."""

import pytest
from django.core.management import call_command

from hub.briefings.models import BriefingPage


@pytest.fixture
def demo(db):
    call_command("load_demo_content")


@pytest.mark.django_db
def test_commissioner_briefing_at_its_documented_url(client, demo):
    response = client.get("/briefings/mental-health-and-employment-for-commissioners/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    facts = ["70%", "£21.3bn", "Up to 30%", "2002/03 and 2009/10", "Integrated care boards (ICBs) took over from CCGs"]
    for fact in facts:
        assert fact in html, fact
    assert "NHS Talking Therapies" in html and "IAPT" in html
    assert "Dr Haren Patel" in html and "World Health Organization" in html
    assert '<ol class="priority-actions__list">' in html


@pytest.mark.django_db
def test_commissioner_briefing_links_to_the_directorys_resources(client, demo):
    from bs4 import BeautifulSoup

    response = client.get("/briefings/mental-health-and-employment-for-commissioners/", HTTP_HOST="localhost")
    cards = BeautifulSoup(response.content, "html.parser").select(".related-resources li.card")
    assert 3 <= len(cards) <= 6
    assert any("mind.org.uk" in card.a["href"] for card in cards)


@pytest.mark.django_db
def test_demo_has_a_briefing_a_report_and_guidance_listed_with_filters(client, demo):
    kinds = set(BriefingPage.objects.live().values_list("kind", flat=True))
    assert kinds == {"briefing", "report", "guidance"}
    html = client.get("/briefings/", HTTP_HOST="localhost").content.decode()
    assert "Commissioners (2)" in html


@pytest.mark.django_db
def test_demo_briefings_load_idempotently_and_keep_edits(demo):
    count = BriefingPage.objects.count()
    briefing = BriefingPage.objects.get(slug="mental-health-and-employment-for-commissioners")
    briefing.title = "Edited by an editor"
    briefing.save_revision().publish()
    call_command("load_demo_content")
    assert BriefingPage.objects.count() == count
    assert BriefingPage.objects.get(pk=briefing.pk).title == "Edited by an editor"
