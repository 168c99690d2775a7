"""Benchmark scenarios: the service index with ``scale`` services, a service page and a referral form."""

from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks

from .models import ReferralFormPage, ReferrerType, ServiceIndexPage, ServicePage


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
