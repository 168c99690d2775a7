"""Abstract page types and mixins every content page builds on."""

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable, Page
from wagtail.search import index

from .review import ReviewDatesMixin


class BasePage(ReviewDatesMixin, Page):
    """A content page with a plain-language summary used in listings, search results and meta tags,
    and review dates readers and editors can trust.

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
    settings_panels = [*Page.settings_panels, *ReviewDatesMixin.review_panels]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_review_dates()
        return super().save(*args, **kwargs)

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


@register_setting(icon="cog")
class HubSettings(ClusterableModel, BaseGenericSetting):
    """Organisation details and editorial rules that administrators change without a deploy."""

    organisation_name = models.CharField(
        max_length=120, default="Work and Wellbeing Hub", help_text="Shown in the footer and in emails."
    )
    contact_email = models.EmailField(blank=True, help_text="Where readers report problems, e.g. accessibility.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="Optional phone number for enquiries.")
    address = models.TextField(blank=True, help_text="Postal address, one line per line.")
    social_links = models.JSONField(
        default=list,
        blank=True,
        help_text='Optional list of {"label": "…", "url": "https://…"} shown in the footer.',
    )
    urgent_help_text = models.CharField(
        "urgent help lead-in",
        max_length=120,
        default="Need help now?",
        help_text="Shown at the top of every page before the crisis numbers (NHS 111, Samaritans 116 123, 999), "
        "which are always shown and cannot be removed.",
    )
    default_review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How long content stays current before it is due for review, unless a type says otherwise.",
    )
    review_due_soon_days = models.PositiveSmallIntegerField(
        default=30, help_text="Content due for review within this many days is listed as 'due soon'."
    )
    referral_retention_days = models.PositiveSmallIntegerField(
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text="Referral submissions older than this are deleted by the nightly purge.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
                FieldPanel("social_links"),
            ],
            heading="Organisation",
        ),
        FieldPanel("urgent_help_text"),
        MultiFieldPanel(
            [
                FieldPanel("default_review_interval_months"),
                FieldPanel("review_due_soon_days"),
                InlinePanel("review_intervals", label="Review interval for a content type"),
            ],
            heading="Content review",
        ),
        FieldPanel("referral_retention_days"),
    ]

    class Meta:
        verbose_name = "hub settings"

    def review_interval_for(self, model):
        """Months until content of ``model``'s type is next due for review."""
        content_type = ContentType.objects.get_for_model(model)
        for interval in self.review_intervals.all():
            if interval.content_type_id == content_type.pk:
                return interval.months
        return self.default_review_interval_months


class ReviewInterval(Orderable):
    """A per-type review interval, e.g. services every 6 months because contact details change."""

    settings = ParentalKey(HubSettings, on_delete=models.CASCADE, related_name="review_intervals")
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, help_text="The page type or snippet this interval applies to."
    )
    months = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(60)], help_text="Months between reviews."
    )

    panels = [FieldPanel("content_type"), FieldPanel("months")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["settings", "content_type"], name="one_interval_per_type")]


class ScheduledJob(models.Model):
    """One periodic job of ``manage.py run_scheduler``: its lock and the record of its last run.

    The lock is a lease in the database, so schedulers on different machines share it: a run takes it with
    one conditional UPDATE (free or expired), and a scheduler that died mid-run only holds it until
    ``locked_until``. Outcomes are kept here too, so operators see when each job last ran and how it went.
    """

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=100, unique=True, help_text="The management command the job runs.")
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=200, blank=True, help_text="Host, process and run of the lock holder.")
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_succeeded_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    last_duration = models.FloatField(null=True, blank=True, help_text="Seconds.")
    last_summary = models.CharField(max_length=255, blank=True, help_text="The command's last line, or its error.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
