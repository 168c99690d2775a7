"""Briefings, reports and guidance for commissioners and their partners, and the index that lists them."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from hub.core.models import BasePage

from .blocks import BriefingStreamBlock
from .filters import BriefingFilters

BRIEFINGS_PER_PAGE = 12


class BriefingKind(models.TextChoices):
    BRIEFING = "briefing", "Briefing"
    REPORT = "report", "Report"
    GUIDANCE = "guidance", "Guidance"


class BriefingTag(TaggedItemBase):
    """Topics of briefings, kept in their own table so the topic filter only offers briefing topics."""

    content_object = ParentalKey("briefings.BriefingPage", on_delete=models.CASCADE, related_name="tagged_items")


class BriefingIndexPage(RoutablePageMixin, BasePage):
    """Lists briefings, reports and guidance newest first, filtered by audience, topic and kind; has an Atom feed."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["briefings.BriefingPage"]
    max_count = 1

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list: what readers will find here.",
    )

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "briefing index page"

    def briefings(self):
        """Live, public briefings under this index, newest first (ties: most recently added first), without
        the body only a briefing's own page shows (the list parsed every card's StreamField for nothing)."""
        briefings = BriefingPage.objects.live().public().child_of(self).defer("body")
        return briefings.order_by("-publication_date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A page being previewed before its first save has no URL yet.
        index_url = self.get_url(request) or ""
        filters = BriefingFilters(request.GET, self.briefings())
        paginator = Paginator(filters.results(), BRIEFINGS_PER_PAGE)
        briefings_page = paginator.get_page(request.GET.get("page"))
        # One query each for audiences and topics of the page shown, however many briefings exist.
        briefings_page.object_list = list(
            briefings_page.object_list.prefetch_related("audiences", "tags").select_related("document")
        )
        context.update(
            filters=filters,
            briefings_page=briefings_page,
            results_heading=filters.heading(paginator.count),
            previous_url=filters.url(index_url, briefings_page.previous_page_number())
            if briefings_page.has_previous()
            else None,
            next_url=filters.url(index_url, briefings_page.next_page_number()) if briefings_page.has_next() else None,
            feed_url=index_url + self.reverse_subpage("feed").lstrip("/"),
        )
        return context

    @path("feed/")
    def feed(self, request):
        from .feeds import BriefingFeed

        return BriefingFeed(self)(request)


class BriefingPage(BasePage):
    """A briefing, report or guidance note.

    One page type with a ``kind`` field rather than separate page types: the three share every
    field, block and layout, and readers browse them together. One model keeps one template, one
    query for the listing (no joins across several tables, no ``specific()``) and makes "kind" an
    ordinary filter with counts like audience and topic. Should a kind ever need its own fields, it
    can become a subclass then.
    """

    parent_page_types = ["briefings.BriefingIndexPage"]
    subpage_types = []

    kind = models.CharField(
        max_length=20,
        choices=BriefingKind.choices,
        default=BriefingKind.BRIEFING,
        help_text="Briefing: a short read for decision makers. Report: a longer account of findings. "
        "Guidance: how to do something.",
    )
    audiences = ParentalManyToManyField(
        "core.Audience",
        blank=True,
        related_name="briefing_pages",
        help_text="Who this is written for; readers filter the list by audience.",
    )
    tags = ClusterTaggableManager(
        through=BriefingTag,
        blank=True,
        verbose_name="topics",
        help_text="Topics readers can filter by, in sentence case, e.g. 'Commissioning', 'Talking therapies'.",
    )
    publication_date = models.DateField(
        default=datetime.date.today, help_text="When this was first published; the list shows newest first."
    )
    author = models.CharField(
        max_length=200, blank=True, help_text="Optional: the person or team who wrote it, as it should be credited."
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="Optional: the organisation that published it."
    )
    body = StreamField(
        BriefingStreamBlock(),
        blank=True,
        help_text="The briefing itself: key figures, quotes, priority actions, text and related resources.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a downloadable version (PDF preferred). Its format and size are shown next to the link.",
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("author"),
        index.SearchField("organisation"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="What it is and who it is for",
        ),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldRowPanel([FieldPanel("author"), FieldPanel("organisation")]),
            ],
            heading="Publication",
        ),
        FieldPanel("body"),
        FieldPanel("document"),
    ]

    class Meta:
        verbose_name = "briefing, report or guidance page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent()
        index_url = (index_page.get_url(request) if index_page else None) or ""
        context.update(
            audiences=list(self.audiences.all()),
            topics=list(self.tags.all()),
            index_url=index_url,
            feed_url=index_url + "feed/",
            page_full_url=self.get_full_url(request) or "",
        )
        return context
