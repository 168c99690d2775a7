"""The fast SQLite FTS5 query path (see search/backend.py for why and how). Imported only on SQLite."""

from django.db.models import BooleanField, Count, F, Func, IntegerField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.db.models.lookups import Lookup
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from search.backend import (
    FTS_COLUMNS,
    INTEGER_FIELDS,
    MATCHED_WEIGHT,
    QUERY,
    DatabaseFilterCheckMixin,
    HubBackendMixin,
    Levels,
    SummaryResultsMixin,
    VersionedIndexMixin,
    belongs_to,
    logger,
)
from search.query import Unsupported, partial_match, search_query_to_fts5


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
    """The one-statement query for a compiler whose query we can handle.

    A partial-match query (:class:`~search.query.AnyOf`) matches any of its members; the hits with
    too few are left out and the others ranked by how many they have, before bm25
    (:data:`~search.backend.MATCHED_WEIGHT`), through :class:`~search.backend.Levels`: each level is
    ``rowid IN (rows matching it)``, a set SQLite builds once per statement, not per hit."""

    def __init__(self, compiler, expression, partial=None):
        self.compiler = compiler
        self.expression = expression
        app_config = get_app_config()
        self.fts_model = app_config.get_model("SQLiteFTSIndexEntry")
        self.fts_table = self.fts_model._meta.db_table
        self.levels = None if partial is None else Levels(partial, self._level_expression)

    def _level_expression(self, query):
        return self._in_columns(search_query_to_fts5(query))

    def search_key(self):
        """What this plan asks the index: plans with equal keys can share one statement."""
        sets = () if self.levels is None else tuple(self.levels.values)
        return (self.expression, sets, tuple(self.compiler.match_columns()))

    def shape(self):
        """What the compiled statement depends on beyond its bound values."""
        return None if self.levels is None else self.levels.shape

    def _in_columns(self, expression):
        return f"{{{' '.join(self.compiler.match_columns())}}} : ({expression})"

    def query_param(self):
        """The MATCH expression: the columns and the query, one bound value."""
        return self._in_columns(self.expression)

    def bindings(self):
        """A value for each placeholder of :meth:`hits`."""
        return {QUERY: self.query_param(), **({} if self.levels is None else self.levels.bindings())}

    def _level_sql(self, bound):
        """The levels' ``(needed, ranked)`` conditions, with their sets bound now unless ``bound``."""
        table = self.fts_table  # from the model; each set's expression is a bound value
        test = f"({table}.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s))"  # noqa: S608
        needed, ranked = self.levels.sql(test)
        if bound:
            return needed, ranked
        values = self.levels.bindings()

        def bind(part):
            sql, params = part
            return sql, [values.get(param, param) for param in params]

        return (None if needed is None else bind(needed)), bind(ranked)

    def matches(self, members=None, bound=False):
        """Index rows matching the query (or the :data:`~search.backend.QUERY` placeholder, ``bound``)
        that ``members`` keep (:func:`belongs_to`; by default this plan's own queryset), with
        ``object_pk``; of a partial-match query, only rows with enough of its members."""
        if members is None:
            queryset = self.compiler.queryset
            members = [(queryset, get_descendants_content_types_pks(queryset.model))]
        rows = (
            self.fts_model.objects.filter(FTSMatch(self.fts_table, QUERY if bound else self.query_param()))
            .alias(content_type=Unindexed(F("index_entry__content_type_id")))
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()))
            .filter(belongs_to(members, "content_type"))
        )
        needed = None if self.levels is None else self._level_sql(bound)[0]
        if needed is not None:
            sql, params = needed
            rows = rows.filter(RawSQL(f"{sql} = 1", params, output_field=BooleanField()))  # noqa: S611
        return rows

    def rank(self, weights, bound=False):
        weights = [weights[column] for column in FTS_COLUMNS]
        # The table name comes from the model; the weights are bound parameters.
        bm25 = f"-bm25({self.fts_table}, %s, %s, %s)"
        if self.levels is None:
            return RawSQL(bm25, weights)  # noqa: S611
        sql, params = self._level_sql(bound)[1]
        return RawSQL(f"{sql} * %s + {bm25}", [*params, MATCHED_WEIGHT, *weights])  # noqa: S611

    def ranked(self, weights):
        ranked = self.matches().annotate(score=self.rank(weights)).order_by("-score", "pk")
        return ranked.values_list("object_pk", "score")

    def count(self):
        return self.matches().count()

    def hits(self, weights, members):
        """``(content type, object_pk, score)`` of the matches of ``members`` — ``(queryset, content type
        ids)`` — with the query's values left as placeholders (see :meth:`bindings` and
        :func:`~search.backend.one_pass_statement`)."""
        hits = self.matches(members, bound=True).annotate(score=self.rank(weights, bound=True))
        return hits.values_list("index_entry__content_type_id", "object_pk", "score")

    def count_by_content_type(self):
        rows = self.matches().values("index_entry__content_type_id").annotate(hits=Count("pk")).order_by()
        return {row["index_entry__content_type_id"]: row["hits"] for row in rows}


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
                plan = FastPlan(self, expression, partial_match(self.query)) if expression else False
            except Unsupported as reason:
                logger.debug("search: stock path for %r (%s)", self.query, reason)
            else:
                self._fast_plan = plan
        return self._fast_plan


class HubSQLiteSearchQueryCompiler(FastPathMixin, SQLiteSearchQueryCompiler):
    pass


class HubSQLiteAutocompleteQueryCompiler(FastPathMixin, SQLiteAutocompleteQueryCompiler):
    PREFIX_LAST = True


class HubSQLiteSearchResults(SummaryResultsMixin, SQLiteSearchResults):
    def _do_search(self):
        plan = self._plan()
        if plan is None:
            return super()._do_search()
        if plan is False or (self.stop is not None and self.stop <= self.start):
            return []
        return self._load(list(plan.ranked(self.backend.weights)[self.start : self.stop]))

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
        if field_name in ("content_type", "content_type_id") and plan is not None:
            return {} if plan is False else plan.count_by_content_type()
        return super().facet(field_name)


class HubSQLiteIndex(VersionedIndexMixin, SQLiteIndex):
    pass


class HubSQLiteSearchBackend(HubBackendMixin, SQLiteSearchBackend):
    query_compiler_class = HubSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = HubSQLiteAutocompleteQueryCompiler
    results_class = HubSQLiteSearchResults
    index_class = HubSQLiteIndex
