"""Benchmark: the resource directory with ``scale`` extra resources, unfiltered, filtered and searched.

Resources are created in bulk (with their audience and topic links) so 10,000 take seconds; the
directory's keyword search reads the database directly, so no search indexing is needed.
"""

import datetime
import random

from django.db import transaction

from hub.core.models import Audience
from hub.core.registry import benchmarks

from .demo_content import ensure_directory_page
from .models import Organisation, Region, Resource, ResourceTopic, ResourceType, Topic

WORDS = [
    "stress",
    "return",
    "work",
    "guide",
    "toolkit",
    "employer",
    "manager",
    "wellbeing",
    "therapy",
    "adjustment",
    "report",
    "health",
]


@benchmarks.register(order=10)
def build(scale, stdout):
    ensure_directory_page()
    rng = random.Random(4)
    organisations = [Organisation.objects.get_or_create(name=f"Benchmark organisation {n}")[0] for n in range(12)]
    topics = [
        Topic.objects.get_or_create(slug=f"bench-topic-{n}", defaults={"name": f"Bench topic {n}"})[0]
        for n in range(25)
    ]
    topics.append(Topic.objects.get_or_create(slug="workplace-stress", defaults={"name": "Workplace stress"})[0])
    audiences = list(Audience.objects.all()) or [Audience.objects.create(name="Employers", slug="employers")]
    types, regions = ResourceType.values, Region.values
    start = datetime.date(2015, 1, 1)
    batch = [
        Resource(
            title=f"{' '.join(rng.sample(WORDS, 3)).capitalize()} {number}",
            url=f"https://example.org/directory-bench/{number}/",
            summary=" ".join(rng.choices(WORDS, k=25)),
            organisation=rng.choice(organisations),
            resource_type=rng.choice(types),
            region=rng.choice(regions),
            date_added=start + datetime.timedelta(days=rng.randrange(3650)),
            live=number % 10 != 0,  # one in ten is a draft: drafts must never show or count
        )
        for number in range(scale)
    ]
    with transaction.atomic():
        Resource.objects.bulk_create(batch, batch_size=1000)
        created = list(
            Resource.objects.filter(url__startswith="https://example.org/directory-bench/").values_list("pk", flat=True)
        )
        through = Resource.audiences.through
        through.objects.bulk_create(
            [
                through(resource_id=pk, audience_id=a.pk)
                for pk in created
                for a in rng.sample(audiences, min(3, len(audiences)))
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        ResourceTopic.objects.bulk_create(
            [ResourceTopic(content_object_id=pk, tag_id=t.pk) for pk in created for t in rng.sample(topics, 3)],
            batch_size=2000,
            ignore_conflicts=True,
        )
    stdout.write(f"directory bench: {len(created)} resources\n")
    return [
        ("ResourceDirectoryPage", "/resources/"),
        (
            "ResourceDirectoryPage (filtered)",
            "/resources/?audience=employers&topic=workplace-stress&type=guide&sort=newest&page=2",
        ),
        ("ResourceDirectoryPage (keyword)", "/resources/?q=stress+manager"),
    ]
