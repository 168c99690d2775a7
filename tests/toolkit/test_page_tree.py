"""Toolkit pages live where they belong, and steps follow the page tree's order."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories.toolkit import ToolkitStepPageFactory
from toolkit.models import ToolkitPage, ToolkitStepPage


@pytest.mark.django_db
def test_toolkit_goes_under_home_and_offers_only_steps(home_page, toolkit):
    toolkit_page, steps = toolkit
    assert ToolkitPage.can_create_at(home_page)
    assert not ToolkitPage.can_create_at(toolkit_page)
    assert list(ToolkitPage.allowed_subpage_models()) == [ToolkitStepPage]
    assert ToolkitStepPage.can_create_at(toolkit_page)
    assert not ToolkitStepPage.can_create_at(home_page)
    assert not ToolkitStepPage.can_create_at(steps[0]), "steps have no children"


@pytest.mark.django_db
def test_step_order_follows_the_page_tree(client, toolkit):
    _toolkit_page, steps = toolkit
    steps[2].move(steps[0], pos="left")  # editors drag step 3 to the top

    response = client.get("/toolkit/")
    content = response.content.decode()
    positions = [content.index(f"Step {n}: Step title {t}") for n, t in ((1, 3), (2, 1), (3, 2))]
    assert positions == sorted(positions)

    response = client.get("/toolkit/step-1/")
    assert "Step 2 of 3" in response.content.decode()


@pytest.mark.django_db
def test_unpublished_steps_are_left_out(client, toolkit):
    _toolkit_page, steps = toolkit
    steps[1].unpublish()
    content = client.get("/toolkit/").content.decode()
    assert "Step title 2" not in content
    assert "Step 2: Step title 3" in content


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["action-plan", "start-again"])
def test_step_slugs_cannot_hide_the_toolkits_own_pages(toolkit, slug):
    toolkit_page, _steps = toolkit
    step = ToolkitStepPage(title="Clash", slug=slug, minutes=5)
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "slug" in error.value.message_dict
    ok = ToolkitStepPageFactory(parent=toolkit_page, slug="plan-ahead")
    ok.full_clean()
