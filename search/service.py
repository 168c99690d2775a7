"""Site search: one ranked list across live public pages and published resources.

The view is thin; everything a search does lives here so it can be tested and benchmarked without
HTTP. Pages and resources are searched separately (each through the configured backend) and merged
by score: both come from the same index, so their scores are comparable. Facet counts come from the
same matches (one grouped query per model with audiences on our SQLite path).
"""

import functools
import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.functional import cached_property
from modelsearch.backends import get_search_backend
from wagtail.models import Page, get_page_models

from hub.core.models import Audience
from search import spelling
from search.highlight import plain_text, snippet
from search.query import parse, to_search_query, with_synonyms
from search.synonyms import synonym_groups

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
EMPTY = {"total": 0, "by_content_type": {}, "by_join": {}, "top": []}
MAX_PAGES = 50  # deeper than 500 results people refine the query; it also bounds the merge
RESOURCE_TYPE = "resource"
DATABASE_BACKEND = "search.backend"  # the fallback when Elasticsearch is unreachable
SNIPPET_FIELDS = ("summary", "search_description", "intro", "description", "body")


def resource_model():
    try:
        return apps.get_model("resources", "Resource")
    except LookupError:
        return None


def audience_field(model):
    """The many-to-many field from ``model`` to the shared Audience list, if it has one."""
    for model_field in model._meta.get_fields():
        is_m2m = getattr(model_field, "many_to_many", False) and model_field.concrete
        if is_m2m and model_field.related_model is Audience:
            return model_field
    return None


def topic_fields(model):
    from taggit.managers import TaggableManager

    return [f for f in model._meta.get_fields() if isinstance(f, TaggableManager)]


@dataclass
class ContentKind:
    slug: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class AudienceOption:
    slug: str
    name: str
    count: int = 0
    selected: bool = False


@dataclass
class Result:
    title: str
    url: str
    kind: str
    kind_slug: str
    snippet: str = ""
    audiences: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    external: bool = False
    promoted: bool = False
    score: float = 0.0


@dataclass
class SearchRequest:
    query: str = ""
    kinds: tuple = ()
    audiences: tuple = ()
    page: int = 1


@dataclass
class SearchOutcome:
    parsed: object
    results: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    kinds: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    suggestion: str = ""
    corrected_from: str = ""
    used_fallback: bool = False
    capped: bool = False
    truncated: bool = False

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def start_index(self):
        return (self.page - 1) * PAGE_SIZE + 1 if self.results else 0

    @property
    def end_index(self):
        return (self.page - 1) * PAGE_SIZE + len(self.results)


@functools.cache
def page_kinds():
    """Every page type that is indexed, keyed by slug (its model name)."""
    return {
        model._meta.model_name: model
        for model in get_page_models()
        if model is not Page and model.get_search_fields() and not model._meta.abstract
    }


def kind_label(model):
    if model is resource_model():
        return "Resource"
    name = str(model._meta.verbose_name)
    if name in ("standard page", "page"):
        return "Page"
    for suffix in (" index page", " page"):
        if name.endswith(suffix) and name != suffix.strip():
            name = name[: -len(suffix)]
    return name[:1].upper() + name[1:]


class SiteSearch:
    """One search: parse, expand synonyms, query pages and resources, merge, facet, record."""

    def __init__(self, request, backend_name="default"):
        self.request = request
        self.backend_name = backend_name

    @cached_property
    def backend(self):
        return get_search_backend(self.backend_name)

    # -- querysets -------------------------------------------------------------------------------

    @cached_property
    def _public_pages(self):
        # ``public()`` reads the view restrictions once; every queryset below reuses that result.
        return Page.objects.live().public().filter(depth__gt=1)

    def page_queryset(self, kinds=(), audiences=()):
        queryset = self._public_pages.specific()
        known = page_kinds()
        if kinds:
            models = [known[slug] for slug in kinds if slug in known]
            queryset = queryset.filter(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
        if audiences:
            condition = Q(pk__in=[])
            for model in known.values():
                model_field = audience_field(model)
                if model_field is not None:
                    condition |= Q(
                        pk__in=model.objects.filter(**{f"{model_field.name}__slug__in": audiences}).values("pk")
                    )
            queryset = queryset.filter(condition)
        return queryset

    def resource_queryset(self, audiences=()):
        model = resource_model()
        if model is None:
            return None
        queryset = model.objects.filter(live=True)
        if audiences:
            model_field = audience_field(model)
            if model_field is None:
                return queryset.none()
            queryset = queryset.filter(pk__in=model.objects.filter(audiences__slug__in=audiences).values("pk"))
        return queryset

    # -- searching ----------------------------------------------------------------------------------

    def _search(self, query, queryset):
        return self.backend.search(query, queryset).annotate_score("_hub_score")

    def run(self, search_request):
        parsed = with_synonyms(parse(search_request.query), synonym_groups())
        outcome = SearchOutcome(parsed=parsed, truncated=parsed.truncated)
        if not parsed:
            return outcome
        try:
            self._fill(outcome, parsed, search_request)
        except Exception:
            if self.backend_name == DATABASE_BACKEND:
                raise
            # An unreachable Elasticsearch must not fail the page: the database index answers instead.
            logger.exception("search: backend %r failed; using the database backend", self.backend_name)
            fallback = SiteSearch(self.request, backend_name=DATABASE_BACKEND)
            outcome = fallback.run(search_request)
            outcome.used_fallback = True
            return outcome
        if outcome.total == 0 and not search_request.kinds and not search_request.audiences:
            suggestion = spelling.suggest(parsed)
            if suggestion:
                outcome.suggestion = suggestion
                corrected = with_synonyms(parse(suggestion), synonym_groups())
                retry = SearchOutcome(parsed=corrected, truncated=parsed.truncated)
                self._fill(retry, corrected, search_request)
                if retry.total:
                    retry.corrected_from = parsed.display
                    retry.suggestion = suggestion
                    return retry
        return outcome

    def _fill(self, outcome, parsed, search_request):
        query = to_search_query(parsed)
        kinds = tuple(search_request.kinds)
        audiences = tuple(search_request.audiences)
        want_pages = not kinds or any(kind != RESOURCE_TYPE for kind in kinds)
        want_resources = resource_model() is not None and (not kinds or RESOURCE_TYPE in kinds)
        # Facets follow the usual rule: type counts ignore the type filter, audience counts ignore the
        # audience filter. Without filters (the common case) one pass per family answers everything.
        first_page = max(1, min(search_request.page, MAX_PAGES))
        top = first_page * PAGE_SIZE

        pages = self.summarise(query, self.page_queryset(kinds, audiences), top) if want_pages else EMPTY
        page_kind_counts = self.summarise(query, self.page_queryset((), audiences), 0) if kinds else pages
        page_audience_counts = pages if not audiences else self.summarise(query, self.page_queryset(kinds), 0)
        if want_resources:
            resources = self.summarise(query, self.resource_queryset(audiences), top)
        elif resource_model() is not None:
            resources = dict(EMPTY, total=self.summarise(query, self.resource_queryset(audiences), 0)["total"])
        else:
            resources = EMPTY
        if want_resources and audiences:
            resource_audience_counts = self.summarise(query, self.resource_queryset(), 0)
        else:
            resource_audience_counts = resources if want_resources else EMPTY

        page_total = pages["total"] if want_pages else 0
        resource_total = resources["total"] if want_resources else 0
        outcome.total = page_total + resource_total
        outcome.num_pages = min(MAX_PAGES, -(-outcome.total // PAGE_SIZE))
        outcome.capped = outcome.total > MAX_PAGES * PAGE_SIZE
        outcome.page = max(1, min(search_request.page, outcome.num_pages or 1))

        stop = outcome.page * PAGE_SIZE
        hits = [(getattr(obj, "_hub_score", 0) or 0, 0, i, obj) for i, obj in enumerate(pages["top"][:stop])]
        hits += [(getattr(obj, "_hub_score", 0) or 0, 1, i, obj) for i, obj in enumerate(resources["top"][:stop])]
        hits.sort(key=lambda hit: (-hit[0], hit[2], hit[1]))
        outcome.results = self.describe([hit[3] for hit in hits[stop - PAGE_SIZE : stop]], parsed)

        outcome.kinds = self.kind_facets(page_kind_counts, resources["total"], kinds)
        outcome.audiences = self.audience_facets(
            [page_audience_counts if want_pages else EMPTY, resource_audience_counts], audiences
        )
        if outcome.page == 1:
            outcome.promotions = self.promotions(parsed)

    def summarise(self, query, queryset, top):
        """``{"total", "by_content_type", "by_join", "top"}`` for one queryset: one statement on our
        SQLite backend, the backend's own count/facet/slice methods elsewhere. ``by_join`` holds hit
        counts per audience id (key ``"audience"``)."""
        joins = []
        for model in {queryset.model, *page_kinds().values()} if queryset.model is Page else {queryset.model}:
            model_field = audience_field(model)
            if model_field is not None:
                joins.append(
                    (
                        "audience",
                        model_field.remote_field.through._meta.db_table,
                        model_field.m2m_column_name(),
                        model_field.m2m_reverse_name(),
                    )
                )
        results = self.backend.search(query, queryset).annotate_score("_hub_score")
        summary = results.summary(top, joins) if hasattr(results, "summary") else None
        if summary is not None:
            return summary
        total = results.count()
        try:
            by_content_type = results.facet("content_type") if queryset.model is Page else {}
        except Exception:  # a backend without facets: totals only
            by_content_type = {}
        by_audience = {}
        if total:
            hit_pks = [obj.pk for obj in self.backend.search(query, queryset, order_by_relevance=False)]
            for model in page_kinds().values() if queryset.model is Page else [queryset.model]:
                model_field = audience_field(model)
                if model_field is None:
                    continue
                through = model_field.remote_field.through
                source, target = model_field.m2m_field_name(), model_field.m2m_reverse_field_name()
                rows = (
                    through.objects.filter(**{f"{source}__in": hit_pks})
                    .values(target)
                    .annotate(hits=Count(source, distinct=True))
                    .order_by()
                )
                for row in rows:
                    by_audience[row[target]] = by_audience.get(row[target], 0) + row["hits"]
        return {
            "total": total,
            "by_content_type": by_content_type,
            "by_join": {"audience": by_audience},
            "top": list(results[:top]) if top and total else [],
        }

    def titles(self, text, limit=8):
        """Title autocomplete for the typeahead: ``[{"title", "url", "type"}]``, best first."""
        try:
            hits = []
            sources = [self.page_queryset()]
            resources = self.resource_queryset()
            if resources is not None:
                sources.append(resources)
            for order, queryset in enumerate(sources):
                results = self.backend.autocomplete(text, queryset).annotate_score("_hub_score")
                hits += [(getattr(obj, "_hub_score", 0) or 0, order, i, obj) for i, obj in enumerate(results[:limit])]
        except Exception:
            if self.backend_name == DATABASE_BACKEND:
                raise
            logger.exception("search: autocomplete on %r failed; using the database backend", self.backend_name)
            return SiteSearch(self.request, backend_name=DATABASE_BACKEND).titles(text, limit)
        hits.sort(key=lambda hit: (-hit[0], hit[2], hit[1]))
        suggestions = []
        for _, _, _, obj in hits[:limit]:
            is_resource = type(obj) is resource_model()
            suggestions.append(
                {
                    "title": obj.title,
                    "url": obj.url if is_resource else (obj.get_url(self.request) or ""),
                    "type": "Resource" if is_resource else kind_label(type(obj)),
                }
            )
        return suggestions

    # -- facets ---------------------------------------------------------------------------------

    def kind_facets(self, page_summary, resource_total, wanted_kinds):
        known = page_kinds()
        content_types = ContentType.objects.get_for_models(*known.values())
        kinds = []
        for slug, model in known.items():
            count = page_summary["by_content_type"].get(content_types[model].pk, 0)
            if count or slug in wanted_kinds:
                kinds.append(ContentKind(slug, kind_label(model), count, slug in wanted_kinds))
        if resource_model() is not None and (resource_total or RESOURCE_TYPE in wanted_kinds):
            kinds.append(ContentKind(RESOURCE_TYPE, "Resource", resource_total, RESOURCE_TYPE in wanted_kinds))
        kinds.sort(key=lambda kind: (-kind.count, kind.label))
        return kinds

    def audience_facets(self, summaries, wanted_audiences):
        counts = {}
        for summary in summaries:
            for audience_id, hits in summary["by_join"].get("audience", {}).items():
                counts[audience_id] = counts.get(audience_id, 0) + hits
        if not counts and not wanted_audiences:
            return []
        options = []
        for audience in Audience.objects.all():
            selected = audience.slug in wanted_audiences
            if counts.get(audience.pk) or selected:
                options.append(AudienceOption(audience.slug, audience.name, counts.get(audience.pk, 0), selected))
        return options

    # -- presentation ----------------------------------------------------------------------------

    def describe(self, objects, parsed):
        """Turn pages and resources into :class:`Result` rows (audiences and topics prefetched per model)."""
        by_model = {}
        for obj in objects:
            by_model.setdefault(type(obj), []).append(obj)
        labels = {}
        for model, instances in by_model.items():
            audience = audience_field(model)
            lookups = ([audience.name] if audience else []) + [f.name for f in topic_fields(model)]
            if lookups:
                from django.db.models import prefetch_related_objects

                prefetch_related_objects(instances, *lookups)
            labels[model] = (audience, topic_fields(model))
        results = []
        words = parsed.words
        for obj in objects:
            audience, topics = labels[type(obj)]
            model = type(obj)
            is_resource = model is resource_model()
            text = self.snippet_source(obj)
            results.append(
                Result(
                    title=obj.title,
                    url=obj.url if is_resource else (obj.get_url(self.request) or ""),
                    kind="Resource" if is_resource else kind_label(model),
                    kind_slug=RESOURCE_TYPE if is_resource else model._meta.model_name,
                    snippet=snippet(text, words),
                    audiences=[a.name for a in getattr(obj, audience.name).all()] if audience else [],
                    topics=[t.name for f in topics for t in getattr(obj, f.name).all()],
                    external=is_resource,
                    score=getattr(obj, "_hub_score", 0) or 0,
                )
            )
        return results

    def snippet_source(self, obj):
        for name in SNIPPET_FIELDS:
            value = getattr(obj, name, None)
            if value:
                text = plain_text(value)
                if text:
                    return text
        return ""

    def promotions(self, parsed):
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.search.utils import normalise_query_string

        key = normalise_query_string(parsed.display)
        promoted = []
        for promotion in (
            SearchPromotion.objects.filter(query__query_string=key).select_related("page").order_by("sort_order")
        ):
            if promotion.page_id:
                page = promotion.page
                if not page.live:
                    continue
                url = page.get_url(self.request) or ""
                external = False
            else:
                url = promotion.external_link_url
                external = True
            promoted.append(
                Result(
                    title=promotion.title,
                    url=url,
                    kind="Recommended",
                    kind_slug="promoted",
                    snippet=promotion.description or "",
                    external=external,
                    promoted=True,
                )
            )
        return promoted
