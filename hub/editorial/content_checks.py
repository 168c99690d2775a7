"""Accessibility checks on stored content: images without alternative text and skipped heading levels.

The checks walk every StreamField on a page (rich text, headings, images, nested structs and lists)
so they work for every page type without each app writing its own walker.
"""

import re
from dataclasses import dataclass

from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText

HEADING_TAG = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
IMAGE_EMBED = re.compile(r"<embed\b[^>]*embedtype=\"image\"[^>]*>", re.IGNORECASE)
ALT_ATTRIBUTE = re.compile(r"\balt=\"([^\"]*)\"", re.IGNORECASE)
TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


def _walk(value, found):
    """Append headings (in document order) and alt-text problems found in ``value`` to ``found``."""
    if isinstance(value, StreamValue):
        for child in value:
            _walk(child.value, found)
    elif isinstance(value, StructValue):
        level = str(value.get("level", ""))
        if "text" in value and re.fullmatch(r"h[1-6]", level):
            found.append(Heading(int(level[1]), str(value["text"])))
        else:
            for child in value.values():
                _walk(child, found)
    elif isinstance(value, ListValue | list | tuple):
        for child in value:
            _walk(child, found)
    elif isinstance(value, RichText):
        _walk_rich_text(value.source, found)
    elif isinstance(value, AbstractImage) and _lacks_alt_text(value):
        found.append(f"Image '{value.title}' has no alternative text")


def _lacks_alt_text(image):
    return not getattr(image, "decorative", False) and not (getattr(image, "contextual_alt_text", None) or "").strip()


def _walk_rich_text(html, found):
    positions = [
        (match.start(), Heading(int(match.group(1)), TAGS.sub("", match.group(2))))
        for match in HEADING_TAG.finditer(html)
    ]
    for match in IMAGE_EMBED.finditer(html):
        alt = ALT_ATTRIBUTE.search(match.group(0))
        if alt is None or not alt.group(1).strip():
            positions.append((match.start(), "An image in rich text has no alternative text"))
    found.extend(item for _, item in sorted(positions, key=lambda pair: pair[0]))


def content_problems(page):
    """Human-readable accessibility problems in ``page``'s StreamFields, in reading order."""
    found = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            _walk(getattr(page, field.name), found)
    problems = []
    previous_level = 1  # the page title is the h1
    for item in found:
        if isinstance(item, Heading):
            if item.level > previous_level + 1:
                problems.append(f"Heading '{item.text}' skips from level {previous_level} to level {item.level}")
            previous_level = item.level
        else:
            problems.append(item)
    return problems
