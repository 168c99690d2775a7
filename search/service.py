"""Site search: one ranked list across live public pages and published resources.

The view is thin; everything a search does lives here so it can be tested and benchmarked without
HTTP. Pages and resources are searched separately (each through the configured backend) and merged
by score: both come from the same index, so their scores are comparable. Facet counts come from the
same matches (one grouped query per model with audiences on our SQLite path).
"""

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
MAX_PAGES = 50  # deeper than 500 results people refine the query; it also bounds the merge
RESOURCE_TYPE = "resource"
DATABASE_BACKEND = "search.backend"
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

    def page_queryset(self, kinds=(), audiences=()):
        queryset = Page.objects.live().public().filter(depth__gt=1).specific()
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
        outcome = SearchOutcome(parsed=parsed)
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
                retry = SearchOutcome(parsed=corrected)
                self._fill(retry, corrected, search_request)
                if retry.total:
                    retry.corrected_from = parsed.display
                    retry.suggestion = suggestion
                    return retry
        return outcome

    def _fill(self, outcome, parsed, search_request):
        query = to_search_query(parsed)
        wanted_kinds = tuple(search_request.kinds)
        wanted_audiences = tuple(search_request.audiences)
        want_pages = not wanted_kinds or any(kind != RESOURCE_TYPE for kind in wanted_kinds)
        want_resources = not wanted_kinds or RESOURCE_TYPE in wanted_kinds

        page_results = self._search(query, self.page_queryset(wanted_kinds, wanted_audiences)) if want_pages else None
        resource_qs = self.resource_queryset(wanted_audiences) if want_resources else None
        resource_results = self._search(query, resource_qs) if resource_qs is not None else None

        page_total = page_results.count() if page_results is not None else 0
        resource_total = resource_results.count() if resource_results is not None else 0
        outcome.total = page_total + resource_total
        outcome.num_pages = min(MAX_PAGES, -(-outcome.total // PAGE_SIZE))
        outcome.capped = outcome.total > MAX_PAGES * PAGE_SIZE
        outcome.page = max(1, min(search_request.page, outcome.num_pages or 1))

        # The merge needs the top ``page * PAGE_SIZE`` of each list, then cuts this page out.
        stop = outcome.page * PAGE_SIZE
        hits = []
        if page_total:
            hits += [(getattr(obj, "_hub_score", 0) or 0, 0, i, obj) for i, obj in enumerate(page_results[:stop])]
        if resource_total:
            hits += [(getattr(obj, "_hub_score", 0) or 0, 1, i, obj) for i, obj in enumerate(resource_results[:stop])]
        hits.sort(key=lambda hit: (-hit[0], hit[2], hit[1]))
        page_hits = [hit[3] for hit in hits[stop - PAGE_SIZE : stop]]
        outcome.results = self.describe(page_hits, parsed)

        outcome.kinds = self.kind_facets(query, wanted_kinds, wanted_audiences, resource_total)
        outcome.audiences = self.audience_facets(query, wanted_kinds, wanted_audiences)
        if outcome.page == 1:
            outcome.promotions = self.promotions(parsed)

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

    def kind_facets(self, query, wanted_kinds, wanted_audiences, resource_total):
        """Counts per content type for the query with the audience filter applied (not the type filter)."""
        known = page_kinds()
        by_content_type = {}
        page_results = self.backend.search(query, self.page_queryset((), wanted_audiences))
        try:
            by_content_type = page_results.facet("content_type")
        except Exception:
            by_content_type = {}
        content_types = ContentType.objects.get_for_models(*known.values())
        kinds = []
        for slug, model in known.items():
            count = by_content_type.get(content_types[model].pk, 0)
            if count or slug in wanted_kinds:
                kinds.append(ContentKind(slug, kind_label(model), count, slug in wanted_kinds))
        if resource_model() is not None:
            if wanted_kinds and RESOURCE_TYPE not in wanted_kinds:
                resources = self.resource_queryset(wanted_audiences)
                resource_total = self.backend.search(query, resources).count()
            if resource_total or RESOURCE_TYPE in wanted_kinds:
                kinds.append(ContentKind(RESOURCE_TYPE, "Resource", resource_total, RESOURCE_TYPE in wanted_kinds))
        kinds.sort(key=lambda kind: (-kind.count, kind.label))
        return kinds

    def audience_facets(self, query, wanted_kinds, wanted_audiences):
        """Counts per audience for the query with the type filter applied (not the audience filter)."""
        counts = {}
        sources = []
        if not wanted_kinds or any(kind != RESOURCE_TYPE for kind in wanted_kinds):
            sources.append((self.page_queryset(wanted_kinds), list(page_kinds().values())))
        model = resource_model()
        if model is not None and (not wanted_kinds or RESOURCE_TYPE in wanted_kinds):
            sources.append((self.resource_queryset(), [model]))
        for queryset, models in sources:
            results = self.backend.search(query, queryset)
            hit_pks = results.hit_pks() if hasattr(results, "hit_pks") else None
            for candidate in models:
                model_field = audience_field(candidate)
                if model_field is None:
                    continue
                through = model_field.remote_field.through
                source = model_field.m2m_field_name()
                target = model_field.m2m_reverse_field_name()
                if hit_pks is None:
                    hit_pks = [obj.pk for obj in results]
                rows = (
                    through.objects.filter(**{f"{source}__in": hit_pks})
                    .values(target)
                    .annotate(hits=Count(source, distinct=True))
                    .order_by()
                )
                for row in rows:
                    counts[row[target]] = counts.get(row[target], 0) + row["hits"]
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
