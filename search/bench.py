"""Search benchmark: a synthetic corpus and the search URLs ``manage.py benchmark`` measures.

At ``--scale 10000`` the builder adds 10,000 published resources and 1,000 pages (a tenth of the
scale) with a known word distribution, so the URLs below cover a common word (in most items), two
words, a phrase, a rare word (a handful of items) and title autocomplete.
"""

import random
import time

from django.apps import apps
from django.db import transaction
from modelsearch.backends import get_search_backend

from hub.core.demo import ensure_child, home_page
from hub.core.registry import benchmarks
from search.backend import optimise_index

COMMON = ["work", "support", "employer", "health", "service", "staff", "manager", "return"]
FILLER = [
    "mental",
    "wellbeing",
    "stress",
    "anxiety",
    "depression",
    "guidance",
    "plan",
    "team",
    "meeting",
    "advice",
    "referral",
    "therapy",
    "adjustment",
    "colleague",
    "absence",
    "sickness",
    "occupational",
    "budget",
    "training",
    "policy",
    "review",
    "leaflet",
    "local",
    "national",
    "evidence",
    "report",
    "toolkit",
    "action",
    "checklist",
    "conversation",
    "contact",
    "money",
    "housing",
    "debt",
]
RARE = "zeppelin"
BENCH_TOPICS = 20


def synthetic_text(rng, number, words=40):
    picked = [rng.choice(FILLER) for _ in range(words)]
    for word in COMMON:
        if rng.random() < 0.7:
            picked.insert(rng.randrange(len(picked) + 1), word)
    if number % 2000 == 7:
        picked.append(RARE)
    if number % 3 == 0:
        picked[5:5] = ["return", "to", "work"]
    return " ".join(picked)


def build_resources(count, rng, stdout):
    Resource = apps.get_model("resources", "Resource")
    Organisation = apps.get_model("resources", "Organisation")
    organisation, _ = Organisation.objects.get_or_create(name="Search benchmark organisation")
    batch = [
        Resource(
            title=f"{rng.choice(FILLER).title()} {rng.choice(COMMON)} guide {number}",
            url=f"https://example.org/search-bench/{number}/",
            summary=synthetic_text(rng, number),
            organisation=organisation,
            live=True,
        )
        for number in range(count)
    ]
    with transaction.atomic():
        created = Resource.objects.bulk_create(batch, batch_size=500)
        if not created or created[0].pk is None:
            created = list(Resource.objects.filter(organisation=organisation))
        link_resources(created, rng)
        # Indexed with their audiences' and topics' names, read in one prefetch.
        get_search_backend().add_bulk(Resource, Resource.get_indexed_objects().filter(organisation=organisation))
    stdout.write(f"search bench: {len(created)} resources indexed\n")


def link_resources(resources, rng):
    """One to three audiences and topics for each resource, as editors tag them: the search page counts
    every hit's links for its filters, so the benchmark must have them."""
    Audience = apps.get_model("core", "Audience")
    Topic = apps.get_model("resources", "Topic")
    ResourceTopic = apps.get_model("resources", "ResourceTopic")
    Resource = apps.get_model("resources", "Resource")
    audiences = list(Audience.objects.all())
    topics = [
        Topic.objects.get_or_create(slug=f"bench-topic-{n}", defaults={"name": f"Bench topic {n}"})[0]
        for n in range(BENCH_TOPICS)
    ]
    Through = Resource.audiences.through
    audience_links, topic_links = [], []
    for resource in resources:
        picked = rng.sample(audiences, min(len(audiences), rng.randint(1, 3))) if audiences else []
        audience_links += [Through(resource_id=resource.pk, audience_id=audience.pk) for audience in picked]
        picked = rng.sample(topics, rng.randint(1, 3))
        topic_links += [ResourceTopic(content_object_id=resource.pk, tag_id=topic.pk) for topic in picked]
    Through.objects.bulk_create(audience_links, batch_size=2000)
    ResourceTopic.objects.bulk_create(topic_links, batch_size=2000)


def build_pages(count, rng, stdout):
    from hub.home.models import StandardPage

    parent = ensure_child(home_page(), StandardPage, "search-bench", title="Search benchmark pages")
    existing = set(parent.get_children().values_list("slug", flat=True))
    for number in range(count):
        slug = f"search-page-{number}"
        if slug in existing:
            continue
        parent.add_child(
            instance=StandardPage(
                title=f"{rng.choice(COMMON).title()} {rng.choice(FILLER)} page {number}",
                slug=slug,
                summary=synthetic_text(rng, number + 100_000),
            )
        )
    stdout.write(f"search bench: {count} pages\n")


SEARCHES = [
    ("search: common word", "/search/?q=work"),
    ("search: two words", "/search/?q=employer+support"),
    ("search: phrase", "/search/?q=%22return+to+work%22"),
    ("search: rare word", f"/search/?q={RARE}"),
    ("search: common word, page 5", "/search/?q=work&page=5"),
    ("search: typo (did you mean)", "/search/?q=emplyer+suport"),
    ("search: plain-language question", "/search/?q=how+do+I+support+my+staff+to+return+to+work"),
    ("search: partial match", f"/search/?q=employer+{RARE}+budget"),
    ("search: autocomplete", "/search/suggest/?q=wor"),
    ("search: autocomplete, one letter", "/search/suggest/?q=s"),
]


@benchmarks.register(order=90)
def build(scale, stdout):
    rng = random.Random(9)
    start = time.perf_counter()
    if apps.is_installed("resources"):
        build_resources(scale, rng, stdout)
    build_pages(max(1, scale // 10), rng, stdout)
    stdout.write(f"search bench: corpus built and indexed in {time.perf_counter() - start:.1f} s\n")
    optimise_index()
    return list(SEARCHES)
