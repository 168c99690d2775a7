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

import hashlib
import logging
import time
from collections import Counter
from itertools import chain, repeat

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q
from modelsearch.backends.base import SearchFieldError
from modelsearch.conf import get_app_config
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from hub.core.cache import PAGE_TREE, VersionStamp
from search.query import MAX_TERMS, safe_text

logger = logging.getLogger(__name__)

INTEGER_FIELDS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}
FTS_COLUMNS = ("autocomplete", "body", "title")  # the order of the FTS5 table's columns
DEFAULT_WEIGHTS = {"autocomplete": 1.0, "body": 1.0, "title": 10.0}
# Result summaries (counts, facets, best hits) of popular queries are served from the cache until the
# index or the page tree changes (search.service); the timeout bounds staleness in per-process caches.
SEARCH_INDEX = VersionStamp("search:index-version")
SUMMARY_CACHE_SECONDS = 120
# A summary with no hits (what ``summary()`` returns when nothing can match).
EMPTY_SUMMARY = {"total": 0, "by_content_type": {}, "by_join": {}, "ranked": [], "links": {}}


class CleanQueryMixin:
    """Clean plain-text queries that arrive through Wagtail's own API (the admin's search, other apps):
    control characters (NUL breaks PostgreSQL), very long input and hundreds of terms (recursion in
    the stock compilers) never reach the database. The site search view cleans its queries itself."""

    def __init__(self, queryset, query, *args, **kwargs):
        if isinstance(query, str):
            query = safe_text(query)
        elif isinstance(query, PlainText):
            query = PlainText(safe_text(query.query_string), operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(" ".join(safe_text(query.query_string).split()[:MAX_TERMS]))
        super().__init__(queryset, query, *args, **kwargs)


class DatabaseFilterCheckMixin(CleanQueryMixin):
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


class Placeholder:
    """A value bound when a compiled :class:`Statement` runs, not when it is compiled."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"


QUERY = Placeholder("query")  # the query as one bound value (an FTS5 expression, tsquery text)
TOP = Placeholder("top")  # how many best hits to return
STRICT = Placeholder("strict query")  # a partial-match query as only the hits with its minimum match it
# A partial-match query's sets (:class:`Levels`): each one's own query, bound like the query itself.
SETS = tuple(Placeholder(f"set {number}") for number in range(3 * MAX_TERMS))
# Hits with more of the words rank first, then by score: one score both families share, the level far
# above any bm25 or weighted ts_rank.
MATCHED_WEIGHT = 1_000_000.0
# Compiled statements by what they search (families, filters, page tree): a new query under the same
# filters binds its text into the statement instead of building and compiling the ORM query again
# (3 ms on SQLite, 6 ms on PostgreSQL). Per process; the age limit bounds how long a statement
# compiled before a privacy change can live in a process whose cache has not seen that change.
STATEMENT_SECONDS = SUMMARY_CACHE_SECONDS
MAX_STATEMENTS = 256
_statements = {}


class Statement:
    """One compiled pass (:func:`one_pass_statement`) and the content types of each family it reads."""

    def __init__(self, using, sql, params, families, size, joins):
        self.using, self.sql, self.params = using, sql, params
        self.families = families  # [(family index, content type ids)]
        self.size = size  # how many families the caller asked about
        self.joins = joins  # [LinkTable]
        self.compiled_at = time.monotonic()

    def summaries(self, bindings, top):
        """Each family's summary (:func:`split_summary`) for the query's ``bindings`` (the plan's
        ``bindings()``: a value for each :class:`Placeholder`)."""
        bindings = {**bindings, TOP: int(top)}
        params = [bindings[value] if isinstance(value, Placeholder) else value for value in self.params]
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            found = read_summary(cursor.fetchall(), self.joins, self.using)
        summaries = [EMPTY_SUMMARY] * self.size
        for family, content_types in self.families:
            summaries[family] = split_summary(found, family, set(content_types))
        return summaries


class LinkTable:
    """A many-to-many table the site search counts hits by (audiences, topics): its ``label`` in the
    summary, and the table, key, source and target columns (names from model metadata, never from
    input), for hits of ``content_types``."""

    def __init__(self, label, table, pk, source, target, content_types):
        self.label, self.table, self.pk, self.source, self.target = label, table, pk, source, target
        self.content_types = frozenset(content_types)

    def fingerprint_sql(self, quote):
        """A row of the statement: how many links the table holds and its highest key. Committed keys
        are never reused and Django and taggit never rewrite a link row in place (they delete and
        insert), so any change to the links moves one of the two."""
        table, pk = quote(self.table), quote(self.pk)
        return f"SELECT 'v', CAST(%s AS text), COUNT(*), MAX({pk}), CAST(NULL AS double precision) FROM {table}"  # noqa: S608


# Every link of each link table, ``{source id: (target ids)}``, per process and database (by name), with the
# fingerprint it was read at. Facet counts look each hit's links up here rather than the statement
# joining every hit to every link table (a common word: 9,700 hits, 13 of SQLite's 30 ms). The
# statement reads each table's fingerprint, and a map whose fingerprint has moved is read again, so no
# count outlives a change to the links, whichever process or path made it; the age limit covers what
# a fingerprint cannot see (a database emptied and refilled to the same size under a running site).
# Sized for this site's tens of thousands of links (about 100 bytes each).
_link_maps = {}


def forget_link_maps():
    """Drop the kept link maps (tests that empty the database between them)."""
    _link_maps.clear()


def link_map(using, link, fingerprint):
    """``{source id: (target ids)}`` for ``link`` (a :class:`LinkTable`) as of ``fingerprint``."""
    connection = connections[using]
    key = (connection.settings_dict["NAME"], link.table, link.source, link.target)
    kept = _link_maps.get(key)
    if kept is not None and kept[0] == fingerprint and time.monotonic() - kept[1] < STATEMENT_SECONDS:
        return kept[2]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in (link.pk, link.source, link.target))
    targets, highest, rows = {}, None, 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(link.table)} ORDER BY {quote(link.pk)}")  # noqa: S608
        for pk, source, target in cursor.fetchall():
            rows, highest = rows + 1, pk
            linked = targets.setdefault(source, [])
            if target not in linked:  # taggit's tables may hold a pair twice: count it once
                linked.append(target)
    targets = {source: tuple(linked) for source, linked in targets.items()}
    # Kept under the fingerprint of what was read (newer than the statement's if a link changed in
    # between), and only when read outside a transaction: a rolled-back transaction can give its keys
    # to other links (SQLite), a committed one never does.
    if not connection.in_atomic_block:
        _link_maps[key] = ((rows, highest), time.monotonic(), targets)
    return targets


class Levels:
    """How our database backends find and rank the hits of a partial-match query (search.query.AnyOf)
    without counting every member for every hit: the index itself answers "has at least k of the
    members" (:meth:`~search.query.AnyOf.at_least`, one boolean query per k), so a hit needs the
    minimum's set and ranks by how many of the higher sets it is in — one set per extra member, and
    none at all for one of two words. Where the ways of picking k members are too many, that level
    counts the members one by one.

    ``translate`` turns a query object into its bound value (an FTS5 expression, tsquery text);
    :meth:`sql` writes the conditions with ``test``, a SQL fragment that is 1 when a hit is in the set
    bound to its one ``%s`` and 0 otherwise. The sets are :data:`SETS` placeholders, so the statement
    depends only on :attr:`shape`."""

    def __init__(self, partial, translate):
        self.values, self._members = [], None
        self._partial, self._translate = partial, translate
        minimum = partial.minimum
        self.needed = self._level(minimum, partial.at_least(minimum)) if minimum > 1 else None
        self.ranked = [self._level(count, query) for count, query in partial.levels()]
        self.shape = (self.needed, tuple(self.ranked))

    def _bind(self, query):
        self.values.append(self._translate(query))
        return len(self.values) - 1

    def _level(self, count, query):
        """``(count, set numbers)``: one set that has the level, or the members to count."""
        if query is not None:
            return (count, (self._bind(query),))
        if self._members is None:
            self._members = tuple(self._bind(member) for member in self._partial.subqueries)
        return (count, self._members)

    @staticmethod
    def _condition(level, test):
        count, sets = level
        if len(sets) == 1:
            return test, [SETS[sets[0]]]
        total = " + ".join([test] * len(sets))
        return f"(CASE WHEN ({total}) >= %s THEN 1 ELSE 0 END)", [*(SETS[n] for n in sets), count]

    def sql(self, test):
        """``(needed, ranked)``: each ``(sql, params)`` — whether a hit has the minimum (``None`` when
        every hit has), and how many levels above it a hit is."""
        needed = None if self.needed is None else self._condition(self.needed, test)
        parts = [self._condition(level, test) for level in self.ranked]
        ranked = ("(" + " + ".join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params])
        return needed, ranked if parts else ("0", [])

    def bindings(self):
        return dict(zip(SETS, self.values, strict=False))


def statement_for(key, compile_statement):
    """The :class:`Statement` kept under ``key`` while it is young enough, else ``compile_statement()``
    (kept for the next query unless ``key`` is ``None``)."""
    statement = _statements.get(key) if key is not None else None
    if statement is None or time.monotonic() - statement.compiled_at >= STATEMENT_SECONDS:
        statement = compile_statement()
        if key is not None:
            if len(_statements) >= MAX_STATEMENTS:
                _statements.clear()
            _statements[key] = statement
    return statement


def one_pass_statement(hits, joins):
    """``(sql, params)`` running ``hits`` (a values_list queryset of ``(content_type_id, object_pk,
    score)``) once, as a materialised CTE, and reading from it everything a results page needs (see
    :func:`read_summary`): the hits' keys by content type (one row each, the keys joined by commas:
    one row instead of thousands to send), the best hits (their number is the :data:`TOP`
    placeholder) and the fingerprint of each of ``joins`` (:class:`LinkTable`), whose links
    :func:`link_map` keeps.
    """
    connection = connections[hits.db]
    quote = connection.ops.quote_name
    inner_sql, params = hits.query.sql_with_params()
    if connection.vendor == "sqlite":
        keys = "group_concat(object_pk, ',')"
    else:
        keys = "string_agg(CAST(object_pk AS text), ',')"
    # Typed NULLs: PostgreSQL needs every UNION branch to agree on column types.
    parts = [
        f"SELECT 'k', {keys}, content_type_id, COUNT(*), CAST(NULL AS double precision) "  # noqa: S608
        "FROM hub_hits GROUP BY content_type_id",
        "SELECT 'h', CAST(NULL AS text), object_pk, content_type_id, score FROM hub_top",
    ]
    tables = {join.table: join for join in joins}
    parts += [join.fingerprint_sql(quote) for join in tables.values()]
    # ``inner_sql`` is Django's compiled query (its values are in ``params``); nothing here comes from input.
    top_sql = "SELECT object_pk, content_type_id, score FROM hub_hits ORDER BY score DESC, object_pk LIMIT %s"
    sql = f"WITH hub_hits(content_type_id, object_pk, score) AS MATERIALIZED ({inner_sql}), "
    sql += f"hub_top AS MATERIALIZED ({top_sql}) " + " UNION ALL ".join(parts)
    return sql, [*params, TOP, *tables]


def read_summary(rows, joins, using):
    """``{"total", "by_content_type", "by_join": {join label: {target id: hits}}, "ranked": [(pk, score,
    content type id)] best first, "links": {pk: {join label: [target ids]}}}`` — the links of the
    ranked hits, so the page shows their audiences and topics without loading each model's
    relations. Each hit's links come from :func:`link_map`: a hit counts once per target."""
    by_content_type, keys, fingerprints, ranked = {}, {}, {}, []
    for kind, text, key, count, score in rows:
        if kind == "k":
            by_content_type[key] = count
            keys[key] = text
        elif kind == "v":
            fingerprints[text] = (key, count)
        else:
            ranked.append((key, score, count))
    ranked.sort(key=lambda row: (-row[1], row[0]))
    hit_keys = {}  # by a join's content types: a family's joins share them
    by_join, links = {}, {}
    for join in joins:
        targets = link_map(using, join, fingerprints[join.table])
        if join.content_types not in hit_keys:
            texts = [keys[content_type] for content_type in join.content_types & keys.keys()]
            hit_keys[join.content_types] = {int(pk) for text in texts for pk in text.split(",")}
        family_keys = hit_keys[join.content_types]
        counts = by_join.setdefault(join.label, {})
        for target, hits in Counter(chain.from_iterable(map(targets.get, family_keys, repeat(())))).items():
            counts[target] = counts.get(target, 0) + hits
        for pk, _, content_type in ranked:
            if content_type in join.content_types and pk in targets:
                links.setdefault(pk, {}).setdefault(join.label, []).extend(targets[pk])
    return {
        "total": sum(by_content_type.values()),
        "by_content_type": by_content_type,
        "by_join": by_join,
        "ranked": ranked,
        "links": links,
    }


def split_summary(found, family, content_types):
    """The part of a shared summary (:func:`summaries_together`) that belongs to one family: its
    content types, and the joins and links whose labels carry its ``"<family>|"`` prefix."""
    prefix = f"{family}|"
    by_content_type = {key: hits for key, hits in found["by_content_type"].items() if key in content_types}
    links = {}
    for pk, labelled in found["links"].items():
        for label, ids in labelled.items():
            if label.startswith(prefix):
                links.setdefault(pk, {})[label.removeprefix(prefix)] = ids
    return {
        "total": sum(by_content_type.values()),
        "by_content_type": by_content_type,
        "by_join": {
            label.removeprefix(prefix): counts for label, counts in found["by_join"].items() if label.startswith(prefix)
        },
        "ranked": [(pk, score) for pk, score, content_type in found["ranked"] if content_type in content_types],
        "links": links,
    }


def summary_cache_key(*parts):
    """A cache key for result summaries of ``parts`` (what was searched, how, with which filters) under
    the current versions of the search index (any write to it) and the page tree (publishing,
    privacy, moves): no cached summary outlives a change to what it counted."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search:summary:{SEARCH_INDEX.current()}:{PAGE_TREE.current()}:{digest}"


class VersionedIndexMixin:
    """For the database backends' index classes: every write moves :data:`SEARCH_INDEX` on, so no
    cached result summary outlives a change to what is indexed."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        SEARCH_INDEX.bump()

    def delete_item(self, item):
        super().delete_item(item)
        SEARCH_INDEX.bump()

    def reset(self):
        super().reset()
        SEARCH_INDEX.bump()


class HubBackendMixin:
    """Shared by our database backends: field weights for ranking (``WEIGHTS`` in the settings)."""

    def __init__(self, params):
        super().__init__(params)
        self.weights = {**DEFAULT_WEIGHTS, **{k.lower(): float(v) for k, v in params.get("WEIGHTS", {}).items()}}


class SummaryResultsMixin:
    """``summary()`` for results classes whose compiler offers a one-pass ``fast_plan()``."""

    def _plan(self):
        return self.query_compiler.fast_plan()

    def summary(self, top, joins=()):
        """One-pass totals, facets, the ``top`` best hits (loaded) and their links, or ``None`` on the
        stock path (see :func:`one_pass_statement`)."""
        found = summaries_together([(self, joins)], top)
        return None if found is None else {**found[0], "top": self._load(found[0]["ranked"])}

    def _load(self, rows):
        return load_ranked(self.query_compiler.queryset, rows, self._score_field)


def load_ranked(queryset, rows, score_field=None):
    """Model instances for ``(pk, score)`` rows, in that order, with the score set on ``score_field``."""
    if not rows:
        return []
    objects = {obj.pk: obj for obj in queryset.filter(pk__in=[pk for pk, _ in rows])}
    results = []
    for pk, score in rows:
        obj = objects.get(pk)
        if obj is None:  # deleted between the two statements
            continue
        if score_field:
            setattr(obj, score_field, score)
        results.append(obj)
    return results


def summaries_together(families, top, statement_key=None):
    """One statement for searches of the same query in several querysets (the site search's pages and
    resources come from one index: reading its matches once saves a whole pass). ``families`` are
    ``(results, joins)`` pairs, joins as ``(label, table, key, source, target)`` columns (a
    :class:`LinkTable` without its content types). Returns each pair's summary, its ``top`` best hits
    as ``"ranked"`` ``(pk, score)`` rows (the caller loads those it shows), or ``None`` when one of
    them needs the stock path or their queries differ (then each is asked on its own).

    ``statement_key`` names what the querysets select (their filters and the page tree's version):
    the statement compiled for it serves later queries with the same key."""
    plans = [results._plan() for results, _ in families]
    if any(plan is None for plan in plans):
        return None
    active = [(family, plan) for family, plan in enumerate(plans) if plan is not False]
    if any(plan.search_key() != active[0][1].search_key() for _, plan in active):
        return None
    if not active:
        return [EMPTY_SUMMARY] * len(families)
    lead = active[0][1]

    def compile_statement():
        members, joins = [], []
        for family, plan in active:
            content_types = get_descendants_content_types_pks(plan.compiler.queryset.model)
            members.append((plan.compiler.queryset, content_types))
            joins += [LinkTable(f"{family}|{label}", *spec, content_types) for label, *spec in families[family][1]]
        hits = lead.hits(families[active[0][0]][0].backend.weights, members)
        sql, params = one_pass_statement(hits, joins)
        read = [(family, content_types) for (family, _), (_, content_types) in zip(active, members, strict=True)]
        return Statement(hits.db, sql, params, read, len(families), joins)

    shape = (tuple(family for family, _ in active), lead.shape())
    key = None if statement_key is None else (statement_key, shape)
    return statement_for(key, compile_statement).summaries(lead.bindings(), top)


def belongs_to(members, content_type="content_type_id"):
    """The condition for index rows of the matches that one of ``members`` — ``(queryset, content type
    ids)`` pairs — keeps: the row is of one of the member's content types and its object passes the
    member's own filters (``EXISTS``, on the ``object_pk`` annotation)."""
    condition = Q()
    for queryset, content_types in members:
        condition |= Q(**{f"{content_type}__in": content_types}) & Q(
            Exists(queryset.order_by().filter(pk=OuterRef("object_pk")))
        )
    return condition


def optimise_index(using=None):
    """After a rebuild: merge FTS5 segments and refresh SQLite's planner statistics; on PostgreSQL,
    compact and analyse the index table. Returns whether the SQLite index was optimised."""
    app_config = get_app_config()
    entry_model = app_config.get_model("IndexEntry")
    alias = using or router.db_for_write(entry_model)
    connection = connections[alias]
    if connection.vendor != "sqlite":
        if connection.vendor == "postgresql":
            # A rebuild deletes every entry and writes each new one twice (Wagtail sets its title norm
            # after inserting it): the table ends up four times its live size and a common word's scan
            # reads all of it. VACUUM FULL compacts it (an exclusive lock for about a second at 11,000
            # entries). Not possible inside a transaction, where ANALYZE still refreshes the statistics.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (FULL, ANALYZE)"
            with connection.cursor() as cursor:
                cursor.execute(f"{command} {connection.ops.quote_name(entry_model._meta.db_table)}")
        return False
    fts_table = connection.ops.quote_name(app_config.get_model("SQLiteFTSIndexEntry")._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {fts_table}({fts_table}) VALUES ('optimize')")  # noqa: S608
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA optimize")
    return True


def SearchBackend(params):
    """Pick the backend class for the database in use (the settings name one path for all).

    The vendor modules are imported here, not at the top: modelsearch's SQLite module needs the FTS
    model, which exists only on SQLite.
    """
    from modelsearch.backends.database import SearchBackend as StockDatabaseSearchBackend

    backend = StockDatabaseSearchBackend(params)
    vendor_module = type(backend).__module__
    if vendor_module.endswith(".sqlite.sqlite"):
        from search.backend_sqlite import HubSQLiteSearchBackend

        return HubSQLiteSearchBackend(params)
    if vendor_module.endswith(".postgres.postgres"):
        from search.backend_postgres import HubPostgresSearchBackend

        return HubPostgresSearchBackend(params)
    return backend
