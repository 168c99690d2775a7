"""The briefing index's filters: audience, topic and kind from a plain GET form, with counts.

Each option's count is the number of briefings the reader would get by choosing it, given the
other filters already chosen (so the counts never promise results that are not there). Options
with no briefings are left out, except the one already chosen. Values that are malformed or name
nothing that exists are ignored, so a hand-edited or stale URL still shows a list, never an error.
"""

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count
from taggit.models import Tag

from hub.core.models import Audience

SLUG = re.compile(r"[-\w]{1,100}")
KIND_NOUNS = {
    "briefing": ("briefing", "briefings"),
    "report": ("report", "reports"),
    "guidance": ("guidance note", "guidance notes"),
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


class BriefingFilters:
    """Cleaned filter values from ``params`` applied to ``queryset`` (live briefings of one index)."""

    fields = ("audience", "topic", "kind")

    def __init__(self, params, queryset):
        from .models import BriefingKind

        self.base = queryset
        self.kind_labels = dict(BriefingKind.choices)
        kind = params.get("kind", "")
        self.kind = kind if kind in self.kind_labels else None
        self.audience, self.audience_label = self._clean_audience(params.get("audience", ""))
        self.topic, self.topic_label = self._clean_topic(params.get("topic", ""))

    @staticmethod
    def _clean_audience(value):
        if not SLUG.fullmatch(value):
            return None, None
        name = Audience.objects.filter(slug=value).values_list("name", flat=True).first()
        return (value, name) if name else (None, None)

    @staticmethod
    def _clean_topic(value):
        if not SLUG.fullmatch(value):
            return None, None
        name = Tag.objects.filter(slug=value).values_list("name", flat=True).first()
        return (value, name) if name else (None, None)

    @property
    def selected(self):
        return {field: getattr(self, field) for field in self.fields if getattr(self, field)}

    @property
    def active(self):
        return bool(self.selected)

    def _apply(self, queryset, skip=None):
        if self.audience and skip != "audience":
            queryset = queryset.filter(audiences__slug=self.audience)
        if self.topic and skip != "topic":
            queryset = queryset.filter(tags__slug=self.topic)
        if self.kind and skip != "kind":
            queryset = queryset.filter(kind=self.kind)
        return queryset

    def results(self):
        return self._apply(self.base)

    def _keys(self, skip):
        return self._apply(self.base, skip=skip).values("pk")

    @staticmethod
    def _with_selected(options, selected, label):
        """Keep the chosen option visible (with its zero count) so the form shows what is applied."""
        if selected and not any(option.value == selected for option in options):
            options.append(Option(selected, label, 0, True))
        return options

    @cached_property
    def audience_options(self):
        rows = (
            Audience.objects.filter(briefing_pages__in=self._keys("audience"))
            .annotate(matches=Count("briefing_pages", distinct=True))
            .order_by("sort_order", "name")
            .values_list("slug", "name", "matches")
        )
        options = [Option(slug, name, matches, slug == self.audience) for slug, name, matches in rows]
        return self._with_selected(options, self.audience, self.audience_label)

    @cached_property
    def topic_options(self):
        rows = (
            Tag.objects.filter(briefings_briefingtag_items__content_object__in=self._keys("topic"))
            .annotate(matches=Count("briefings_briefingtag_items", distinct=True))
            .order_by("name")
            .values_list("slug", "name", "matches")
        )
        options = [Option(slug, name, matches, slug == self.topic) for slug, name, matches in rows]
        return self._with_selected(options, self.topic, self.topic_label)

    @cached_property
    def kind_options(self):
        counts = dict(self._apply(self.base, skip="kind").order_by().values_list("kind").annotate(n=Count("pk")))
        options = [
            Option(value, label, counts[value], value == self.kind)
            for value, label in self.kind_labels.items()
            if counts.get(value)
        ]
        return self._with_selected(options, self.kind, self.kind_labels.get(self.kind))

    def heading(self, total):
        """The results heading in words: '3 reports for Commissioners about commissioning'."""
        singular, plural = KIND_NOUNS.get(self.kind, ("result", "results"))
        words = [f"{total} {singular if total == 1 else plural}"]
        if self.audience:
            words.append(f"for {self.audience_label}")
        if self.topic:
            words.append(f"about {self.topic_label}")
        return " ".join(words)

    def url(self, base_url, page_number=None):
        """``base_url`` with the cleaned filters (and a page number, when not the first page)."""
        params = dict(self.selected)
        if page_number and page_number > 1:
            params["page"] = page_number
        return f"{base_url}?{urlencode(params)}" if params else base_url
