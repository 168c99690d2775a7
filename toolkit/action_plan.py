"""The visitor's action plan as a file to keep: what is done and what is still to do, step by step."""

import re
from dataclasses import dataclass

from django.utils import timezone

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def escape_markdown(text):
    """Make editor-written text print as written: no accidental emphasis, links or headings."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _absolute(request, url):
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def render_markdown(toolkit, plan, request):
    done = sum(len(step.done_actions) for step in plan)
    total = sum(len(step.done_actions) + len(step.todo_actions) for step in plan)
    lines = [
        f"# Action plan: {escape_markdown(toolkit.title)}",
        "",
        f"Saved on {timezone.localdate():%d %B %Y} from {_absolute(request, toolkit.get_url(request))}",
        "",
        f"{done} of {total} actions done.",
        "",
    ]
    if toolkit.action_plan_intro:
        lines += [escape_markdown(toolkit.action_plan_intro), ""]
    for step in plan:
        lines += [f"## Step {step.number}: {escape_markdown(step.page.title)}", ""]
        lines += [f"Guidance: {_absolute(request, step.url)}", ""]
        if step.done_actions or step.todo_actions:
            for action in step.todo_actions:
                lines.append(f"- [ ] {escape_markdown(action.text)}")
            for action in step.done_actions:
                lines.append(f"- [x] {escape_markdown(action.text)}")
            lines.append("")
        if step.resources:
            lines += ["Resources for this step:", ""]
            for resource in step.resources:
                lines.append(f"- [{escape_markdown(resource.title)}](<{resource.url}>)")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class Exporter:
    label: str
    extension: str
    content_type: str
    render: object


EXPORTERS = {
    "markdown": Exporter(
        label="Download as a text file (Markdown)",
        extension="md",
        content_type="text/markdown; charset=utf-8",
        render=render_markdown,
    ),
}
