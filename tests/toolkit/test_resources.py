"""Steps link to directory resources; only published ones are shown, on the step and in the action plan."""

import pytest

from tests.factories.resources import ResourceFactory
from toolkit.models import ToolkitStepResource


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
