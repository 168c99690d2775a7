"""Benchmark scenarios: the events index (upcoming and archive), an event page and the iCal files."""

import datetime

from django.utils import timezone

from hub.core.bulk import bulk_add_children
from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks

from .models import Attendance, EventIndexPage, EventKind, EventPage


@benchmarks.register(order=40)
def build(scale, stdout):
    """``scale`` events under /events/: half upcoming (one a day from tomorrow), half past (one a week back)."""
    index = ensure_child(home_page(), EventIndexPage, "events", title="Events", show_in_menus=True)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds = list(EventKind.values)
    attendances = list(Attendance.values)
    events = []
    for number in range(scale):
        upcoming = number % 2 == 0
        start = now + datetime.timedelta(days=1 + number // 2) if upcoming else now - datetime.timedelta(weeks=number)
        attendance = attendances[number % len(attendances)]
        events.append(
            EventPage(
                title=f"Benchmark event {number}",
                slug=f"bench-event-{number}",
                summary="A synthetic event for the benchmark.",
                kind=kinds[number % len(kinds)],
                start=start,
                end=start + datetime.timedelta(hours=2),
                attendance=attendance,
                venue="" if attendance == Attendance.ONLINE else "Benchmark venue",
                address="" if attendance == Attendance.ONLINE else "1 Example Street\nNottingham\nNG1 1AA",
                joining_url="https://meet.example.org/bench",
                registration_url="https://tickets.example.org/bench",
            )
        )
    bulk_add_children(index, events)
    stdout.write(f"{len(events)} benchmark events under /events/.")
    return [
        ("EventIndexPage", "/events/"),
        ("EventIndexPage (archive page 2)", "/events/?page=2"),
        ("EventPage", "/events/bench-event-0/"),
        ("EventIndexPage iCal feed", "/events/ical/"),
        ("EventPage iCal", "/events/bench-event-0/ical/"),
    ]
