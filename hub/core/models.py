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


class Audience(models.Model):
    """Who a piece of content is for (employers, GPs, commissioners…): one list shared by every app,
    so the directory, briefings and site search filter by the same audiences."""

    name = models.CharField(max_length=80, unique=True, help_text="Plural, as readers say it, e.g. 'Line managers'.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter URLs; letters, numbers and hyphens.")
    description = models.CharField(
        max_length=250, blank=True, help_text="Optional: who exactly this covers, shown as a hint in filters."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first in filters.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
