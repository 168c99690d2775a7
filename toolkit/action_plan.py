"""The visitor's action plan as a file to keep: what is done and what is still to do, step by step."""

import io
import re
from dataclasses import dataclass

import docx
from django.utils import timezone
from docx.shared import Pt

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


def render_docx(toolkit, plan, request):
    """A Word document people can edit, share with their team and print."""
    done = sum(len(step.done_actions) for step in plan)
    total = sum(len(step.done_actions) + len(step.todo_actions) for step in plan)
    document = docx.Document()
    document.core_properties.title = f"Action plan: {toolkit.title}"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(f"Action plan: {toolkit.title}", level=0)
    document.add_paragraph(
        f"Saved on {timezone.localdate():%d %B %Y} from {_absolute(request, toolkit.get_url(request))}"
    )
    document.add_paragraph(f"{done} of {total} actions done.")
    if toolkit.action_plan_intro:
        document.add_paragraph(toolkit.action_plan_intro)
    for step in plan:
        document.add_heading(f"Step {step.number}: {step.page.title}", level=1)
        document.add_paragraph(f"Guidance: {_absolute(request, step.url)}")
        if step.todo_actions:
            document.add_heading("Still to do", level=2)
            for action in step.todo_actions:
                document.add_paragraph(f"\u2610 {action.text}", style="List Bullet")
        if step.done_actions:
            document.add_heading("Done", level=2)
            for action in step.done_actions:
                document.add_paragraph(f"\u2611 {action.text}", style="List Bullet")
        if step.resources:
            document.add_heading("Resources for this step", level=2)
            for resource in step.resources:
                document.add_paragraph(f"{resource.title}: {resource.url}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
    "word": Exporter(
        label="Download as a Word document",
        extension="docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render=render_docx,
    ),
}
