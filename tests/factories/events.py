import datetime

import factory
import wagtail_factories
from django.utils import timezone

from hub.events.models import Attendance, EventIndexPage, EventKind, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    summary = "Round tables, webinars and learning events."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "An hour on supporting staff with common mental health problems."
    kind = EventKind.WEBINAR
    attendance = Attendance.ONLINE
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=1))
    joining_url = "https://meet.example.org/webinar"
    registration_url = "https://tickets.example.org/webinar"

    class Meta:
        model = EventPage
