"""Employment-support services, their referral forms, and the referrals people send through them.

Referrals are special-category health data. A referral is stored, encrypted, in its own model
(:class:`Referral`), not in Wagtail's ``FormSubmission``: Wagtail's generic submissions listing and CSV
export read ``FormSubmission.form_data`` in the clear, check only page-edit permission, write no audit
log and do not neutralise spreadsheet formulas. Keeping referrals apart means none of that code can
ever reach them; our own admin views (``admin_views.py``) do the access checks, auditing and export.
"""

import secrets
import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.forms.models import AbstractFormField, FormMixin, validate_to_address
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from hub.core.blocks import BaseStreamBlock
from hub.core.models import BasePage, HubSettings

from .crypto import EncryptedJSONField
from .forms import ReferralFormPageAdminForm

SHORT_RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]


class ServiceIndexPage(BasePage):
    """The list of services (/services/): who each is for and where, with links to refer."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage", "services.ReferralStatisticsPage"]
    max_count = 1

    intro = RichTextField(
        features=SHORT_RICH_TEXT, blank=True, help_text="A short introduction above the list of services."
    )
    services_per_page = 24

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "service index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = ServicePage.objects.child_of(self).live().public().order_by("title")
        page = Paginator(services, self.services_per_page).get_page(request.GET.get("page"))
        services = list(page.object_list)
        # One query for the forms of the services on this page, matched to their parent by tree path.
        forms_by_parent = defaultdict(list)
        if services:
            parent_length = len(services[0].path)
            forms = (
                ReferralFormPage.objects.descendant_of(self)
                .filter(depth=self.depth + 2)
                .annotate(parent_path=Substr("path", 1, parent_length))
                .filter(parent_path__in=[service.path for service in services])
                .live()
                .public()
                .order_by("referrer_type")
            )
            for form_page in forms:
                forms_by_parent[form_page.parent_path].append(form_page)
        for service in services:
            service.live_referral_forms = forms_by_parent.get(service.path, [])
        context["services_page"] = page
        context["previous_url"] = f"?page={page.previous_page_number()}" if page.has_previous() else None
        context["next_url"] = f"?page={page.next_page_number()}" if page.has_next() else None
        context["services"] = services
        return context


class ServiceStatus(models.TextChoices):
    # The Open Referral UK status vocabulary.
    ACTIVE = "active", "Active"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"


class ServicePage(BasePage):
    """One employment-support service: who it is for, where, how to refer, its leaflet and its forms.

    Fields follow Open Referral UK (service, organisation, eligibility, service area, contact) so the
    same content feeds the ``/api/oruk/`` API.
    """

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = ["services.ReferralFormPage"]

    oruk_id = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text="Stable identifier of this service in the Open Referral UK feed.",
    )
    status = models.CharField(
        max_length=20,
        choices=ServiceStatus.choices,
        default=ServiceStatus.ACTIVE,
        help_text="Whether the service is taking referrals; shown on the page and published in the open data feed.",
    )
    eligibility = RichTextField(
        features=SHORT_RICH_TEXT, blank=True, help_text="Who the service is for: the conditions someone must meet."
    )
    minimum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Youngest age the service accepts, if it has one."
    )
    maximum_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Oldest age the service accepts, if it has one."
    )
    areas_covered = models.CharField(
        max_length=255, blank=True, help_text="Where people must live or work, e.g. 'Nottingham and Nottinghamshire'."
    )
    how_to_refer = RichTextField(
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Who can refer (GPs, Jobcentre Plus work coaches, self-referral) and how.",
    )
    after_referral = RichTextField(
        features=SHORT_RICH_TEXT, blank=True, help_text="What happens after a referral, step by step."
    )
    response_time = models.CharField(
        max_length=255,
        blank=True,
        help_text="How long it takes, e.g. 'We contact the person within 5 working days.'",
    )
    contact_phone = models.CharField(max_length=40, blank=True, help_text="Phone number for enquiries.")
    contact_email = models.EmailField(blank=True, help_text="Public email address for enquiries (not for referrals).")
    opening_hours = models.CharField(
        max_length=255, blank=True, help_text="When the service can be reached, e.g. 'Monday to Friday, 9am to 5pm'."
    )
    cost = models.CharField(max_length=255, default="Free", help_text="What it costs the person; usually 'Free'.")
    service_accessibility = RichTextField(
        features=SHORT_RICH_TEXT,
        blank=True,
        verbose_name="accessibility of the service",
        help_text="Step-free access, interpreters, BSL, phone or video appointments, large print…",
    )
    leaflet = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The information leaflet to download (PDF or document).",
    )
    leaflet_html = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name="leaflet as a web page",
        help_text="The leaflet's content as a web page, for people who cannot open or read the file.",
    )
    organisation_name = models.CharField(
        max_length=255, blank=True, help_text="The organisation that runs the service."
    )
    organisation_description = models.TextField(
        blank=True, help_text="One or two sentences about the organisation, for the open data feed."
    )
    organisation_url = models.URLField(blank=True, help_text="The organisation's website.")
    organisation_email = models.EmailField(blank=True, help_text="The organisation's public email address.")
    first_contact_target_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        verbose_name="first contact target (working days)",
        help_text=(
            "Referrals still waiting for first contact after this many working days (Monday to Friday, "
            "not counting bank holidays in England) are flagged in the referrals list."
        ),
    )
    reference_prefix = models.CharField(
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", "Use 2 to 6 capital letters, e.g. BTG.")],
        help_text="Starts every referral reference, e.g. 'BTG' gives BTG-GP-7K3M9Q. Initials of the title if empty.",
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("eligibility"),
        index.SearchField("areas_covered"),
        index.SearchField("how_to_refer"),
        index.SearchField("leaflet_html"),
        index.SearchField("organisation_name"),
        index.FilterField("status"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                FieldPanel("areas_covered"),
            ],
            heading="Who it is for and where",
        ),
        MultiFieldPanel(
            [FieldPanel("how_to_refer"), FieldPanel("after_referral"), FieldPanel("response_time")],
            heading="Referrals",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("opening_hours"),
                FieldPanel("cost"),
                FieldPanel("service_accessibility"),
            ],
            heading="Contact and access",
        ),
        MultiFieldPanel([FieldPanel("leaflet"), FieldPanel("leaflet_html")], heading="Information leaflet"),
        MultipleChooserPanel(
            "related_resources",
            chooser_field_name="resource",
            label="Related resources",
            help_text="Resources from the directory that referrers or the people they refer may find useful.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_description"),
                FieldPanel("organisation_url"),
                FieldPanel("organisation_email"),
            ],
            heading="Organisation",
        ),
    ]
    settings_panels = [
        *BasePage.settings_panels,
        FieldPanel("reference_prefix"),
        FieldPanel("first_contact_target_days"),
    ]
    # A copied service is a new service: it gets its own ORUK id (and, on save, its own handler group).
    exclude_fields_in_copy = ["oruk_id"]

    class Meta:
        verbose_name = "service page"

    def get_reference_prefix(self):
        if self.reference_prefix:
            return self.reference_prefix
        initials = "".join(word[0] for word in self.title.split() if word[:1].isalpha() and word.lower() not in STOP)
        return (initials.upper() or "REF")[:6]

    def get_related_resources(self):
        """Published resources the editor picked, in their order (three queries, however many)."""
        from resources.models import Resource

        ids = list(self.related_resources.order_by("sort_order").values_list("resource_id", flat=True))
        if not ids:
            return []
        found = Resource.objects.published().with_related().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_resources"] = self.get_related_resources()
        context["referral_forms"] = ReferralFormPage.objects.child_of(self).live().public().order_by("referrer_type")
        return context


STOP = {"and", "the", "of", "for", "to", "in"}


class ServicePageRelatedResource(Orderable):
    """A directory resource shown on a service page."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="related_resources")
    resource = models.ForeignKey(
        "resources.Resource", on_delete=models.CASCADE, related_name="+", help_text="A resource from the directory."
    )

    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        verbose_name = "related resource"


class ReferrerType(models.TextChoices):
    GP = "gp", "GP"
    JOBCENTRE_PLUS = "jcp", "Jobcentre Plus"


REFERENCE_CODES = {ReferrerType.GP: "GP", ReferrerType.JOBCENTRE_PLUS: "JCP"}


class ReferralFormField(AbstractFormField):
    """An extra question an editor adds to a referral form (the fixed questions are always asked)."""

    page = ParentalKey("services.ReferralFormPage", on_delete=models.CASCADE, related_name="form_fields")


class ReferralFormPage(RoutablePageMixin, FormMixin, BasePage):
    """A referral form for one kind of referrer (GP or Jobcentre Plus work coach) to one service.

    Built on Wagtail's form builder for the editor-defined questions; the questions every referral needs
    are fixed in code (``forms.py``) so an editor cannot remove them. Submissions go to :class:`Referral`.
    """

    parent_page_types = ["services.ServicePage"]
    subpage_types = []
    template = "services/referral_form_page.html"
    landing_page_template = "services/referral_form_page_confirmation.html"

    referrer_type = models.CharField(
        max_length=3,
        choices=ReferrerType.choices,
        help_text="Who fills in this form; each service has at most one form per kind of referrer.",
    )
    intro = RichTextField(
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Shown above the form: what to have ready, how long it takes, who sees the answers.",
    )
    what_happens_next = RichTextField(
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="Shown with the reference number after sending, e.g. when the service will be in touch.",
    )
    to_address = models.CharField(
        max_length=255,
        blank=True,
        validators=[validate_to_address],
        verbose_name="notify these addresses",
        help_text=(
            "Staff emails told that a referral has arrived (comma-separated). The email holds only the "
            "reference and a link to the admin, never the person's details."
        ),
    )

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("referrer_type"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Extra questions", help_text="Asked after the standard questions."),
        FieldPanel("what_happens_next"),
        FieldPanel("to_address"),
    ]

    class Meta:
        verbose_name = "referral form page"

    base_form_class = ReferralFormPageAdminForm

    def duplicate_referrer_type_error(self, parent):
        """The message if ``parent`` already has another form for this page's kind of referrer."""
        if parent is None or not self.referrer_type:
            return None
        siblings = ReferralFormPage.objects.child_of(parent).filter(referrer_type=self.referrer_type)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if siblings.exists():
            return f"This service already has a {self.get_referrer_type_display()} referral form."
        return None

    def clean(self):
        super().clean()
        # On creation the page is not in the tree yet; the admin form checks against its future parent.
        parent = self.get_parent() if self.pk and self.path else None
        error = self.duplicate_referrer_type_error(parent)
        if error:
            raise ValidationError({"referrer_type": error})

    @cached_property
    def service(self):
        # Previews of a page being created have no tree position yet: fall back to nothing rather than fail.
        if not self.path:
            return None
        return ServicePage.objects.parent_of(self).first()

    def get_submission_class(self):
        return Referral

    def get_submissions(self):
        return Referral.objects.filter(form_page=self)

    def serve_submissions_list_view(self, request, *args, **kwargs):
        # Wagtail's generic listing shows submissions to anyone who can edit the page; referrals have
        # their own access-checked, audited views instead.
        raise PermissionDenied

    def get_form_class(self):
        from .forms import referral_form_class

        return referral_form_class(self)

    @path("")
    def form_view(self, request):
        from .views import serve_referral_form

        return serve_referral_form(request, self)

    @path("confirmation/")
    def confirmation_view(self, request):
        from .views import serve_confirmation

        return serve_confirmation(request, self)

    def serve_preview(self, request, mode_name):
        from .views import render_form

        if mode_name == "landing":
            return self.render_landing_page(request, reference="BTG-GP-PREVIEW")
        return render_form(self, request, self.get_form(page=self, user=request.user))

    def render_landing_page(self, request, form_submission=None, *args, reference=None, **kwargs):
        from .views import render_confirmation

        return render_confirmation(self, request, reference or getattr(form_submission, "reference", ""))


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will retry"


class ReferralQuerySet(models.QuerySet):
    def for_user(self, user):
        from .access import services_handled_by

        if not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(service__in=services_handled_by(user))


class ReferralStatus(models.TextChoices):
    """Where a referral is in the service's handling; the allowed moves are in ``handling.TRANSITIONS``."""

    RECEIVED = "received", "Received"
    CONTACTED = "contacted", "Contacted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    SUPPORT_STARTED = "support_started", "Support started"
    CLOSED = "closed", "Closed"


class ReferralChoiceList(models.Model):
    """An entry in a list administrators edit (Snippets): decline reasons and closure outcomes."""

    name = models.CharField(max_length=80, unique=True, help_text="As staff and commissioners read it.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class DeclineReason(ReferralChoiceList):
    """Why a referral was declined, e.g. 'Not eligible' or 'Unable to contact'."""

    class Meta(ReferralChoiceList.Meta):
        verbose_name = "decline reason"


class ClosureOutcome(ReferralChoiceList):
    """What had happened for the person when support closed, e.g. 'Returned to work'."""

    class Meta(ReferralChoiceList.Meta):
        verbose_name = "closure outcome"


REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L or U: easy to read out on the phone


def new_reference(prefix, referrer_type):
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{prefix}-{REFERENCE_CODES.get(referrer_type, 'REF')}-{code}"


class Referral(models.Model):
    """One referral, its answers encrypted at rest. The service link is protected: a service page with
    referrals cannot be deleted (the delete view says so) until they are purged."""

    reference = models.CharField(max_length=32, unique=True, help_text="Given to the referrer, e.g. BTG-GP-7K3M9Q.")
    service = models.ForeignKey(
        ServicePage, on_delete=models.PROTECT, related_name="referrals", help_text="The service referred to."
    )
    form_page = models.ForeignKey(
        ReferralFormPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        help_text="The form used (empty if the form page was deleted later).",
    )
    referrer_type = models.CharField(max_length=3, choices=ReferrerType.choices, help_text="Who sent the referral.")
    submit_time = models.DateTimeField(default=timezone.now, db_index=True, help_text="When it was sent.")
    form_data = EncryptedJSONField(help_text="The answers: field name → value (encrypted at rest).")
    field_labels = models.JSONField(
        default=dict, help_text="Field name → question label at the time of sending (no personal data)."
    )
    status = models.CharField(
        max_length=20,
        choices=ReferralStatus.choices,
        default=ReferralStatus.RECEIVED,
        db_index=True,
        help_text="Where the referral is in the service's handling.",
    )
    status_changed_at = models.DateTimeField(default=timezone.now, help_text="When the status last changed.")
    first_contact_at = models.DateTimeField(null=True, blank=True, help_text="When the person was first contacted.")
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When handling ended (declined or closed); the retention period counts from here.",
    )
    decline_reason = models.ForeignKey(
        DeclineReason, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="Why declined."
    )
    outcome = models.ForeignKey(
        ClosureOutcome,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Outcome at closure.",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-submit_time"]

    def __str__(self):
        return self.reference

    def get_data(self):
        return {**self.form_data, "submit_time": self.submit_time}

    def answers(self):
        """(label, value) pairs in the order the form asked them."""
        data = self.form_data or {}
        labels = self.field_labels or {}
        ordered = [name for name in labels if name in data] + [name for name in data if name not in labels]
        return [(labels.get(name, name.replace("_", " ").capitalize()), data[name]) for name in ordered]


class ReferralStatusChange(models.Model):
    """One move of a referral from one status to another: who, when, and an optional note (encrypted at
    rest like the referral: staff write about the person). Deleted with its referral by the purge."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, help_text="Status before.")
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices, help_text="Status after.")
    changed_at = models.DateTimeField(default=timezone.now, help_text="When the change was made.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who made it (empty if their account was deleted).",
    )
    reason = models.CharField(max_length=80, blank=True, help_text="Decline reason or outcome, as named then.")
    note = EncryptedJSONField(default=dict, help_text="The handler's note as {'text': …}, encrypted at rest.")

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"

    @property
    def note_text(self):
        return (self.note or {}).get("text", "")


class ReferralStatistic(models.Model):
    """Counts, not people: one service's referrals from one kind of referrer received in one month, and
    what became of them. Updated as referrals arrive and change status; kept when the referrals
    themselves are purged, so commissioners' figures outlive the health records behind them.

    Every figure belongs to the month the referral was received (a cohort), so a later decision or
    outcome adds to the month its referral arrived in."""

    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="referral_statistics")
    referrer_type = models.CharField(max_length=3, choices=ReferrerType.choices)
    month = models.DateField(help_text="First day of the month the referrals were received.")
    received = models.PositiveIntegerField(default=0)
    contacted = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    declined = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    first_contact_days = models.JSONField(
        default=dict, help_text="Days from receipt to first contact → how many referrals took that long."
    )
    decline_reasons = models.JSONField(default=dict, help_text="Decline reason → count.")
    outcomes = models.JSONField(default=dict, help_text="Outcome at closure → count.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "referrer_type", "month"], name="one_statistic_per_cohort")
        ]
        indexes = [models.Index(fields=["month"], name="referral_statistic_month")]

    def __str__(self):
        return f"{self.service_id} {self.referrer_type} {self.month:%Y-%m}"


class ReferralNotification(models.Model):
    """The outbox: a notification waiting to be emailed. Written in the same transaction as its referral,
    sent after commit; a failure leaves it here for ``manage.py send_referral_notifications``."""

    referral = models.OneToOneField(
        Referral, on_delete=models.CASCADE, related_name="notification", help_text="The referral to announce."
    )
    recipients = models.TextField(help_text="Staff addresses, comma-separated.")
    status = models.CharField(
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
        help_text="Where the email is in its life.",
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times sending was tried.")
    last_error = models.CharField(max_length=255, blank=True, help_text="Why the last attempt failed.")
    last_attempt_at = models.DateTimeField(null=True, blank=True, help_text="When sending was last tried.")
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When the email was accepted by the server.")

    def __str__(self):
        return f"Notification for {self.referral_id} ({self.status})"


class ServiceHandlerGroup(models.Model):
    """The staff group whose members (and superusers) may see a service's referrals.

    Kept outside the page model so page revisions never carry or reset it.
    """

    service = models.OneToOneField(
        ServicePage, on_delete=models.CASCADE, related_name="handler_group", help_text="The service."
    )
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="referral_service", help_text="Its referral handlers."
    )

    def __str__(self):
        return self.group.name


HANDLER_GROUP_PREFIX = "Referral handlers: "


def retention_days():
    """Administrators set the retention period in Settings → Hub settings (default 365 days)."""
    return HubSettings.load().referral_retention_days


class ReferralStatisticsPage(RoutablePageMixin, BasePage):
    """Referral figures for commissioners: received by referrer type, acceptance, days to first contact
    and outcomes, per service and across services, by month and financial quarter, with small numbers
    suppressed (``disclosure.py``). Aggregates only, so public by default; editors can restrict it with
    Wagtail's page privacy. CSV and JSON of the same figures under the Open Government Licence."""

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []

    intro = RichTextField(
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text="A short introduction: who the figures are for, what they cover.",
    )
    quarters_shown = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="How many financial quarters to show, ending with the current one.",
    )

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("quarters_shown")]

    class Meta:
        verbose_name = "referral statistics page"

    def report(self):
        from .commissioning import build_report

        return build_report(self.quarters_shown)

    @path("", name="by_month")
    def by_month(self, request):
        from .statistics_views import render_statistics

        return render_statistics(request, self, "month")

    @path("quarters/", name="by_quarter")
    def by_quarter(self, request):
        from .statistics_views import render_statistics

        return render_statistics(request, self, "quarter")

    @path("csv/", name="csv")
    def csv_download(self, request):
        from .statistics_views import csv_download

        return csv_download(self)

    @path("json/", name="json")
    def json_download(self, request):
        from .statistics_views import json_download

        return json_download(self)
