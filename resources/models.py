"""The resource library: external resources (snippets) and the public directory page that lists them.

Model API for other apps. ``Resource`` is a Wagtail snippet (``"resources.Resource"``) for an external
link: ``title``, ``url`` (http/https only), ``summary``, ``organisation`` (FK to the ``Organisation``
snippet, ``resource.organisation.name``), ``audiences`` (``ParentalManyToManyField`` to the shared
``core.Audience``), ``topics`` (django-taggit ``ClusterTaggableManager`` over the resources-only ``Topic``
tag model through ``ResourceTopic``; ``resource.topics.all()``), ``resource_type`` (``ResourceType``
choices: guide, toolkit, report, website, service finder, training; ``get_resource_type_display()``),
``document_format`` / ``document_size_kb`` (only for documents), ``region``, ``date_added`` and
``last_reviewed``. It has drafts, revisions, locking, workflow and preview (Wagtail's mixins), so only
rows with ``live=True`` are public: always list them with ``Resource.objects.published()`` (live, with
organisation selected) and prefetch with ``.with_related()`` (audiences + topics). Link to one from a
page with ``SnippetChooserBlock("resources.Resource")`` or a ``ParentalManyToManyField("resources.Resource")``
and render it with ``{% include "resources/includes/resource_card.html" with resource=r %}``.
``Resource.external_link_text`` is the screen-reader hint for links that leave the site. Link-check
results live in ``ResourceLinkCheck`` (``resource.link_check``), outside revisions, so publishing an old
draft never overwrites them. ``ResourceDirectoryPage`` is the page at ``/resources/`` with faceted filters.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from hub.core.models import BasePage
from hub.core.review import ReviewDatesMixin

HTTP_SCHEMES = ["http", "https"]


class Organisation(index.Indexed, models.Model):
    """Who publishes a resource (DWP, Mind, HSE…): a controlled list editors manage as a snippet."""

    name = models.CharField(max_length=120, unique=True, help_text="The organisation's usual name, e.g. 'Mind'.")
    short_name = models.CharField(
        max_length=30, blank=True, help_text="Optional abbreviation readers know, e.g. 'DWP' or 'HSE'."
    )
    website = models.URLField(
        blank=True,
        validators=[URLValidator(schemes=HTTP_SCHEMES)],
        help_text="Optional: the organisation's home page (http or https).",
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.SearchField("short_name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(TagBase):
    """A topic tag for resources only (workplace stress, return to work…), kept apart from other tags
    so the directory's topic filter and the admin's tag autocomplete list resource topics alone."""

    name = models.CharField(
        "name",
        unique=True,
        max_length=100,
        help_text="A short topic in lower case, e.g. 'return to work'; readers filter the directory by it.",
    )
    free_tagging = True

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"
        ordering = ["name"]


class ResourceTopic(ItemBase):
    """Through model linking a resource to its topics."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_resources")
    content_object = ParentalKey("resources.Resource", on_delete=models.CASCADE, related_name="tagged_topics")

    class Meta:
        unique_together = [("content_object", "tag")]


class ResourceType(models.TextChoices):
    GUIDE = "guide", "Guide"
    TOOLKIT = "toolkit", "Toolkit"
    REPORT = "report", "Report"
    WEBSITE = "website", "Website"
    SERVICE_FINDER = "service-finder", "Service finder"
    TRAINING = "training", "Training"


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    WORD = "docx", "Word document"
    SPREADSHEET = "xlsx", "Spreadsheet"
    SLIDES = "pptx", "Slides"
    ODT = "odt", "OpenDocument text"
    VIDEO = "video", "Video"


class Region(models.TextChoices):
    UK = "uk", "UK-wide"
    ENGLAND = "england", "England"
    LONDON = "london", "London"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    NOTTINGHAMSHIRE = "nottinghamshire", "Nottinghamshire"


class ResourceQuerySet(models.QuerySet):
    def published(self):
        """Resources the public may see: live (published, not expired), with their organisation."""
        return self.filter(live=True).select_related("organisation")

    def with_related(self):
        """Prefetch audiences and topics: two queries, however many resources."""
        return self.prefetch_related("audiences", "topics")


class Resource(
    ReviewDatesMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An external resource (guide, toolkit, report, website…) that the hub links out to."""

    title = models.CharField(max_length=255, help_text="The resource's own title, as its publisher gives it.")
    url = models.URLField(
        "URL",
        max_length=500,
        validators=[URLValidator(schemes=HTTP_SCHEMES)],
        help_text="Full web address starting with https:// (or http://). Other kinds of link are refused.",
    )
    summary = models.TextField(
        max_length=600,
        help_text="One to three sentences in our own words: what it is, who it helps and why it is useful.",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="resources",
        help_text="Who publishes it. Add a new organisation under Snippets > Resource library > Organisations.",
    )
    audiences = ParentalManyToManyField(
        "core.Audience",
        blank=True,
        related_name="resources",
        help_text="Who it is for; readers filter the directory by these.",
    )
    topics = ClusterTaggableManager(
        through=ResourceTopic,
        blank=True,
        help_text="Topics such as 'workplace stress' or 'return to work'; pick existing ones where you can.",
    )
    resource_type = models.CharField(
        "type",
        max_length=20,
        choices=ResourceType.choices,
        default=ResourceType.GUIDE,
        help_text="What kind of resource it is; readers filter by this.",
    )
    document_format = models.CharField(
        max_length=10,
        choices=DocumentFormat.choices,
        blank=True,
        help_text="Only if the link opens a document or video rather than a web page.",
    )
    document_size_kb = models.PositiveIntegerField(
        "document size (KB)",
        null=True,
        blank=True,
        help_text="Only for documents: the file size in kilobytes, so readers know before downloading.",
    )
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        default=Region.ENGLAND,
        help_text="Where it applies: national resources or ones for a local area.",
    )
    date_added = models.DateField(
        default=timezone.localdate, db_index=True, help_text="When it was added to the hub (used for sorting)."
    )
    objects = ResourceQuerySet.as_manager()

    external_link_text = "(opens external site)"

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("summary"),
        FieldPanel("organisation"),
        FieldPanel("resource_type"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics"),
        FieldPanel("region"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("document_format"), FieldPanel("document_size_kb")])],
            heading="Document",
            help_text="Fill in only if the link is a document rather than a web page.",
        ),
        FieldPanel("date_added"),
        *ReviewDatesMixin.review_panels,
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.RelatedFields("organisation", [index.SearchField("name"), index.SearchField("short_name")]),
        # The linked audiences' and topics' names, read from the prefetch in get_indexed_objects:
        # RelatedFields would ask the database for both links five times per resource while indexing
        # (modelcluster's managers ignore prefetched rows), 100,000 queries at 10,000 resources.
        index.SearchField("audience_names"),
        index.SearchField("topic_names"),
        index.FilterField("live"),
        index.FilterField("resource_type"),
        index.FilterField("date_added"),
    ]

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["live", "title"]), models.Index(fields=["live", "date_added"])]

    def __str__(self):
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .prefetch_related(
                models.Prefetch("audiences", to_attr="indexed_audiences"),
                models.Prefetch("topics", to_attr="indexed_topics"),
            )
        )

    def linked_names(self, relation):
        """For the search index: the names linked through ``relation`` ("audiences" or "topics"), from
        the prefetch made by ``get_indexed_objects`` when there is one."""
        prefetched = getattr(self, f"indexed_{relation}", None)
        linked = getattr(self, relation).all() if prefetched is None else prefetched
        return ", ".join(item.name for item in linked)

    def audience_names(self):
        return self.linked_names("audiences")

    def topic_names(self):
        return self.linked_names("topics")

    def save(self, *args, **kwargs):
        self.fill_review_dates()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.document_size_kb and not self.document_format:
            errors["document_format"] = "Give the document's format as well as its size."
        if errors:
            raise ValidationError(errors)

    @property
    def document_label(self):
        """'PDF, 320 KB' for documents, '' for web pages."""
        if not self.document_format:
            return ""
        label = self.get_document_format_display()
        if self.document_size_kb:
            size = (
                f"{self.document_size_kb / 1024:.1f} MB"
                if self.document_size_kb >= 1024
                else f"{self.document_size_kb} KB"
            )
            label = f"{label}, {size}"
        return label

    @property
    def audience_list(self):
        """Audiences for display: those a listing attached already (no query), else from the database."""
        if hasattr(self, "listed_audiences"):
            return self.listed_audiences
        return list(self.audiences.all())

    @property
    def topic_list(self):
        """Topics for display: those a listing attached already (no query), else from the database."""
        if hasattr(self, "listed_topics"):
            return self.listed_topics
        return list(self.topics.all())

    def get_preview_template(self, request, mode_name):
        return "resources/resource_preview.html"


class ResourceLinkCheck(models.Model):
    """The latest outcome of checking a resource's URL (see ``manage.py check_resource_links``)."""

    resource = models.OneToOneField(Resource, on_delete=models.CASCADE, related_name="link_check")
    checked_url = models.URLField(max_length=500, help_text="The URL that was checked.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Final HTTP status, if any.")
    final_url = models.URLField(max_length=2000, blank=True, help_text="Where redirects ended.")
    redirected = models.BooleanField(default=False)
    error = models.CharField(max_length=255, blank=True, help_text="Timeout or connection error, if any.")
    last_checked = models.DateTimeField(null=True, blank=True)
    last_ok = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField(default=0)
    flagged = models.BooleanField(
        default=False, db_index=True, help_text="Failed several checks in a row: an editor should look at it."
    )

    class Meta:
        verbose_name = "link check"

    def __str__(self):
        return f"{self.resource}: {self.status_label}"

    @property
    def ok(self):
        return not self.error and self.status_code is not None and self.status_code < 400

    @property
    def status_label(self):
        if self.error:
            return self.error
        if self.status_code is None:
            return "Not checked"
        return f"HTTP {self.status_code}"


class ResourceDirectoryPage(BasePage):
    """The public resource library at /resources/: every live resource, filtered by audience, topic and
    type with live counts, keyword search, sorting and pagination (see ``resources.directory``)."""

    intro = models.TextField(blank=True, max_length=600, help_text="A short introduction shown above the filters.")
    per_page = models.PositiveSmallIntegerField(
        default=20, help_text="How many resources to show on each page of results (5 to 100)."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "resource directory page"

    def clean(self):
        super().clean()
        if not 5 <= (self.per_page or 0) <= 100:
            raise ValidationError({"per_page": "Choose between 5 and 100 resources per page."})

    def get_context(self, request, *args, **kwargs):
        from .directory import DirectoryQuery

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = DirectoryQuery(request.GET, per_page=self.per_page).run()
        return context
