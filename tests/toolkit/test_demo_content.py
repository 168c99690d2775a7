"""The demo toolkit: six steps at the documented URLs, linked to the directory, safe to load again."""

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from resources.models import Resource
from toolkit.models import ToolkitAction, ToolkitPage, ToolkitStepPage, ToolkitStepResource

STEP_SLUGS = [
    "recognise-the-signs",
    "respond-and-talk",
    "support-at-work",
    "plan-a-return-to-work",
    "build-a-healthy-workplace",
    "where-to-get-help",
]


@pytest.fixture
def demo(db):
    call_command("load_demo_content")


@pytest.mark.django_db
def test_demo_toolkit_has_six_ordered_steps_with_actions(client, demo):
    toolkit = ToolkitPage.objects.get(slug="toolkit")
    assert toolkit.show_in_menus
    assert list(toolkit.get_children().values_list("slug", flat=True)) == STEP_SLUGS
    for step in ToolkitStepPage.objects.all():
        actions = list(step.actions.all())
        assert 3 <= len(actions) <= 5, step.slug
        assert all(action.why_it_matters for action in actions), step.slug
    for url in ["/toolkit/", "/toolkit/action-plan/", *[f"/toolkit/{slug}/" for slug in STEP_SLUGS]]:
        assert client.get(url, HTTP_HOST="localhost").status_code == 200, url
    content = client.get("/toolkit/where-to-get-help/", HTTP_HOST="localhost").content.decode()
    assert "NHS Talking Therapies" in content and "IAPT" in content
    assert "Access to Work" in content and "Occupational health" in content and "fit note" in content.lower()


@pytest.mark.django_db
def test_demo_toolkit_offers_template_downloads(client, demo):
    titles = set(get_document_model().objects.values_list("title", flat=True))
    assert {"Wellness action plan template", "Return-to-work conversation guide"} <= titles
    content = client.get("/toolkit/respond-and-talk/", HTTP_HOST="localhost").content.decode()
    assert "Wellness action plan template</a>" in content
    assert "(template, DOCX" in content


@pytest.mark.django_db
def test_demo_toolkit_links_directory_resources_when_present(client, demo):
    if not Resource.objects.exists():
        assert not ToolkitStepResource.objects.exists()
        pytest.skip("the resource directory has no demo content in this tree")
    assert ToolkitStepResource.objects.filter(page__slug="where-to-get-help").exists()
    content = client.get("/toolkit/where-to-get-help/", HTTP_HOST="localhost").content.decode()
    assert "https://www.nhs.uk/service-search/mental-health/find-an-nhs-talking-therapies-service" in content


@pytest.mark.django_db
def test_demo_toolkit_load_is_idempotent(demo):
    counts = (ToolkitStepPage.objects.count(), ToolkitAction.objects.count(), get_document_model().objects.count())
    call_command("load_demo_content")
    assert (
        ToolkitStepPage.objects.count(),
        ToolkitAction.objects.count(),
        get_document_model().objects.count(),
    ) == counts
