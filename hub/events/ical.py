"""iCalendar (RFC 5545) files for events, built with the ``icalendar`` library.

Times are written in Europe/London with a generated VTIMEZONE, so calendars show the right local
time on both sides of a clock change. Each event's UID comes from the page's ``translation_key``,
which never changes, so re-importing or re-subscribing updates an event instead of duplicating it.
The online joining link is left out: it is only shown on the site shortly before the event.
"""

import datetime
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Work and Wellbeing Hub//Events//EN"
CACHE_SECONDS = 60 * 60


def event_uid(page):
    return f"{page.translation_key}@work-wellbeing-hub"


def to_vevent(page, request):
    url = page.get_full_url(request)
    stamp = (page.last_published_at or timezone.now()).astimezone(datetime.UTC)
    event = Event()
    event.add("uid", event_uid(page))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("dtstart", timezone.localtime(page.start, LONDON))
    event.add("dtend", timezone.localtime(page.end, LONDON))
    event.add("summary", f"{page.get_kind_display()}: {page.title}")
    details = [page.summary, f"Details, registration and joining instructions: {url}"]
    event.add("description", "\n\n".join(part for part in details if part))
    event.add("location", page.location_text)
    event.add("url", url)
    event.add("categories", [page.get_kind_display()])
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(pages, request, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    years = set()
    for page in pages:
        calendar.add_component(to_vevent(page, request))
        years.update({page.start.year, page.end.year})
    # One VTIMEZONE for Europe/London with the clock changes of the events' years (not 1970-2038).
    if years:
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years) - 1, 1, 1), last_date=datetime.date(max(years) + 1, 12, 31)
        )
    return calendar


def cached_calendar(pages_queryset, request, name, key):
    """The calendar's bytes, rebuilt only when an event in it was published since (or ``key`` changes)."""
    latest = pages_queryset.model.objects.filter(pk__in=pages_queryset.values("pk")).aggregate(
        latest=Max("last_published_at"), count=Count("pk")
    )
    stamp = latest["latest"].timestamp() if latest["latest"] else 0
    cache_key = f"{key}:{request.get_host()}:{latest['count']}:{stamp}"
    content = cache.get(cache_key)
    if content is None:
        content = build_calendar(list(pages_queryset), request, name).to_ical()
        cache.set(cache_key, content, CACHE_SECONDS)
    return content


def calendar_response(content, filename, attachment):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{"attachment" if attachment else "inline"}; filename="{filename}"'
    return response
