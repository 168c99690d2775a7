"""Steps link to directory resources; only published ones are shown, on the step and in the action plan."""

import pytest

from tests.factories.resources import ResourceFactory
from toolkit.models import ToolkitAction, ToolkitStepPage, ToolkitStepResource


@pytest.fixture
def linked(toolkit):
    _toolkit, steps = toolkit
    hse = ResourceFactory(title="HSE stress guidance", url="https://www.hse.gov.uk/stress/")
    mind = ResourceFactory(title="Mind workplace pages", url="https://www.mind.org.uk/workplace/")
    draft = ResourceFactory(title="Unpublished resource", live=False)
    for order, resource in enumerate([mind, hse, draft]):
        ToolkitStepResource.objects.create(page=steps[0], resource=resource, sort_order=order)
    return steps


@pytest.mark.django_db
def test_step_lists_its_published_resources_in_order(client, linked):
    content = client.get("/toolkit/step-1/").content.decode()
    assert "Resources for this step" in content
    assert content.index("Mind workplace pages") < content.index("HSE stress guidance")
    assert 'href="https://www.hse.gov.uk/stress/"' in content
    assert "Unpublished resource" not in content
    assert "Resources for this step" not in client.get("/toolkit/step-2/").content.decode()


@pytest.mark.django_db
def test_action_plan_lists_each_steps_resources(client, linked):
    content = client.get("/toolkit/action-plan/").content.decode()
    assert "HSE stress guidance" in content
    assert "Unpublished resource" not in content
    text = client.get("/toolkit/action-plan/download/markdown/").content.decode()
    assert "- [Mind workplace pages](<https://www.mind.org.uk/workplace/>)" in text
    assert "Unpublished resource" not in text


@pytest.mark.django_db
def test_a_resource_linked_from_two_steps_is_listed_under_both(client, linked):
    ToolkitStepResource.objects.create(page=linked[1], resource=ResourceFactory(title="Acas guide"), sort_order=0)
    hse = ToolkitStepResource.objects.get(page=linked[0], resource__title="HSE stress guidance").resource
    ToolkitStepResource.objects.create(page=linked[1], resource=hse, sort_order=1)
    content = client.get("/toolkit/action-plan/").content.decode()
    step_two = content[content.index("Step 2:") :]
    assert content.count("HSE stress guidance") == 2
    assert step_two.index("Acas guide") < step_two.index("HSE stress guidance")


@pytest.mark.django_db
def test_a_step_preview_shows_the_edited_actions_and_resources(linked):
    step = ToolkitStepPage.objects.get(pk=linked[0].pk)
    step.actions = [ToolkitAction(text="An action only in the draft")]
    step.related_resources = [ToolkitStepResource(resource=ResourceFactory(title="Only in the draft"), sort_order=0)]
    content = step.make_preview_request().render().content.decode()
    assert "An action only in the draft" in content
    assert "Only in the draft" in content
    assert "Mind workplace pages" not in content  # the saved links are not the draft's
