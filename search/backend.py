"""The site's database search backend: Wagtail's own indexing, with a fast query path on SQLite.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend"``. :func:`SearchBackend` picks the
class for the database in use at runtime: on SQLite with FTS5 our :class:`HubSQLiteSearchBackend`;
anywhere else modelsearch's own database backend (PostgreSQL full text, MySQL, the fallback).

Why a subclass (see DESIGN.md, "Search at scale"): modelsearch 1.3.2 ranks SQLite hits with a correlated
subquery that re-runs the FTS5 match and ``bm25()`` for every hit, so a common word takes tens of
seconds at 10,000 items, and it ignores field boosts. Our compiler keeps Wagtail's index tables,
signals and rebuilders, and replaces only the query: one statement driven from the FTS table that

- matches the query (every term quoted; the whole expression is one bound parameter),
- restricts content types with a unary ``+`` so SQLite cannot drive the join from the content-type
  index and probe the FTS table once per entry,
- keeps the caller's queryset filters (live, public, audience…) through an ``EXISTS`` subquery,
- ranks once per hit with weighted ``bm25()`` (title boosted; weights follow the FTS column order
  ``autocomplete, body, title``), orders and limits to the page, then loads those rows by primary key.

The count is a separate query without ranking. Queries we do not handle (unary negation, match-all,
fuzzy, boosts, non-integer keys, unordered results, unknown columns) fall back to the stock path.
"""

import logging

from django.db import connections, router
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.db.models.lookups import Lookup
from modelsearch.backends.base import SearchFieldError
from modelsearch.backends.database import SearchBackend as StockDatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.query import has_word_characters, quote_term

logger = logging.getLogger(__name__)

INTEGER_FIELDS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}
FTS_COLUMNS = ("autocomplete", "body", "title")  # the order of the FTS5 table's columns
DEFAULT_WEIGHTS = {"autocomplete": 1.0, "body": 1.0, "title": 10.0}


class Unsupported(Exception):
    """The query needs a feature only the stock path has."""


def search_query_to_fts5(query, prefix_last=False):
    """Translate modelsearch query objects into an FTS5 expression with every term quoted.

    Returns ``""`` when nothing searchable is left. Raises :class:`Unsupported` for unary negation,
    match-all, fuzzy and boosted queries.
    """
    if isinstance(query, PlainText):
        words = [word for word in query.query_string.split() if has_word_characters(word)]
        if not words:
            return ""
        quoted = [quote_term(word, prefix=prefix_last and i == len(words) - 1) for i, word in enumerate(words)]
        joiner = " OR " if query.operator == "or" else " AND "
        return quoted[0] if len(quoted) == 1 else "(" + joiner.join(quoted) + ")"
    if isinstance(query, Phrase):
        return quote_term(query.query_string) if has_word_characters(query.query_string) else ""
    if isinstance(query, And):
        positives = [sub for sub in query.subqueries if not isinstance(sub, Not)]
        negatives = [sub.subquery for sub in query.subqueries if isinstance(sub, Not)]
        if not positives:
            raise Unsupported("only negative terms")
        parts = [search_query_to_fts5(sub, prefix_last and sub is positives[-1]) for sub in positives]
        parts = [part for part in parts if part]
        if not parts:
            return ""
        expression = parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
        excluded = [part for part in (search_query_to_fts5(sub) for sub in negatives) if part]
        if excluded:
            # FTS5 has no unary NOT: write it as the binary ``a NOT b``.
            expression = f"({expression} NOT ({' OR '.join(excluded)}))"
        return expression
    if isinstance(query, Or):
        parts = [search_query_to_fts5(sub, prefix_last) for sub in query.subqueries]
        parts = [part for part in parts if part]
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    raise Unsupported(type(query).__name__)


class FTSMatch(Lookup):
    """``<fts table> MATCH %s`` as a WHERE condition (a Lookup, so Django adds no ``= true``)."""

    lookup_name = "fts_match"
    filterable = True

    def __init__(self, table, expression):
        self.table = table
        self.expression = expression
        super().__init__(None, None)

    def as_sql(self, compiler, connection):
        return f"{connection.ops.quote_name(self.table)} MATCH %s", [self.expression]


class Unindexed(Func):
    """A unary ``+``: the column can no longer use an index, so SQLite drives the query from FTS5."""

    template = "+%(expressions)s"
    output_field = IntegerField()


class FastPlan:
    """The one-statement query for a compiler whose query we can handle."""

    def __init__(self, compiler, expression):
        self.compiler = compiler
        self.expression = expression
        app_config = get_app_config()
        self.fts_model = app_config.get_model("SQLiteFTSIndexEntry")
        self.fts_table = self.fts_model._meta.db_table

    def matches(self):
        queryset = self.compiler.queryset
        columns = " ".join(self.compiler.match_columns())
        content_types = get_descendants_content_types_pks(queryset.model)
        return (
            self.fts_model.objects.filter(FTSMatch(self.fts_table, f"{{{columns}}} : ({self.expression})"))
            .alias(content_type=Unindexed(F("index_entry__content_type_id")))
            .filter(content_type__in=content_types)
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()))
            .filter(Exists(queryset.order_by().filter(pk=OuterRef("object_pk"))))
        )

    def ranked(self, weights):
        rank = RawSQL(  # noqa: S611
            # The table name comes from the model; the weights are bound parameters.
            f"-bm25({self.fts_table}, %s, %s, %s)",
            [weights[column] for column in FTS_COLUMNS],
        )
        return self.matches().annotate(score=rank).order_by("-score", "pk").values_list("object_pk", "score")

    def count(self):
        return self.matches().count()

    def summary(self, weights, top, joins):
        """Everything a results page needs from one pass over the matches (a materialised CTE):
        ``(total, {content_type_id: hits}, {join label: {target id: hits}}, [(pk, score)] best first)``.

        ``joins`` are ``(label, table, source column, target column)`` many-to-many tables to count
        hits by (e.g. audiences); the names come from model metadata, never from input.
        """
        quote = connections[self.compiler.queryset.db].ops.quote_name
        rank = RawSQL(  # noqa: S611
            f"-bm25({self.fts_table}, %s, %s, %s)", [weights[column] for column in FTS_COLUMNS]
        )
        hits = self.matches().annotate(score=rank).values_list("index_entry__content_type_id", "object_pk", "score")
        inner_sql, params = hits.query.sql_with_params()
        parts = ["SELECT 'c', NULL, content_type_id, COUNT(*), NULL FROM hub_hits GROUP BY content_type_id"]
        for _label, table, source, target in joins:
            parts.append(
                f"SELECT 'j', %s, t.{quote(target)}, COUNT(DISTINCT h.object_pk), NULL FROM hub_hits h "  # noqa: S608
                f"JOIN {quote(table)} t ON t.{quote(source)} = h.object_pk GROUP BY t.{quote(target)}"
            )
        parts.append(
            "SELECT * FROM (SELECT 'h', NULL, object_pk, 0, score FROM hub_hits "
            "ORDER BY score DESC, object_pk LIMIT %s)"
        )
        sql = f"WITH hub_hits(content_type_id, object_pk, score) AS MATERIALIZED ({inner_sql}) " + " UNION ALL ".join(
            parts
        )
        params = [*params, *(join[0] for join in joins), int(top)]
        by_content_type, by_join, ranked = {}, {}, []
        with connections[self.compiler.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            for kind, label, key, count, score in cursor.fetchall():
                if kind == "c":
                    by_content_type[key] = count
                elif kind == "j":
                    by_join.setdefault(label, {})[key] = count
                else:
                    ranked.append((key, score))
        return sum(by_content_type.values()), by_content_type, by_join, ranked

    def count_by_content_type(self):
        rows = self.matches().values("index_entry__content_type_id").annotate(hits=Count("pk")).order_by()
        return {row["index_entry__content_type_id"]: row["hits"] for row in rows}


class DatabaseFilterCheckMixin:
    """On a database backend the caller's queryset filters run in SQL as they are, so any Django filter
    works: skip modelsearch's check that each filtered field is declared as a ``FilterField`` (that
    matters only for external engines). Search fields and ordering are still checked."""

    def check(self):
        if self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_searchable_search_fields()}
            unknown = [name for name in self.fields if name not in allowed]
            if unknown:
                raise SearchFieldError(f"Cannot search with field {unknown[0]!r}.", field_name=unknown[0])
        list(self._get_order_by())


class FastPathMixin(DatabaseFilterCheckMixin):
    """Shared by the whole-word and autocomplete compilers."""

    PREFIX_LAST = False

    def match_columns(self):
        return list(self.fields) if self.fields else list(self.FTS_TABLE_FIELDS)

    def fast_plan(self):
        """A :class:`FastPlan`, ``None`` when the stock path must run, or ``False`` when nothing can match."""
        if hasattr(self, "_fast_plan"):
            return self._fast_plan
        self._fast_plan = None
        model = self.queryset.model
        if (
            self.order_by_relevance
            and model._meta.pk.get_internal_type() in INTEGER_FIELDS
            and not (self.fields and not set(self.fields) <= set(FTS_COLUMNS))
            and not self.queryset.query.is_sliced
        ):
            try:
                expression = search_query_to_fts5(self.query, prefix_last=self.PREFIX_LAST)
            except Unsupported as reason:
                logger.debug("search: stock path for %r (%s)", self.query, reason)
            else:
                self._fast_plan = FastPlan(self, expression) if expression else False
        return self._fast_plan


class HubSQLiteSearchQueryCompiler(FastPathMixin, SQLiteSearchQueryCompiler):
    pass


class HubSQLiteAutocompleteQueryCompiler(FastPathMixin, SQLiteAutocompleteQueryCompiler):
    PREFIX_LAST = True


class HubSQLiteSearchResults(SQLiteSearchResults):
    def _plan(self):
        return self.query_compiler.fast_plan()

    def _do_search(self):
        plan = self._plan()
        if plan is None:
            return super()._do_search()
        if plan is False or (self.stop is not None and self.stop <= self.start):
            return []
        return self._load(list(plan.ranked(self.backend.weights)[self.start : self.stop]))

    def summary(self, top, joins=()):
        """One-pass totals, facets and the ``top`` best hits (loaded), or ``None`` on the stock path."""
        plan = self._plan()
        if plan is None:
            return None
        if plan is False:
            return {"total": 0, "by_content_type": {}, "by_join": {}, "top": []}
        total, by_content_type, by_join, ranked = plan.summary(self.backend.weights, top, list(joins))
        return {"total": total, "by_content_type": by_content_type, "by_join": by_join, "top": self._load(ranked)}

    def _load(self, rows):
        """Model instances for ``(pk, score)`` rows, in that order, with the score annotated if asked."""
        if not rows:
            return []
        objects = {obj.pk: obj for obj in self.query_compiler.queryset.filter(pk__in=[pk for pk, _ in rows])}
        results = []
        for pk, score in rows:
            obj = objects.get(pk)
            if obj is None:  # deleted between the two statements
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self):
        plan = self._plan()
        if plan is None:
            return super()._do_count()
        if plan is False:
            return 0
        total = max(0, plan.count() - self.start)
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return total

    def facet(self, field_name):
        plan = self._plan()
        if field_name == "content_type" and plan is not None:
            return {} if plan is False else plan.count_by_content_type()
        return super().facet(field_name)


class HubSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = HubSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = HubSQLiteAutocompleteQueryCompiler
    results_class = HubSQLiteSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.weights = {**DEFAULT_WEIGHTS, **{k.lower(): float(v) for k, v in params.get("WEIGHTS", {}).items()}}


def optimise_index(using=None):
    """Merge FTS5 segments and refresh SQLite's planner statistics (after a rebuild); a no-op elsewhere."""
    app_config = get_app_config()
    entry_model = app_config.get_model("IndexEntry")
    alias = using or router.db_for_write(entry_model)
    connection = connections[alias]
    if connection.vendor != "sqlite":
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(entry_model._meta.db_table)}")
        return False
    fts_table = connection.ops.quote_name(app_config.get_model("SQLiteFTSIndexEntry")._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {fts_table}({fts_table}) VALUES ('optimize')")  # noqa: S608
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA optimize")
    return True


class HubPostgresSearchQueryCompiler(DatabaseFilterCheckMixin, PostgresSearchQueryCompiler):
    pass


class HubPostgresAutocompleteQueryCompiler(DatabaseFilterCheckMixin, PostgresAutocompleteQueryCompiler):
    pass


class HubPostgresSearchBackend(PostgresSearchBackend):
    """Wagtail's PostgreSQL backend, accepting any queryset filter (see :class:`DatabaseFilterCheckMixin`)."""

    query_compiler_class = HubPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = HubPostgresAutocompleteQueryCompiler


def SearchBackend(params):
    """Pick the backend class for the database in use (the settings name one path for all)."""
    backend = StockDatabaseSearchBackend(params)
    if isinstance(backend, SQLiteSearchBackend):
        return HubSQLiteSearchBackend(params)
    if isinstance(backend, PostgresSearchBackend):
        return HubPostgresSearchBackend(params)
    return backend
