"""``/search/`` and ``/search/suggest/``: thin views over search.service."""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from search.query import parse
from search.service import RESOURCE_TYPE, SearchRequest, SiteSearch, page_kinds, resource_model, topic_fields
from search.tasks import record_search

logger = logging.getLogger(__name__)

MAX_FILTER_VALUES = 10
SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")
SUGGEST_LIMIT = 8
SUGGEST_CACHE_SECONDS = 300
SUGGEST_RATE = 120  # requests per client address per minute (typeahead sends one per pause in typing)


def _page_number(value):
    try:
        number = int(str(value).strip()[:6])
    except (TypeError, ValueError):
        return 1
    return max(1, number)


def _slugs(values):
    """Distinct, well-formed filter values (at most a handful); anything else is ignored."""
    wanted = []
    for value in values:
        value = (value or "").strip().lower()
        if SLUG.match(value) and value not in wanted:
            wanted.append(value)
    return tuple(wanted[:MAX_FILTER_VALUES])


def _sections(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().specific())


def _popular_topics(limit=10):
    """The topics most used across pages and resources (merged by name), for the empty search page."""
    counts = {}
    models = [*page_kinds().values()] + ([resource_model()] if resource_model() else [])
    seen_through = set()
    for model in models:
        for tag_field in topic_fields(model):
            through = tag_field.through
            if through in seen_through:
                continue
            seen_through.add(through)
            for row in through.objects.values("tag__name").annotate(uses=Count("id")).order_by("-uses")[:limit]:
                counts[row["tag__name"]] = counts.get(row["tag__name"], 0) + row["uses"]
    return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))[:limit]]


def _popular_queries():
    return [query.query_string for query in Query.get_most_popular()[:8]]


@require_GET
def search(request):
    kinds = _slugs(request.GET.getlist("type"))
    valid_kinds = set(page_kinds()) | ({RESOURCE_TYPE} if resource_model() else set())
    kinds = tuple(kind for kind in kinds if kind in valid_kinds)
    search_request = SearchRequest(
        query=request.GET.get("q", ""),
        kinds=kinds,
        audiences=_slugs(request.GET.getlist("audience")),
        topics=_slugs(request.GET.getlist("topic")),
        page=_page_number(request.GET.get("page", 1)),
    )
    outcome = SiteSearch(request).run(search_request)
    # Count a search once: paging through its results is not a new search.
    if outcome.parsed and search_request.page == 1:
        try:
            record_search.enqueue(outcome.parsed.display, outcome.total)
        except Exception:  # analytics must never cost a visitor their results
            logger.exception("search: could not record the query")
    filters_applied = bool(kinds or search_request.audiences or search_request.topics)
    context = {
        "outcome": outcome,
        "query": outcome.parsed.display,
        "filters_applied": filters_applied,
        "base_query": _base_query(outcome.parsed.display, kinds, search_request.audiences, search_request.topics),
        "selected_kinds": kinds,
        "selected_audiences": search_request.audiences,
        "sections": _sections(request) if not outcome.results else [],
        "popular_queries": _popular_queries() if not outcome.parsed else [],
        "popular_topics": _popular_topics() if not outcome.parsed else [],
    }
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _base_query(query, kinds, audiences, topics):
    from urllib.parse import urlencode

    pairs = [("q", query)] + [("type", kind) for kind in kinds] + [("audience", a) for a in audiences]
    pairs += [("topic", topic) for topic in topics]
    return urlencode(pairs)


def _client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    # Only a hash of the address, for a minute: rate limiting needs no personal data kept.
    return "search:suggest-rate:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _rate_limited(request):
    key = _client_key(request)
    if cache.add(key, 1, 60):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 60)
        return False
    return count > getattr(settings, "SEARCH_SUGGEST_RATE", SUGGEST_RATE)


@require_GET
def suggest(request):
    """Title autocomplete: ``{"query": "...", "results": [{"title", "url", "type"}]}``."""
    if _rate_limited(request):
        response = JsonResponse({"error": "Too many requests: please wait a minute."}, status=429)
        response["Retry-After"] = "60"
        return response
    parsed = parse(request.GET.get("q", ""))
    text = " ".join(parsed.terms)
    payload = {"query": text, "results": []}
    if text:
        key = "search:suggest:" + hashlib.sha256(text.casefold().encode()).hexdigest()
        cached = cache.get(key)
        if cached is None:
            cached = SiteSearch(request).titles(text, limit=SUGGEST_LIMIT)
            cache.set(key, cached, SUGGEST_CACHE_SECONDS)
        payload["results"] = cached
    response = JsonResponse(payload)
    response["Cache-Control"] = f"public, max-age={SUGGEST_CACHE_SECONDS}"
    response["X-Robots-Tag"] = "noindex"
    return response
