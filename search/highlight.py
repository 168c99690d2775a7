"""Snippets with the matched words marked: escape every piece of text, then add ``<mark>``."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

SNIPPET_CHARS = 220


def word_start_pattern(words):
    """A case-blind pattern for any of ``words`` at the start of a word (``None`` for no words)."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return None
    # Match at the start of a word so "stress" marks "stressful" but not "distress".
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in words) + r")\w*", re.IGNORECASE)


def plain_text(value):
    """Readable text from a field value: rich text and StreamField values lose their markup."""
    if value is None:
        return ""
    if hasattr(value, "render_as_block") or hasattr(value, "raw_data"):
        value = str(value)
    return " ".join(strip_tags(str(value)).split())


def excerpt(text, words, length=SNIPPET_CHARS):
    """A window of ``text`` around the first matched word, cut at word boundaries, with ellipses."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    pattern = word_start_pattern(words)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end].strip()
    return ("… " if start > 0 else "") + window + (" …" if end < len(text) else "")


def highlight(text, words):
    """``text`` escaped, with each word that starts with one of ``words`` wrapped in ``<mark>``."""
    text = text or ""
    pattern = word_start_pattern(words)
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 — escaped just here
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 — every piece escaped above


def snippet(text, words, length=SNIPPET_CHARS):
    return highlight(excerpt(text, words, length), words)
