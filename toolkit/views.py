"""Request handling for the toolkit pages: progress context, saving ticks, the action plan, start again.

The page models delegate here so the models stay about content. Every response that shows or
changes a visitor's progress goes through ``private()``.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Page

from hub.core.page_cache import same_for_every_visitor_without_a_session

from .action_plan import EXPORTERS
from .progress import ProgressStore


def private(response):
    """Keep progress out of shared caches (CDN, proxy, page cache) and stop browsers reusing stale ticks."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def private_progress(request, response):
    """:func:`private`, and for a visitor without a session (so without progress) the same page as
    for everyone else without one, which the site's own page cache may keep for them."""
    private(response)
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        same_for_every_visitor_without_a_session(response)
    return response


class HttpResponseSeeOther(HttpResponseRedirect):
    """POST/redirect/GET: reloading the confirmation never re-submits the form."""

    status_code = 303


@dataclass
class StepProgress:
    page: object
    number: int
    url: str
    total: int
    done: int
    is_current: bool = False

    @property
    def complete(self):
        return self.total > 0 and self.done == self.total


@dataclass
class StepPlan:
    page: object
    number: int
    url: str
    done_actions: list = field(default_factory=list)
    todo_actions: list = field(default_factory=list)
    resources: list = field(default_factory=list)


def step_url(toolkit_url, step):
    """Steps are the toolkit's direct children, so their URLs are the toolkit's plus the slug: much
    cheaper than resolving every step's URL through Wagtail's site lookup."""
    return f"{toolkit_url}{step.slug}/"


def _step_progress(steps, toolkit_url, done_ids, current=None):
    items = []
    for number, step in enumerate(steps, start=1):
        action_ids = [action.pk for action in step.actions]
        items.append(
            StepProgress(
                page=step,
                number=number,
                url=step_url(toolkit_url, step),
                total=len(action_ids),
                done=len(done_ids.intersection(action_ids)),
                is_current=current is not None and step.pk == current.pk,
            )
        )
    return items


def toolkit_progress_context(toolkit, request):
    done_ids = ProgressStore(request).done_ids()
    items = _step_progress(toolkit.steps(), toolkit.get_url(request), done_ids)
    actions_total = sum(item.total for item in items)
    actions_done = sum(item.done for item in items)
    next_step = next((item for item in items if not item.complete), items[0] if items else None)
    return {
        "step_items": items,
        "actions_total": actions_total,
        "actions_done": actions_done,
        "next_step": next_step,
        "has_progress": actions_done > 0,
        "action_plan_url": toolkit.route_url(request, "action_plan"),
        "start_again_url": toolkit.route_url(request, "start_again"),
    }


def _toolkit_of(step):
    ToolkitPage = apps.get_model("toolkit", "ToolkitPage")
    return ToolkitPage.objects.filter(path=step.path[: -step.steplen]).first()


def step_context(step, request):
    done_ids = ProgressStore(request).done_ids()
    toolkit = _toolkit_of(step)
    steps = toolkit.steps() if toolkit is not None else []
    toolkit_url = toolkit.get_url(request) if toolkit else ""
    items = _step_progress(steps, toolkit_url, done_ids, current=step)
    position = next((index for index, item in enumerate(items) if item.is_current), None)
    current = next((item.page for item in items if item.is_current), None)
    is_preview = getattr(request, "is_preview", False)
    # A live step's actions are already loaded with the step list; a preview shows the edited ones.
    step_actions = current.actions if current is not None and not is_preview else step.actions.all()
    actions = [(action, action.pk in done_ids) for action in step_actions]
    # A live page shows its saved links; a preview, the edited ones.
    resources = step_resources(step) if is_preview else published_resources([step.pk]).get(step.pk, [])
    return {
        "toolkit": toolkit,
        "toolkit_url": toolkit_url or None,
        "action_plan_url": toolkit.route_url(request, "action_plan") if toolkit else None,
        "step_items": items,
        "step_number": position + 1 if position is not None else None,
        "step_count": len(items),
        "previous_step": items[position - 1] if position else None,
        "next_step": items[position + 1] if position is not None and position + 1 < len(items) else None,
        "actions": actions,
        "actions_done": sum(1 for _action, done in actions if done),
        "actions_total": len(actions),
        "resources": resources,
    }


def save_step_progress(step, request):
    """The checklist form's POST: store the ticked actions of this step, then back to the step."""
    action_ids = [action.pk for action in step.actions.all()]
    ticked = ProgressStore(request).save_step(action_ids, request.POST.getlist("action"))
    summary = f"{len(ticked)} of {len(action_ids)} actions done"
    if request.headers.get("Accept", "").startswith("application/json"):
        return private(
            JsonResponse(
                {
                    "done": len(ticked),
                    "total": len(action_ids),
                    "message": f"Progress saved: {summary}.",
                    "summary": summary,
                }
            )
        )
    messages.success(request, f"Progress saved: {summary} in this step.")
    return private(HttpResponseSeeOther(step.get_url(request) + "#actions"))


def action_plan_steps(toolkit, request):
    done_ids = ProgressStore(request).done_ids()
    plan = []
    toolkit_url = toolkit.get_url(request)
    steps = toolkit.steps()
    resources = published_resources([step.pk for step in steps])
    for number, step in enumerate(steps, start=1):
        item = StepPlan(page=step, number=number, url=step_url(toolkit_url, step))
        for action in step.actions:
            (item.done_actions if action.pk in done_ids else item.todo_actions).append(action)
        item.resources = resources.get(step.pk, [])
        plan.append(item)
    return plan


def published_resources(step_pks):
    """``{step pk: [resource, ...]}``: each step's published resources in editor order, each once,
    with their organisations. Two queries however many steps, and a resource that several steps link
    to is loaded once (loading it with every link was a third of the action plan's time at 100 steps)."""
    ToolkitStepResource = apps.get_model("toolkit", "ToolkitStepResource")
    Resource = apps.get_model("resources", "Resource")
    links = list(
        ToolkitStepResource.objects.filter(page__in=step_pks, resource__live=True)
        .order_by("sort_order", "pk")
        .values_list("page_id", "resource_id")
    )
    resources = Resource.objects.filter(live=True).select_related("organisation").in_bulk({pk for _, pk in links})
    by_step = {}
    for page_id, resource_id in links:
        if resource_id in resources:  # unpublished between the two queries
            by_step.setdefault(page_id, {}).setdefault(resource_id, resources[resource_id])
    return {page_id: list(linked.values()) for page_id, linked in by_step.items()}


def step_resources(step):
    """A (previewed) step's published resources from its own, possibly edited, links, each once."""
    resources = {}
    for link in step.related_resources.all():
        if link.resource.live:
            resources.setdefault(link.resource.pk, link.resource)
    return list(resources.values())


def action_plan(toolkit, request):
    plan = action_plan_steps(toolkit, request)
    context = Page.get_context(toolkit, request)
    context.update(
        {
            "plan": plan,
            "plan_done": sum(len(item.done_actions) for item in plan),
            "plan_total": sum(len(item.done_actions) + len(item.todo_actions) for item in plan),
            "downloads": [
                (exporter.label, toolkit.route_url(request, "action_plan_download", file_format=name))
                for name, exporter in EXPORTERS.items()
            ],
        }
    )
    return TemplateResponse(request, "toolkit/action_plan.html", context)


def action_plan_download(toolkit, request, file_format):
    exporter = EXPORTERS.get(file_format)
    if exporter is None:
        raise Http404("No such download format.")
    plan = action_plan_steps(toolkit, request)
    content = exporter.render(toolkit, plan, request)
    response = HttpResponse(content, content_type=exporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{toolkit.slug}-action-plan.{exporter.extension}"'
    return response


def start_again(toolkit, request):
    """GET asks for confirmation; POST clears this visitor's ticks for every step of the toolkit."""
    if request.method == "POST":
        action_ids = [action.pk for step in toolkit.steps() for action in step.actions]
        ProgressStore(request).clear(action_ids)
        messages.success(request, "Your progress has been cleared. You can start the toolkit again.")
        return HttpResponseSeeOther(toolkit.get_url(request))
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    context = Page.get_context(toolkit, request)
    context["has_progress"] = bool(ProgressStore(request).done_ids())
    return TemplateResponse(request, "toolkit/start_again.html", context)
