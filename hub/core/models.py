"""Abstract page types and mixins every content page builds on."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """A content page with a plain-language summary used in listings, search results and meta tags.

    Wagtail's own ``search_description`` is for search engines; ``summary`` is what our own
    listings and cards show, so editors write it for people.
    """

    summary = models.TextField(
        blank=True,
        max_length=400,
        help_text="One or two sentences in plain English, shown in listings, cards and search results.",
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [*Page.content_panels, FieldPanel("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary
