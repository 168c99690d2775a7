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
    QUERY,
    DatabaseFilterCheckMixin,
    HubBackendMixin,
    SummaryResultsMixin,
    VersionedIndexMixin,
    belongs_to,
)

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
    def __init__(self, compiler, search_query):
        self.compiler = compiler
        self.search_query = search_query

    def search_key(self):
        """What this plan asks the index: plans with equal keys can share one statement."""
        return self.search_query

    def query_param(self):
        """The query as ``tsquery`` text (``'work' & 'support'``), normalised by PostgreSQL once: one
        bound value, so the statement is the same whatever was searched."""
        if not hasattr(self, "_query_text"):
            entries = get_app_config().get_model("IndexEntry")
            query = Query(entries)
            compiler = query.get_compiler(self.compiler.queryset.db)
            sql, params = compiler.compile(self.search_query.resolve_expression(query))
            with compiler.connection.cursor() as cursor:
                cursor.execute(f"SELECT ({sql})::text", params)  # Django's compiled expression, values bound
                self._query_text = cursor.fetchone()[0]
        return self._query_text

    def hits(self, weights, members):
        """``(content type, object_pk, score)`` for index rows whose ``hub_document`` matches the query
        (left as the :data:`~search.backend.QUERY` placeholder) and that ``members`` — ``(queryset,
        content type ids)`` — keep, ranked by ``ts_rank`` of title and body, weighted."""
        entries = get_app_config().get_model("IndexEntry").objects
        quote = connections[self.compiler.queryset.db].ops.quote_name
        table = quote(entries.model._meta.db_table)
        # Table and column names come from the model; the query and the weights are bound values.
        matched = RawSQL(f"{table}.{quote(DOCUMENT_COLUMN)} @@ %s::tsquery", [QUERY], output_field=BooleanField())  # noqa: S611
        rank = RawSQL(  # noqa: S611
            f"ts_rank({table}.{quote('title')}, %s::tsquery) * %s + ts_rank({table}.{quote('body')}, %s::tsquery) * %s",
            [QUERY, weights["title"], QUERY, weights["body"]],
            output_field=FloatField(),
        )
        return (
            entries.filter(matched)
            .annotate(object_pk=Cast("object_id", IntegerField()))
            .filter(belongs_to(members))
            .annotate(score=rank)
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
            self._fast_plan = PostgresFastPlan(self, search_query) if search_query is not None else False
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
