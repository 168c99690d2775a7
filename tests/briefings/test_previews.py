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


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["briefing", "event"])
def test_a_new_page_previews_before_its_first_save(client, pages, kind):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    common = {"title": "Not saved yet", "slug": "not-saved-yet", "summary": "Draft."}
    if kind == "briefing":
        url = f"/admin/pages/add/briefings/briefingpage/{pages['briefing index'].pk}/preview/"
        data = {
            **common,
            "kind": "report",
            "publication_date": "2030-01-02",
            "tags": "commissioning",
            "body": streamfield(
                [("quote", {"quote": "Hello", "person": "Someone", "role": "", "source_url": "", "paraphrase": ""})]
            ),
        }
    else:
        url = f"/admin/pages/add/events/eventpage/{pages['event index'].pk}/preview/"
        data = {
            **common,
            "kind": "webinar",
            "start": "2030-01-02 10:00",
            "end": "2030-01-02 11:00",
            "attendance": "online",
            "organisers": inline_formset([]),
            "body": streamfield([("paragraph", rich_text("<p>About it.</p>"))]),
            "outputs": streamfield([]),
        }
    response = client.post(url, nested_form_data(data))
    assert response.json()["is_valid"], response.json()
    preview = client.get(url)
    assert preview.status_code == 200
    assert "<h1>Not saved yet</h1>" in preview.content.decode()
