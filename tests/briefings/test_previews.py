"""Editors can preview every briefing and event page type, with the accessibility checker loaded."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories.briefings import BriefingIndexPageFactory, BriefingPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory


@pytest.fixture
def pages(home_page):
    briefings = BriefingIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    start = timezone.now() + datetime.timedelta(days=2)
    return {
        "briefing index": briefings,
        "briefing": BriefingPageFactory(parent=briefings, title="Previewed briefing"),
        "event index": events,
        "event": EventPageFactory(parent=events, title="Previewed event", start=start),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["briefing index", "briefing", "event index", "event"])
def test_every_page_type_previews_for_an_editor(client, pages, kind):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    page = pages[kind]
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert "tota11y" in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["briefing index", "event index"])
def test_index_edit_form_opens(client, pages, kind):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    page = pages[kind]
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    child = "briefings/briefingpage" if kind == "briefing index" else "events/eventpage"
    assert client.get(f"/admin/pages/add/{child}/{page.pk}/").status_code == 200
