"""Benchmark scenarios: the service index with ``scale`` services, a service page and a referral form;
the referral statistics page over ``scale`` thousand referrals (100,000 at the default scale)."""

import random

from django.utils import timezone

from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks

from .demo_referrals import VOLUMES, History, choice_lists
from .models import Referral, ReferralFormPage, ReferralStatisticsPage, ReferrerType, ServiceIndexPage, ServicePage
from .statistics import rebuild_statistics


@benchmarks.register(order=20)
def build(scale, stdout):
    index = ServiceIndexPage.objects.first() or ensure_child(
        home_page(), ServiceIndexPage, "services", title="Services", show_in_menus=True
    )
    existing = ServicePage.objects.child_of(index).count()
    for number in range(existing, scale):
        # Created live without revisions: the tree and the rendering are what is measured, not publishing.
        service = index.add_child(
            instance=ServicePage(
                title=f"Benchmark service {number:05d}",
                slug=f"bench-service-{number}",
                summary="Employment support for people with common mental health problems.",
                areas_covered="Nottinghamshire",
            )
        )
        if number % 2 == 0:
            service.add_child(
                instance=ReferralFormPage(title="GP referral", slug="gp-referral", referrer_type=ReferrerType.GP)
            )
    service = ServicePage.objects.child_of(index).order_by("path").first()
    form_page = ReferralFormPage.objects.descendant_of(index).order_by("path").first()
    stdout.write(f"Services: {ServicePage.objects.count()} service pages.")
    return [
        ("ServiceIndexPage", index.url),
        ("ServicePage", service.url),
        ("ReferralFormPage", form_page.url),
        ("ORUK /services (JSON)", "/api/oruk/services?per_page=50"),
    ]


@benchmarks.register(order=21)
def build_referral_statistics(scale, stdout):
    """``scale`` times 1,000 referrals (100,000 at the default scale) over three years across the demo
    services, counted into the monthly figures, and a statistics page showing all three years."""
    services = list(ServicePage.objects.filter(slug__in=VOLUMES).order_by("slug"))
    lists, now = choice_lists(), timezone.now()
    for number, service in enumerate(services):
        count = scale * 1000 // len(services) + (number < scale * 1000 % len(services))
        history = History(service, random.Random(f"bench-{service.slug}"), now, lists, marker="BENCH")
        Referral.objects.bulk_create(history.build(count=count, days=3 * 365).referrals, batch_size=2000)
    rebuild_statistics(services)
    index = ServiceIndexPage.objects.get()
    three_years = index.add_child(
        instance=ReferralStatisticsPage(
            title="Referral statistics, three years", slug="bench-statistics", quarters_shown=12
        )
    )
    stdout.write(f"Referral statistics: {Referral.objects.count()} referrals.")
    return [
        ("ReferralStatisticsPage", ReferralStatisticsPage.objects.exclude(pk=three_years.pk).first().url),
        ("ReferralStatisticsPage (3 years)", three_years.url),
        ("ReferralStatisticsPage quarters", three_years.url + "quarters/"),
        ("ReferralStatisticsPage JSON", three_years.url + "json/"),
    ]
