import pytest

from tests.factories.toolkit import build_toolkit


@pytest.fixture
def toolkit(home_page):
    """A toolkit at /toolkit/ with three steps of three actions each: returns (toolkit page, steps)."""
    return build_toolkit(home_page, steps=3, actions=3)


def action_ids(step):
    return [action.pk for action in step.actions.order_by("sort_order")]
