"""Wagtail's PostgreSQL search backend, accepting any queryset filter, with a one-pass summary for the
site search page. Imported only on PostgreSQL.

Wagtail's query path starts from the searched model and joins the index per row; the results page
then needs a count, facets and the best hits, each another full-text pass. Our plan's ``hits()``
instead is driven from the index table — ``hub_document @@ query`` (``title || body``, stored and
GIN-indexed by migration search 0004), the content types, and the caller's queryset filters through
``EXISTS`` — and ranks each hit once with ``ts_rank`` (title weighted); search.backend reads totals,
facets and the top hits from that pass. The query is bound as one ``tsquery`` value (PostgreSQL
normalises it first), so the compiled statement serves every query under the same filters."""

from django.db import connections
from django.db.models import BooleanField, FloatField, IntegerField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.db.models.sql import Query
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Not, Or, Phrase, PlainText

from search.backend import (
    INTEGER_FIELDS,
    MATCHED_WEIGHT,
    QUERY,
    SETS,
    STRICT,
    DatabaseFilterCheckMixin,
    HubBackendMixin,
    Levels,
    SummaryResultsMixin,
    VersionedIndexMixin,
    belongs_to,
)
from search.query import partial_match, strictly

DOCUMENT_COLUMN = "hub_document"  # title || body, added by migration search 0004


def supported(query, top=True):
    if isinstance(query, (PlainText, Phrase)):
        return True
    if isinstance(query, Not):
        return not top and supported(query.subquery, top=False)
    if isinstance(query, (And, Or)):
        return all(supported(sub, top=False) for sub in query.subqueries)
    return False


class PostgresFastPlan:
    """A partial-match query (:class:`~search.query.AnyOf`) matches any of its members; the hits with
    too few are left out and the others ranked by how many they have, before ``ts_rank``
    (:data:`~search.backend.MATCHED_WEIGHT`), through :class:`~search.backend.Levels`, as on SQLite:
    each level is one ``@@`` of the hit's document."""

    def __init__(self, compiler, search_query, query, config=None):
        self.compiler = compiler
        self.search_query = search_query
        # Every tsquery here is built from the query and the configuration alone (the fast path searches
        # no chosen fields), and modelsearch's query objects write out all they hold in their repr.
        self._key = (repr(query), config)
        partial = partial_match(query)
        self.levels = None if partial is None else Levels(partial, lambda sub: compiler.build_tsquery(sub, config))
        # Hits are found by the strict query where there is one (``doc @@`` the minimum's set, which
        # the GIN index and the planner's statistics see), ranked by the whole one.
        strict = strictly(query)
        self.strict_query = search_query if strict is None else compiler.build_tsquery(strict, config)
        self.needs_test = partial is not None and partial.minimum > 1 and strict is None

    def search_key(self):
        """What this plan asks the index: plans with equal keys can share one statement. Compared as
        text: comparing the tsquery expressions themselves took Django 2 to 4 ms a search."""
        return self._key

    def shape(self):
        """What the compiled statement depends on beyond its bound values."""
        return None if self.levels is None else self.levels.shape

    def _texts(self):
        """The query and each level's set as ``tsquery`` text (``'work' & 'support'``), normalised by
        PostgreSQL in one round trip: bound values, so the statement is the same whatever was searched."""
        if not hasattr(self, "_tsquery_texts"):
            entries = get_app_config().get_model("IndexEntry")
            query = Query(entries)
            compiler = query.get_compiler(self.compiler.queryset.db)
            columns, params = [], []
            sets = () if self.levels is None else self.levels.values
            for search_query in (self.search_query, self.strict_query, *sets):
                sql, values = compiler.compile(search_query.resolve_expression(query))
                columns.append(f"({sql})::text")
                params += values
            with compiler.connection.cursor() as cursor:
                cursor.execute(f"SELECT {', '.join(columns)}", params)  # Django's compiled expressions, values bound
                self._tsquery_texts = cursor.fetchone()
        return self._tsquery_texts

    def query_param(self):
        return self._texts()[0]

    def bindings(self):
        """A value for each placeholder of :meth:`hits`."""
        query, strict, *sets = self._texts()
        return {QUERY: query, STRICT: strict, **dict(zip(SETS, sets, strict=False))}

    def hits(self, weights, members):
        """``(content type, object_pk, score)`` for index rows whose ``hub_document`` matches the query
        (its values left as placeholders, :meth:`bindings`) and that ``members`` — ``(queryset,
        content type ids)`` — keep, ranked by ``ts_rank`` of title and body, weighted."""
        entries = get_app_config().get_model("IndexEntry").objects
        quote = connections[self.compiler.queryset.db].ops.quote_name
        table = quote(entries.model._meta.db_table)
        document = f"{table}.{quote(DOCUMENT_COLUMN)}"
        # Table and column names come from the model; the query and the weights are bound values.
        hits = entries.filter(RawSQL(f"{document} @@ %s::tsquery", [STRICT], output_field=BooleanField()))  # noqa: S611
        title, body = f"{table}.{quote('title')}", f"{table}.{quote('body')}"
        rank_sql = f"ts_rank({title}, %s::tsquery) * %s + ts_rank({body}, %s::tsquery) * %s"
        rank_params = [QUERY, weights["title"], QUERY, weights["body"]]
        if self.levels is not None:
            needed, (ranked, ranked_params) = self.levels.sql(f"({document} @@ %s::tsquery)::int")
            if self.needs_test:  # the minimum had too many ways to pick for a strict query
                hits = hits.filter(RawSQL(f"{needed[0]} = 1", needed[1], output_field=BooleanField()))  # noqa: S611
            rank_sql = f"{ranked} * %s + {rank_sql}"
            rank_params = [*ranked_params, MATCHED_WEIGHT, *rank_params]
        return (
            hits.annotate(object_pk=Cast("object_id", IntegerField()))
            .filter(belongs_to(members))
            .annotate(score=RawSQL(rank_sql, rank_params, output_field=FloatField()))  # noqa: S611
            .values_list("content_type_id", "object_pk", "score")
        )


class HubPostgresSearchQueryCompiler(DatabaseFilterCheckMixin, PostgresSearchQueryCompiler):
    def fast_plan(self):
        if hasattr(self, "_fast_plan"):
            return self._fast_plan
        self._fast_plan = None
        model = self.queryset.model
        if (
            self.order_by_relevance
            and not self.fields
            and model._meta.pk.get_internal_type() in INTEGER_FIELDS
            and not self.queryset.query.is_sliced
            and supported(self.query)
        ):
            search_query = self.build_tsquery(self.query, config=self.hub_config)
            if search_query is None:
                self._fast_plan = False
            else:
                plan = PostgresFastPlan(self, search_query, self.query, self.hub_config)
                # A level with nothing to search for (stop words only) is left to the stock path.
                sets = () if plan.levels is None else plan.levels.values
                unsearchable = plan.strict_query is None or any(value is None for value in sets)
                self._fast_plan = None if unsearchable else plan
        return self._fast_plan


class HubPostgresAutocompleteQueryCompiler(DatabaseFilterCheckMixin, PostgresAutocompleteQueryCompiler):
    pass


class HubPostgresSearchResults(SummaryResultsMixin, PostgresSearchResults):
    def _plan(self):
        compiler = self.query_compiler
        if not hasattr(compiler, "fast_plan"):
            return None
        compiler.hub_config = compiler.get_config(self.backend)
        return compiler.fast_plan()


class HubPostgresIndex(VersionedIndexMixin, PostgresIndex):
    pass


class HubPostgresSearchBackend(HubBackendMixin, PostgresSearchBackend):
    """Wagtail's PostgreSQL backend, accepting any queryset filter (see :class:`DatabaseFilterCheckMixin`)."""

    query_compiler_class = HubPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = HubPostgresAutocompleteQueryCompiler
    results_class = HubPostgresSearchResults
    index_class = HubPostgresIndex
