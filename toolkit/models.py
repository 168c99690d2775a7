"""The employer toolkit: a landing page with ordered steps, each with guidance and a checklist of actions.

Step order is the page tree order, so editors reorder steps by dragging them in the admin. A
visitor's ticks are kept against their anonymous session (see ``toolkit.progress``); every page
that shows them is marked private so no shared cache ever serves one visitor's ticks to another.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from hub.core.blocks import BaseStreamBlock
from hub.core.cache import PAGE_TREE
from hub.core.models import BasePage

from . import views
from .blocks import GuidanceStreamBlock

# What a list of steps shows (the toolkit page, a step's step list, the action plan and its downloads).
STEP_LIST_FIELDS = ("title", "slug", "summary", "minutes")
# At most this long a step list cached in one process outlives a change made in another (local-memory cache).
STEPS_CACHE_SECONDS = 300
# Sub-paths of the toolkit page served by its routes; a step with one of these slugs would be hidden.
RESERVED_STEP_SLUGS = {"action-plan", "start-again"}


@dataclass(frozen=True)
class ActionOutline:
    """One checklist action as step lists, the action plan and its downloads show it."""

    pk: int
    text: str
    why_it_matters: str


@dataclass(frozen=True)
class StepOutline:
    """One step as the step lists, the action plan and its downloads show it (``STEP_LIST_FIELDS``)."""

    pk: int
    title: str
    slug: str
    summary: str
    minutes: int
    actions: tuple = ()


class ToolkitPage(RoutablePageMixin, BasePage):
    """The employer toolkit's landing page: every step with the visitor's progress, and their action plan."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["toolkit.ToolkitStepPage"]

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text="Introduction above the list of steps: who the toolkit is for and how to use it.",
    )
    action_plan_intro = models.TextField(
        blank=True,
        max_length=600,
        help_text="Optional text at the top of the visitor's action plan, e.g. how to use it with their team.",
    )

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body"), FieldPanel("action_plan_intro")]

    class Meta:
        verbose_name = "toolkit page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.toolkit_progress_context(self, request))
        return context

    def serve(self, request, view=None, args=None, kwargs=None):
        return views.private_progress(request, super().serve(request, view, args, kwargs))

    @path("action-plan/")
    def action_plan(self, request):
        return views.action_plan(self, request)

    @path("action-plan/download/<slug:file_format>/")
    def action_plan_download(self, request, file_format):
        return views.action_plan_download(self, request, file_format)

    @path("start-again/")
    def start_again(self, request):
        return views.start_again(self, request)

    def steps(self):
        """The live, public steps in page-tree order as :class:`StepOutline` values, actions included.
        Every toolkit page and every step shows the whole list, so it is cached under the page-tree
        version (moved on by publishing, moving, unpublishing, view restrictions, and direct saves of
        steps and actions: see ``toolkit.apps``)."""
        return PAGE_TREE.cached(f"toolkit:steps:{self.pk}", self.load_steps, STEPS_CACHE_SECONDS)

    def load_steps(self):
        """:meth:`steps` from the database in two queries however many steps. Plain values, not step
        pages: building a hundred page objects with their prefetched actions was half the toolkit
        page's time at 100 steps."""
        rows = list(
            ToolkitStepPage.objects.child_of(self).live().public().order_by("path").values_list("pk", *STEP_LIST_FIELDS)
        )
        actions = {}
        for page_id, *fields in (
            ToolkitAction.objects.filter(page__in=[row[0] for row in rows])
            .order_by("sort_order", "pk")
            .values_list("page_id", "pk", "text", "why_it_matters")
        ):
            actions.setdefault(page_id, []).append(ActionOutline(*fields))
        return [StepOutline(*row, actions=tuple(actions.get(row[0], ()))) for row in rows]

    def route_url(self, request, name, **kwargs):
        """The URL of one of this page's routes, e.g. ``route_url(request, "action_plan")``."""
        return self.get_url(request) + self.reverse_subpage(name, kwargs=kwargs).lstrip("/")


class ToolkitStepPage(BasePage):
    """One step of the toolkit: guidance to read and a checklist of actions to tick."""

    parent_page_types = ["toolkit.ToolkitPage"]
    subpage_types = []

    minutes = models.PositiveSmallIntegerField(
        "time to complete (minutes)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="About how long reading this step and planning its actions takes, in minutes.",
    )
    guidance = StreamField(
        GuidanceStreamBlock(),
        blank=True,
        help_text="What to know and do: text, do and don't lists, callouts, case studies and templates.",
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("guidance"),
        index.RelatedFields("actions", [index.SearchField("text"), index.SearchField("why_it_matters")]),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("minutes"),
        FieldPanel("guidance"),
        InlinePanel(
            "actions",
            heading="Actions",
            label="Action",
            help_text="The checklist visitors tick, in order. Keep each action short and concrete.",
        ),
        MultipleChooserPanel(
            "related_resources",
            chooser_field_name="resource",
            heading="Related resources",
            label="Resource",
            help_text="Resources from the directory that help with this step, in the order to show them.",
        ),
    ]

    class Meta:
        verbose_name = "toolkit step"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_STEP_SLUGS:
            raise ValidationError({"slug": f"'{self.slug}' is used by the toolkit itself; choose another slug."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.step_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return views.save_step_progress(self, request)
        return views.private(super().serve(request, *args, **kwargs))


class ToolkitAction(Orderable):
    """One checklist item of a step. Its id is what a visitor's progress stores."""

    page = ParentalKey(ToolkitStepPage, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(
        max_length=250,
        help_text="The action, starting with a verb, e.g. 'Agree a time for a private conversation'.",
    )
    why_it_matters = models.TextField(
        blank=True,
        max_length=600,
        help_text="Optional: one or two sentences on why this action helps, shown under it.",
    )

    panels = [FieldPanel("text"), FieldPanel("why_it_matters")]

    class Meta(Orderable.Meta):
        verbose_name = "action"

    def __str__(self):
        return self.text


class ToolkitStepResource(Orderable):
    """A directory resource linked from a step (and from the visitor's action plan), in editor order."""

    page = ParentalKey(ToolkitStepPage, on_delete=models.CASCADE, related_name="related_resources")
    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A resource from the directory; unpublished resources are not shown.",
    )

    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        verbose_name = "related resource"

    def __str__(self):
        return str(self.resource)
