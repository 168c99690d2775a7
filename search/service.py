"""Site search: one ranked list across live public pages and published resources.

The view is thin; everything a search does lives here so it can be tested and benchmarked without
HTTP. Pages and resources are two querysets searched in the same index: on our database backends one
statement reads their matches, totals, facet counts and best hits together; elsewhere each is searched
through the backend's own API. Both come from the same index, so their scores are comparable and the
best hits are merged by score. Summaries are cached by what was searched until content changes.
"""

import functools
import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.functional import cached_property
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from wagtail.models import Page, get_page_models

from hub.core.cache import PAGE_TREE, VersionStamp
from hub.core.models import Audience
from search import spelling
from search.backend import (
    EMPTY_SUMMARY,
    SUMMARY_CACHE_SECONDS,
    load_ranked,
    summaries_together,
    summary_cache_key,
)
from search.highlight import plain_text, snippet, word_start_pattern
from search.query import parse, partial_match, to_search_query, with_synonyms
from search.synonyms import synonym_groups

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
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


def join_model(label):
    """The model behind a join label of :meth:`SiteSearch.join_specs`: Audience, or a topic tag model."""
    return Audience if label == "audience" else apps.get_model(label.removeprefix("topic:"))


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
class TopicOption:
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
    topics: tuple = ()
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
    topics: list = field(default_factory=list)
    suggestion: str = ""
    corrected_from: str = ""
    used_fallback: bool = False
    partial: bool = False  # hits with some of the words, as too few had them all
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
    # An index page lists its section's pages: "Service listing", not a second "Service".
    if name.endswith(" index page"):
        name = name.removesuffix(" index page") + " listing"
    name = name.removesuffix(" page") or name
    return name[:1].upper() + name[1:]


def title_match(title, text):
    """How a title meets what was typed, best first: 0 it starts with it, 1 one of its words does, 2
    neither. A typeahead is read as "titles beginning with…"; full-text scores alone put a long page
    with a title that starts with the text below shorter ones that mention it later (bm25 normalises
    by the length of all a row's indexed text, not the title's)."""
    if title.casefold().startswith(text.casefold()):
        return 0
    return 1 if word_start_pattern([text]).search(title) else 2


# Editors' promotions: most searches have none, so the set of promoted queries is read from the cache
# (until a promotion is saved or deleted) and only those queries look their promotions up.
PROMOTIONS = VersionStamp("search:promotions-version")


def promoted_queries():
    from wagtail.contrib.search_promotions.models import SearchPromotion

    def promoted():
        return set(SearchPromotion.objects.values_list("query__query_string", flat=True))

    return PROMOTIONS.cached("search:promoted-queries", promoted, SUMMARY_CACHE_SECONDS)


def connect_promotion_signals():
    """Saving or deleting a promotion (deleting a query deletes its promotions too) moves the set on;
    the queries analytics records do not."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.search_promotions.models import SearchPromotion

    post_save.connect(PROMOTIONS.bump, sender=SearchPromotion, dispatch_uid="search-promotions-save")
    post_delete.connect(PROMOTIONS.bump, sender=SearchPromotion, dispatch_uid="search-promotions-delete")


def uses_search_engine(backend_name="default"):
    """Whether searches go to a separate engine (Elasticsearch) that :meth:`SiteSearch.run` falls back from
    when it fails, rather than to the database index itself."""
    return settings.WAGTAILSEARCH_BACKENDS.get(backend_name, {}).get("BACKEND") != DATABASE_BACKEND


def search_engine_answers(backend_name="default"):
    """Send the engine one search as :meth:`SiteSearch.run` does; raises whatever would make a visitor's
    search fall back to the database index (the readiness check reports that as degraded)."""
    list(SiteSearch(None, backend_name)._search("health", Page.objects.filter(depth=1))[:1])


class SiteSearch:
    """One search: parse, expand synonyms, query pages and resources, merge, facet, record."""

    def __init__(self, request, backend_name="default"):
        self.request = request
        self.backend_name = backend_name

    @cached_property
    def backend(self):
        return get_search_backend(self.backend_name)

    @cached_property
    def _names(self):
        """``{join label: {id: name}}`` of audiences and topics read so far in this search."""
        return {}

    # -- querysets -------------------------------------------------------------------------------

    @cached_property
    def _public_pages(self):
        # ``public()`` reads the view restrictions once; every queryset below reuses that result.
        return Page.objects.live().public().filter(depth__gt=1)

    def page_queryset(self, kinds=(), audiences=(), topics=()):
        # Results need only the base page fields (title, URL) as the page's own type: ``defer=True``
        # loads them in one query instead of one per page type. Snippets come from the search index.
        queryset = self._public_pages.specific(defer=True)
        known = page_kinds()
        if kinds:
            models = [known[slug] for slug in kinds if slug in known]
            queryset = queryset.filter(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
        return self._filter_related(queryset, known.values(), audiences, topics)

    def resource_queryset(self, audiences=(), topics=()):
        model = resource_model()
        if model is None:
            return None
        return self._filter_related(model.objects.filter(live=True), [model], audiences, topics)

    def _filter_related(self, queryset, models, audiences, topics):
        """Keep items with any of the audiences and any of the topics (by slug), across ``models``."""
        for values, fields_of in ((audiences, lambda m: [f for f in [audience_field(m)] if f]), (topics, topic_fields)):
            if not values:
                continue
            condition = Q(pk__in=[])
            for model in models:
                for model_field in fields_of(model):
                    condition |= Q(
                        pk__in=model.objects.filter(**{f"{model_field.name}__slug__in": values}).values("pk")
                    )
            queryset = queryset.filter(condition)
        return queryset

    # -- searching ----------------------------------------------------------------------------------

    def _search(self, query, queryset):
        return self.backend.search(query, queryset).annotate_score("_hub_score")

    def run(self, search_request):
        """Search for what was asked; a query with words the index has never seen is searched with
        those words corrected (the page says so), or as typed if the correction finds nothing."""
        parsed = self._expanded(search_request.query)
        outcome = SearchOutcome(parsed=parsed, truncated=parsed.truncated)
        if not parsed:
            return outcome
        try:
            suggestion = spelling.suggest(parsed)
            if suggestion:
                corrected = self._expanded(suggestion)
                retry = SearchOutcome(parsed=corrected, truncated=parsed.truncated, suggestion=suggestion)
                self._fill(retry, corrected, search_request)
                if retry.total:
                    retry.corrected_from = parsed.display
                    return retry
                outcome.suggestion = suggestion
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

    def _expanded(self, text):
        return with_synonyms(parse(text), synonym_groups())

    def _fill(self, outcome, parsed, search_request):
        """Hits with every word; where fewer than a page of them have every word, the hits with enough
        of the words instead, those with more of them first (``outcome.partial``): a question with
        one word too many still finds something, and a query most pages answer in full stays precise
        (and fast: no hit's words are counted)."""
        fewest = PAGE_SIZE if partial_match(to_search_query(parsed)) is not None else 0
        if not self._fill_with(outcome, parsed, search_request, relaxed=False, fewest=fewest):
            self._fill_with(outcome, parsed, search_request, relaxed=True)
            outcome.partial = True

    def _fill_with(self, outcome, parsed, search_request, relaxed, fewest=0):
        """Fill ``outcome``; returns ``False`` (and loads nothing) if there are fewer than ``fewest`` hits."""
        query = to_search_query(parsed, relaxed)
        kinds = tuple(search_request.kinds)
        audiences = tuple(search_request.audiences)
        topics = tuple(search_request.topics)
        has_resources = resource_model() is not None
        want_pages = not kinds or any(kind != RESOURCE_TYPE for kind in kinds)
        want_resources = has_resources and (not kinds or RESOURCE_TYPE in kinds)
        top = max(1, min(search_request.page, MAX_PAGES)) * PAGE_SIZE
        # Facets follow the usual rule: each filter's counts ignore that filter but apply the others.
        # Without filters (the common case) one pass answers everything; passes with the same filters
        # are shared, and pages and resources under the same filters are read in one statement.
        memo = {}

        def summaries_for(pages_wanted, resources_wanted, kinds_=kinds, audiences_=audiences, topics_=topics, top_=0):
            """``(pages summary, resources summary)`` under these filters (empty for a family not wanted)."""
            families = (
                (
                    pages_wanted,
                    ("pages", kinds_, audiences_, topics_),
                    lambda: self.page_queryset(kinds_, audiences_, topics_),
                ),
                (
                    resources_wanted and has_resources,
                    ("resources", audiences_, topics_),
                    lambda: self.resource_queryset(audiences_, topics_),
                ),
            )
            missing = [
                (key, queryset) for wanted, key, queryset in families if wanted and memo.get(key, (-1,))[0] < top_
            ]
            if missing:
                summaries = self.summarise(query, (parsed.fingerprint, relaxed), missing, top_)
                for (key, _), summary in zip(missing, summaries, strict=True):
                    memo[key] = (top_, summary)
            return tuple(memo[key][1] if wanted else EMPTY_SUMMARY for wanted, key, _ in families)

        found_pages, found_resources = summaries_for(want_pages, want_resources, top_=top)

        outcome.total = found_pages["total"] + found_resources["total"]
        if outcome.total < fewest:
            return False
        outcome.num_pages = min(MAX_PAGES, -(-outcome.total // PAGE_SIZE))
        outcome.capped = outcome.total > MAX_PAGES * PAGE_SIZE
        outcome.page = max(1, min(search_request.page, outcome.num_pages or 1))

        stop = outcome.page * PAGE_SIZE
        families = (found_pages, found_resources)
        hits = [
            (score or 0, family, i, pk)
            for family, summary in enumerate(families)
            for i, (pk, score) in enumerate(summary["ranked"][:stop])
        ]
        hits.sort(key=lambda hit: (-hit[0], hit[2], hit[1]))
        shown = self.load_hits(families, hits[stop - PAGE_SIZE : stop])
        page_summary, resource_summary = summaries_for(True, True, kinds_=())
        outcome.kinds = self.kind_facets(page_summary, resource_summary["total"], kinds)
        audience_sources = summaries_for(want_pages, want_resources, audiences_=())
        topic_sources = summaries_for(want_pages, want_resources, topics_=())
        outcome.audiences = self.audience_facets(audience_sources, audiences)
        outcome.topics = self.topic_facets(topic_sources, topics)
        # After the facets: they have read the names the results show.
        outcome.results = self.describe(shown, parsed)
        if outcome.page == 1:
            outcome.promotions = self.promotions(parsed)
        return True

    def join_specs(self, queryset):
        """Many-to-many tables to count hits by: ``(label, through model, source field, target field)``
        for audiences (label ``"audience"``) and each topic tag model (``"topic:<app.model>"``)."""
        models = page_kinds().values() if queryset.model is Page else [queryset.model]
        specs = []
        for model in models:
            model_field = audience_field(model)
            if model_field is not None:
                through = model_field.remote_field.through
                specs.append(("audience", through, model_field.m2m_field_name(), model_field.m2m_reverse_field_name()))
            for tag_field in topic_fields(model):
                through = tag_field.through
                specs.append((f"topic:{tag_field.related_model._meta.label_lower}", through, "content_object", "tag"))
        return specs

    def summarise(self, query, query_key, families, top):
        """``{"total", "by_content_type", "by_join", "ranked", "links"}`` for each of ``families`` —
        ``(key, make queryset)`` pairs, the key naming the family and its filters; ``ranked`` holds the
        ``top`` best hits as ``(pk, score)``, best first (:meth:`load_hits` loads those shown). On our
        database backends one statement answers them all (:func:`search.backend.summaries_together`)
        and the answer is cached (:func:`search.backend.summary_cache_key`): a repeated search builds no
        queryset and runs no full-text statement. Elsewhere the backend's own count/facet/slice methods.
        ``by_join`` maps each join label to ``{related id: hits}``."""
        cache_key = summary_cache_key(self.backend_name, query_key, [key for key, _ in families], top)
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
        searches = [
            (queryset, self.backend.search(query, queryset).annotate_score("_hub_score"))
            for queryset in (make_queryset() for _, make_queryset in families)
        ]
        if all(hasattr(results, "summary") for _, results in searches):
            together = summaries_together(
                [(results, self.join_tables(queryset)) for queryset, results in searches],
                top,
                statement_key=(self.backend_name, PAGE_TREE.current(), *(key for key, _ in families)),
            )
            if together is not None:
                cache.set(cache_key, together, SUMMARY_CACHE_SECONDS)
                return together
        return [self.summarise_one(query, queryset, results, top) for queryset, results in searches]

    def load_hits(self, families, hits):
        """``(page or resource, its links)`` for ``(score, family, position, pk)`` hits, in that order:
        only the rows a results page shows are loaded, one query per family (their filters were applied
        when the summary was made; one deleted since is left out). Backends without a one-pass summary
        return their hits loaded (``"loaded"``)."""
        loaded = {}
        for family, summary in enumerate(families):
            rows = [(pk, score) for score, hit_family, _, pk in hits if hit_family == family]
            if not rows:
                continue
            if "loaded" in summary:
                objects = [summary["loaded"][pk] for pk, _ in rows]
            else:
                queryset = Page.objects.specific(defer=True) if family == 0 else resource_model().objects.all()
                objects = load_ranked(queryset, rows, "_hub_score")
            loaded.update({(family, obj.pk): obj for obj in objects})
        return [
            (loaded[family, pk], families[family]["links"].get(pk, {}))
            for _, family, _, pk in hits
            if (family, pk) in loaded
        ]

    def join_tables(self, queryset):
        """:meth:`join_specs` as the table and its key, source and target columns, for the one-pass
        summary (:class:`search.backend.LinkTable`)."""
        return [
            (
                label,
                through._meta.db_table,
                through._meta.pk.column,
                through._meta.get_field(source).column,
                through._meta.get_field(target).column,
            )
            for label, through, source, target in self.join_specs(queryset)
        ]

    def summarise_one(self, query, queryset, results, top):
        """A summary from the backend's own methods: a count, facets, a slice and the links."""
        if hasattr(results, "summary"):
            summary = summaries_together([(results, self.join_tables(queryset))], top)
            if summary is not None:
                return summary[0]
        specs = self.join_specs(queryset)
        total = results.count()
        try:
            by_content_type = results.facet("content_type_id") if queryset.model is Page else {}
        except Exception:  # a backend without facets: totals only
            by_content_type = {}
        by_join = {}
        if total and specs:
            unranked = self.backend.search(query, queryset, order_by_relevance=False)
            if hasattr(unranked, "get_queryset"):  # database backends: a subquery, not a list of thousands
                hit_pks = unranked.get_queryset().order_by().values("pk")
            else:
                hit_pks = [obj.pk for obj in unranked]
            for label, through, source, target in specs:
                rows = (
                    through.objects.filter(**{f"{source}__in": hit_pks})
                    .values(f"{target}_id")
                    .annotate(hits=Count(f"{source}_id", distinct=True))
                    .order_by()
                )
                counts = by_join.setdefault(label, {})
                for row in rows:
                    counts[row[f"{target}_id"]] = counts.get(row[f"{target}_id"], 0) + row["hits"]
        found = list(results[:top]) if top and total else []
        return {
            "total": total,
            "by_content_type": by_content_type,
            "by_join": by_join,
            "ranked": [(obj.pk, getattr(obj, "_hub_score", 0)) for obj in found],
            "loaded": {obj.pk: obj for obj in found},
            "links": self.links([obj.pk for obj in found], specs),
        }

    def links(self, pks, specs):
        """``{pk: {join label: [target ids]}}`` for these hits: what the one-pass summary returns with
        its best hits, for backends without it."""
        links = {}
        for label, through, source, target in specs:
            rows = through.objects.filter(**{f"{source}__in": pks}).values_list(f"{source}_id", f"{target}_id")
            for pk, target_id in rows:
                links.setdefault(pk, {}).setdefault(label, []).append(target_id)
        return links

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
        hits.sort(key=lambda hit: (title_match(hit[3].title, text), -hit[0], hit[2], hit[1]))
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
        names = self._names.setdefault("audience", {})
        for audience in Audience.objects.all():
            names[audience.pk] = audience.name
            selected = audience.slug in wanted_audiences
            if counts.get(audience.pk) or selected:
                options.append(AudienceOption(audience.slug, audience.name, counts.get(audience.pk, 0), selected))
        return options

    def topic_facets(self, summaries, wanted_topics, limit=12):
        """The most frequent topics among the hits (merged by slug across tag models), plus any selected."""
        by_slug = {}
        for summary in summaries:
            for label, counts in summary["by_join"].items():
                if not label.startswith("topic:") or not counts:
                    continue
                names = self._names.setdefault(label, {})
                for tag in join_model(label).objects.filter(pk__in=list(counts)).only("pk", "name", "slug"):
                    names[tag.pk] = tag.name
                    option = by_slug.setdefault(tag.slug, TopicOption(tag.slug, tag.name))
                    option.count += counts[tag.pk]
        for slug in wanted_topics:
            by_slug.setdefault(slug, TopicOption(slug, slug.replace("-", " ").capitalize()))
        options = sorted(by_slug.values(), key=lambda option: (-option.count, option.name.lower()))
        shown = [option for option in options[:limit]]
        shown += [option for option in options[limit:] if option.slug in wanted_topics]
        for option in shown:
            option.selected = option.slug in wanted_topics
        return sorted(shown, key=lambda option: option.name.lower())

    # -- presentation ----------------------------------------------------------------------------

    def describe(self, shown, parsed):
        """Turn ``(page or resource, its links)`` pairs into :class:`Result` rows: audiences and topics
        from the links (names read once per list), snippets from the indexed text."""
        # Pages come with their own fields deferred: their snippets come from the indexed text (summary,
        # introduction and body). Resources are loaded whole: their summary reads better than the
        # indexed text, which runs on into organisation, audience and topic names.
        texts = self.index_texts([obj for obj, _ in shown if SNIPPET_FIELDS[0] in obj.get_deferred_fields()])
        names = self.link_names([links for _, links in shown])
        results = []
        for obj, links in shown:
            model = type(obj)
            is_resource = model is resource_model()
            text = texts.get((ContentType.objects.get_for_model(model).pk, obj.pk))
            linked = {label: [names[label][i] for i in names[label] if i in ids] for label, ids in links.items()}
            results.append(
                Result(
                    title=obj.title,
                    url=obj.url if is_resource else (obj.get_url(self.request) or ""),
                    kind="Resource" if is_resource else kind_label(model),
                    kind_slug=RESOURCE_TYPE if is_resource else model._meta.model_name,
                    snippet=snippet(self.snippet_source(obj) if text is None else plain_text(text), parsed.words),
                    audiences=linked.get("audience", []),
                    topics=[name for label, found in linked.items() if label.startswith("topic:") for name in found],
                    external=is_resource,
                    score=getattr(obj, "_hub_score", 0) or 0,
                )
            )
        return results

    def link_names(self, all_links):
        """``{join label: {id: name}}`` for the ids in these links, in each model's own order; names the
        facets have already read are not asked for again."""
        wanted = {}
        for links in all_links:
            for label, ids in links.items():
                wanted.setdefault(label, set()).update(ids)
        for label, ids in wanted.items():
            known = self._names.setdefault(label, {})
            missing = ids - set(known)
            if missing:
                known.update(join_model(label).objects.filter(pk__in=missing).values_list("pk", "name"))
        return self._names

    def index_texts(self, objects):
        """``{(content type id, pk): text}``: each object's indexed text (what the words were matched
        against), read from the database index in one query."""
        if not objects:
            return {}
        entry_model = get_app_config().get_model("IndexEntry")
        column = "body_text" if any(f.name == "body_text" for f in entry_model._meta.concrete_fields) else "body"
        wanted = {(ContentType.objects.get_for_model(type(obj)).pk, str(obj.pk)) for obj in objects}
        rows = entry_model.objects.filter(
            content_type_id__in={content_type_id for content_type_id, _ in wanted},
            object_id__in={object_id for _, object_id in wanted},
        ).values_list("content_type_id", "object_id", column)
        # A page and a resource may share an id: keep only the pairs asked for.
        return {(ct, int(pk)): text or "" for ct, pk, text in rows if (ct, pk) in wanted}

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
        if key not in promoted_queries():
            return []
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
