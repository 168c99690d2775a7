"""Benchmark scenarios: a toolkit with ``scale`` steps (five actions and up to three resources each)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks
from resources.models import Resource

from .models import ToolkitAction, ToolkitPage, ToolkitStepPage, ToolkitStepResource

ACTIONS_PER_STEP = 5


@transaction.atomic
def bulk_add_steps(parent, steps, batch_size=500):
    """Insert unsaved steps as live children of ``parent`` in bulk (thousands of ``add_child`` calls take
    minutes). Paths are computed as treebeard would; no revisions or search index entries are written."""
    parent = Page.objects.get(pk=parent.pk)
    last_child = parent.get_last_child()
    next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    content_type = ContentType.objects.get_for_model(ToolkitStepPage)
    now = timezone.now()
    for offset, step in enumerate(steps):
        step.path = Page._get_path(parent.path, parent.depth + 1, next_step + offset)
        step.depth = parent.depth + 1
        step.numchild = 0
        step.url_path = f"{parent.url_path}{step.slug}/"
        step.content_type = content_type
        step.locale_id = parent.locale_id
        step.live = True
        step.has_unpublished_changes = False
        step.draft_title = step.title
        step.first_published_at = step.last_published_at = now
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [Page(**{field.attname: getattr(step, field.attname) for field in page_fields}) for step in steps]
    Page.objects.bulk_create(rows, batch_size=batch_size)
    for step, row in zip(steps, rows, strict=True):
        step.page_ptr_id = step.id = row.pk
    own_fields = list(ToolkitStepPage._meta.local_concrete_fields)
    for start in range(0, len(steps), batch_size):
        ToolkitStepPage._base_manager._insert(steps[start : start + batch_size], fields=own_fields, using="default")
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(steps))
    return steps


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
    steps = bulk_add_steps(
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
