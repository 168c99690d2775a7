"""Benchmark scenarios: a toolkit with ``scale`` steps (five actions and up to three resources each)."""

from hub.core.bulk import bulk_add_children
from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks
from resources.models import Resource

from .models import ToolkitAction, ToolkitPage, ToolkitStepPage, ToolkitStepResource

ACTIONS_PER_STEP = 5


@benchmarks.register(order=50)
def build(scale, stdout):
    toolkit = ensure_child(
        home_page(),
        ToolkitPage,
        "bench-toolkit",
        title="Benchmark toolkit",
        summary="A synthetic toolkit for the benchmark.",
    )
    guidance = [
        ("paragraph", "<p>Synthetic guidance with <a href='https://example.org/'>a link</a> and a list.</p>"),
        ("do_dont", {"do": ["Listen", "Agree next steps"], "dont": ["Guess a diagnosis"]}),
    ]
    steps = bulk_add_children(
        toolkit,
        [
            ToolkitStepPage(
                title=f"Benchmark step {number}",
                slug=f"step-{number}",
                summary="A synthetic step.",
                minutes=15,
                guidance=guidance,
            )
            for number in range(scale)
        ],
    )
    ToolkitAction.objects.bulk_create(
        [
            ToolkitAction(
                page_id=step.pk,
                sort_order=index,
                text=f"Benchmark action {index} of {step.title}",
                why_it_matters="Because it helps the benchmark look like real content.",
            )
            for step in steps
            for index in range(ACTIONS_PER_STEP)
        ],
        batch_size=1000,
    )
    resources = list(Resource.objects.filter(live=True).order_by("pk")[:3])
    ToolkitStepResource.objects.bulk_create(
        [
            ToolkitStepResource(page_id=step.pk, resource=resource, sort_order=index)
            for step in steps
            for index, resource in enumerate(resources)
        ],
        batch_size=1000,
    )
    middle = steps[len(steps) // 2].slug if steps else ""
    stdout.write(f"Benchmark toolkit with {len(steps)} steps of {ACTIONS_PER_STEP} actions.")
    return [
        ("ToolkitPage", "/bench-toolkit/"),
        ("ToolkitStepPage", f"/bench-toolkit/{middle}/"),
        ("ToolkitPage action plan", "/bench-toolkit/action-plan/"),
        ("ToolkitPage action plan (Markdown)", "/bench-toolkit/action-plan/download/markdown/"),
    ]
