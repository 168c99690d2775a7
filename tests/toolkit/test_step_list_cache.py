"""The step lists are cached, but never show a step list older than the content: publishing, unpublishing
and direct saves of steps and actions show on the next request."""

import pytest

from toolkit.models import ToolkitAction, ToolkitStepPage


@pytest.mark.django_db
def test_a_published_change_to_a_step_shows_on_the_next_request(client, toolkit):
    _toolkit, steps = toolkit
    assert "Step 1: Step title 1" in client.get("/toolkit/").content.decode()
    step = ToolkitStepPage.objects.get(pk=steps[0].pk)
    step.title = "A renamed first step"
    step.save_revision().publish()
    content = client.get("/toolkit/").content.decode()
    assert "Step 1: A renamed first step" in content
    assert "Step title 1" not in content


@pytest.mark.django_db
def test_an_unpublished_step_leaves_the_lists_at_once(client, toolkit):
    _toolkit, steps = toolkit
    assert "Step title 2" in client.get("/toolkit/step-1/").content.decode()
    ToolkitStepPage.objects.get(pk=steps[1].pk).unpublish()
    assert "Step title 2" not in client.get("/toolkit/step-1/").content.decode()
    assert "Step title 2" not in client.get("/toolkit/action-plan/").content.decode()


@pytest.mark.django_db
def test_an_action_added_directly_shows_in_the_counts_and_the_plan(client, toolkit):
    _toolkit, steps = toolkit
    assert "0 of 3 actions done" in client.get("/toolkit/").content.decode()
    ToolkitAction.objects.create(page=steps[0], text="An action added from a script", sort_order=9)
    assert "0 of 4 actions done" in client.get("/toolkit/").content.decode()
    assert "An action added from a script" in client.get("/toolkit/action-plan/").content.decode()
