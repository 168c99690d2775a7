"""Benchmark scenarios: the briefing index (plain, filtered, second page), a briefing and the Atom feed."""

import datetime

from taggit.models import Tag

from hub.core.bulk import bulk_add_children
from hub.core.demo import ensure_child, home_page
from hub.core.models import Audience
from hub.core.registry import benchmarks

from .demo_content import commissioner_briefing_body
from .models import BriefingIndexPage, BriefingKind, BriefingPage, BriefingTag

TOPICS = ["commissioning", "employment support", "talking therapies", "return to work", "workplace stress"]


@benchmarks.register(order=30)
def build(scale, stdout):
    """``scale`` briefings under /briefings/, spread over kinds, audiences and topics, each with a full body."""
    index = ensure_child(home_page(), BriefingIndexPage, "briefings", title="Briefings and reports", show_in_menus=True)
    audiences = list(Audience.objects.all()) or [Audience.objects.create(name="Commissioners", slug="commissioners")]
    tags = [Tag.objects.get_or_create(slug=name.replace(" ", "-"), defaults={"name": name})[0] for name in TOPICS]
    kinds = list(BriefingKind.values)
    body = commissioner_briefing_body()
    today = datetime.date.today()
    pages = bulk_add_children(
        index,
        [
            BriefingPage(
                title=f"Benchmark briefing {number}",
                slug=f"bench-briefing-{number}",
                summary="A synthetic briefing for the benchmark, with a body like the demo briefing's.",
                kind=kinds[number % len(kinds)],
                publication_date=today - datetime.timedelta(days=number),
                organisation="Benchmark",
                body=body,
            )
            for number in range(scale)
        ],
    )
    BriefingPage.audiences.through.objects.bulk_create(
        [
            BriefingPage.audiences.through(briefingpage_id=page.pk, audience_id=audience.pk)
            for number, page in enumerate(pages)
            for audience in {audiences[number % len(audiences)], audiences[(number // 3) % len(audiences)]}
        ]
    )
    BriefingTag.objects.bulk_create(
        [
            BriefingTag(content_object_id=page.pk, tag_id=tag.pk)
            for number, page in enumerate(pages)
            for tag in {tags[number % len(tags)], tags[(number // 2) % len(tags)]}
        ]
    )
    first_audience = audiences[0].slug
    stdout.write(f"{len(pages)} benchmark briefings under /briefings/.")
    return [
        ("BriefingIndexPage", "/briefings/"),
        ("BriefingIndexPage (filtered)", f"/briefings/?audience={first_audience}&topic=commissioning&kind=briefing"),
        ("BriefingIndexPage (page 3)", "/briefings/?page=3"),
        ("BriefingPage", "/briefings/bench-briefing-0/"),
        ("BriefingIndexPage feed", "/briefings/feed/"),
    ]
