"""Round tables, webinars and learning events: the events index (upcoming, then a past archive) and event pages.

Times are stored in UTC (``USE_TZ``) and shown in UK time (Europe/London), with GMT or BST said
explicitly, because the readers and the events are in England and the clocks change twice a year.
"""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from hub.core.blocks import BaseStreamBlock
from hub.core.models import BasePage

from .blocks import EventOutputsBlock

LONDON = ZoneInfo("Europe/London")
# Online events: the joining link appears this long before the start and stays until the end.
JOINING_LINK_OPENS = datetime.timedelta(minutes=30)
PAST_EVENTS_PER_PAGE = 20
UPCOMING_PER_PAGE = 20
# Shown on an event's own page only: left out of the listings and the calendar feed.
EVENT_PAGE_ONLY_FIELDS = ("body", "outputs")
ICAL_FEED_LIMIT = 1000


class EventKind(models.TextChoices):
    ROUND_TABLE = "round-table", "Round table"
    WEBINAR = "webinar", "Webinar"
    LEARNING_EVENT = "learning-event", "Learning event"


class Attendance(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in-person", "In person"
    HYBRID = "hybrid", "In person and online"


def format_time(moment):
    """'10am', '2:30pm': the GOV.UK style for times of day."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def format_day(moment):
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def describe_span(start, end):
    """'Tuesday 3 March 2026, 10am to 12:30pm (GMT)' in UK time; both days when it spans several."""
    start, end = timezone.localtime(start, LONDON), timezone.localtime(end, LONDON)
    start_zone, end_zone = start.tzname(), end.tzname()
    if start.date() == end.date():
        zone = start_zone if start_zone == end_zone else f"{start_zone} to {end_zone}"
        return f"{format_day(start)}, {format_time(start)} to {format_time(end)} ({zone})"
    return (
        f"{format_day(start)}, {format_time(start)} ({start_zone}) to "
        f"{format_day(end)}, {format_time(end)} ({end_zone})"
    )


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events soonest first, then the archive of past events by year; an iCal feed of upcoming ones."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    intro = models.TextField(blank=True, max_length=600, help_text="A sentence or two above the list of events.")

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "event index page"

    def events(self):
        """Live, public events under this index, without the StreamFields only an event's own page
        shows (the listings parsed two per event for nothing)."""
        return EventPage.objects.live().public().child_of(self).defer(*EVENT_PAGE_ONLY_FIELDS)

    def upcoming(self, now=None):
        """Events not yet over (an event under way still counts), soonest first."""
        return self.events().filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.events().filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        index_url = self.get_url(request) or ""
        upcoming_page = Paginator(self.upcoming(now), UPCOMING_PER_PAGE).get_page(request.GET.get("upcoming"))
        archive_page = Paginator(self.past(now), PAST_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        archive_years = {}
        for event in archive_page.object_list:
            archive_years.setdefault(timezone.localtime(event.start, LONDON).year, []).append(event)
        for event in [*upcoming_page.object_list, *archive_page.object_list]:
            # Children's URLs follow from the index's: no per-event URL lookups while rendering the list.
            event.listing_url = f"{index_url}{event.slug}/"
        context.update(
            now=now,
            upcoming_page=upcoming_page,
            upcoming_pagination=self._pagination(index_url, upcoming_page, "upcoming", archive_page, "page"),
            archive_page=archive_page,
            archive_pagination=self._pagination(index_url, archive_page, "page", upcoming_page, "upcoming"),
            archive_years=sorted(archive_years.items(), reverse=True),
            ical_url=index_url + "ical/",
            # webcal:// asks the visitor's calendar app to subscribe, so new events appear by themselves.
            webcal_url=f"webcal://{request.get_host()}{index_url}ical/",
        )
        return context

    @staticmethod
    def _pagination(index_url, page, param, other_page, other_param):
        """Previous/next links for one list that keep the other list on the page it was on."""

        def link(number):
            params = {param: number, other_param: other_page.number}
            query = "&".join(f"{key}={value}" for key, value in params.items() if value > 1)
            return f"{index_url}?{query}" if query else index_url

        return {
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "next": link(page.next_page_number()) if page.has_next() else None,
        }

    @path("ical/")
    def ical_feed(self, request):
        """Every upcoming event as one calendar that people can subscribe to.

        Cached: building a few hundred events takes the icalendar library a noticeable time, and
        calendar apps poll. The key changes whenever an event is published or the hour turns (when
        events may drop out of "upcoming").
        """
        from .ical import cached_calendar, calendar_response

        now = timezone.now()
        upcoming = self.upcoming(now)[:ICAL_FEED_LIMIT]
        content = cached_calendar(
            upcoming,
            request,
            name=f"{self.title}: Work and Wellbeing Hub",
            key=f"events-ical:{self.pk}:{now:%Y%m%d%H}",
        )
        return calendar_response(content, filename="events.ics", attachment=False)


class EventPage(RoutablePageMixin, BasePage):
    """One round table, webinar or learning event: when, where or how to join, how to register, and what came of it."""

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    kind = models.CharField(
        max_length=20, choices=EventKind.choices, default=EventKind.WEBINAR, help_text="What sort of event this is."
    )
    start = models.DateTimeField(help_text="When it starts, in UK time (the site shows GMT or BST as appropriate).")
    end = models.DateTimeField(help_text="When it ends, in UK time. Must be after the start.")
    attendance = models.CharField(
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.ONLINE,
        help_text="Online, in person, or both. In person needs a venue; online needs a joining link before the day.",
    )
    joining_url = models.URLField(
        "joining link",
        blank=True,
        help_text="The online meeting link. Shown only from 30 minutes before the start until the end.",
    )
    joining_instructions = models.TextField(
        blank=True,
        max_length=600,
        help_text="Optional: what people need to join (e.g. a passcode, or that captions are available).",
    )
    venue = models.CharField(max_length=200, blank=True, help_text="In person: the venue's name.")
    address = models.TextField(blank=True, max_length=400, help_text="In person: the full address with postcode.")
    access_information = models.TextField(
        blank=True,
        max_length=1200,
        help_text="In person: step-free access, hearing loops, quiet rooms, parking, nearest station.",
    )
    registration_url = models.URLField(
        "registration link", blank=True, help_text="Where people sign up. Leave empty if no registration is needed."
    )
    registration_closes = models.DateTimeField(
        null=True, blank=True, help_text="Optional: when registration closes (UK time). Defaults to the start."
    )
    body = StreamField(BaseStreamBlock(), blank=True, help_text="About the event: who it is for, the programme.")
    outputs = StreamField(
        EventOutputsBlock(),
        blank=True,
        help_text="After the event: its report, recording and slides.",
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("attendance")],
            heading="What and when",
        ),
        MultiFieldPanel(
            [FieldPanel("joining_url"), FieldPanel("joining_instructions")],
            heading="Online",
            help_text="For online and hybrid events.",
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("access_information")],
            heading="In person",
            help_text="For in-person and hybrid events.",
        ),
        MultiFieldPanel([FieldPanel("registration_url"), FieldPanel("registration_closes")], heading="Registration"),
        InlinePanel("organisers", label="Organisers", heading="Organised by"),
        FieldPanel("body"),
        FieldPanel("outputs"),
    ]

    class Meta:
        verbose_name = "event page"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The end must be after the start."
        if self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID) and not (self.venue or self.address):
            errors["venue"] = "Give the venue or address for an event people attend in person."
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = "Registration must close before the event ends."
        if errors:
            raise ValidationError(errors)

    # What a visitor sees depends on the time: these take ``now`` so tests and templates agree.
    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def joining_link_visible(self, now=None):
        now = now or timezone.now()
        return bool(self.joining_url) and self.start - JOINING_LINK_OPENS <= now <= self.end

    def registration_deadline(self):
        return self.registration_closes or self.start

    def registration_open(self, now=None):
        return bool(self.registration_url) and (now or timezone.now()) < self.registration_deadline()

    @property
    def is_online(self):
        return self.attendance in (Attendance.ONLINE, Attendance.HYBRID)

    @property
    def is_in_person(self):
        return self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID)

    @property
    def when(self):
        return describe_span(self.start, self.end)

    @property
    def location_text(self):
        """One line for listings and calendars: the venue and address, 'Online', or both."""
        address = ", ".join(line.strip().rstrip(",") for line in self.address.splitlines() if line.strip())
        place = ", ".join(part for part in [self.venue, address] if part)
        if self.attendance == Attendance.ONLINE:
            return "Online"
        if self.attendance == Attendance.HYBRID:
            return f"{place} and online" if place else "Online"
        return place

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        deadline = timezone.localtime(self.registration_deadline(), LONDON)
        context.update(
            now=now,
            event_is_past=self.is_past(now),
            show_joining_link=self.joining_link_visible(now),
            registration_is_open=self.registration_open(now),
            registration_deadline_text=f"{format_time(deadline)} on {format_day(deadline)} ({deadline.tzname()})",
            joining_link_opens_minutes=int(JOINING_LINK_OPENS.total_seconds() // 60),
            organisers=list(self.organisers.all()),
            ical_url=(self.get_url(request) or "") + "ical/",
        )
        return context

    @path("ical/")
    def ical(self, request):
        from .ical import build_calendar, calendar_response

        content = build_calendar([self], request, name=self.title).to_ical()
        return calendar_response(content, filename=f"{self.slug}.ics", attachment=True)


class EventOrganiser(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    name = models.CharField(max_length=200, help_text="The organisation or person running the event.")
    url = models.URLField(blank=True, help_text="Optional: their website.")

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self):
        return self.name
