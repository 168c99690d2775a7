import factory
import wagtail_factories

from toolkit.models import ToolkitAction, ToolkitPage, ToolkitStepPage


class ToolkitPageFactory(wagtail_factories.PageFactory):
    title = "Employer toolkit"
    slug = "toolkit"
    summary = "Steps for employers supporting staff with their mental health."

    class Meta:
        model = ToolkitPage


class ToolkitStepPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Step {n}")
    slug = factory.Sequence(lambda n: f"step-{n}")
    summary = "What this step is about."
    minutes = 15

    class Meta:
        model = ToolkitStepPage


class ToolkitActionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ToolkitStepPageFactory)
    text = factory.Sequence(lambda n: f"Action {n}")
    why_it_matters = "Because it helps."

    class Meta:
        model = ToolkitAction


def build_toolkit(parent, steps=3, actions=3):
    """A toolkit under ``parent`` with ``steps`` steps of ``actions`` actions each (returns page, steps)."""
    toolkit = ToolkitPageFactory(parent=parent)
    step_pages = []
    for number in range(1, steps + 1):
        step = ToolkitStepPageFactory(parent=toolkit, title=f"Step title {number}", slug=f"step-{number}")
        for index in range(actions):
            ToolkitActionFactory(page=step, text=f"Step {number} action {index + 1}", sort_order=index)
        step_pages.append(step)
    return toolkit, step_pages
