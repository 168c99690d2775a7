"""Query normalisation: turn whatever a visitor typed into a small, safe, well-formed query.

Everything here is a pure function. The search view runs every query through :func:`parse` before a
backend sees it, so no input (unbalanced quotes, ``*``, ``AND``/``OR``/``NEAR``, control characters,
NUL, 10,000 characters, 483+ words) can reach the full-text engine as syntax. Terms are always
quoted, so FTS5 never reads a visitor's word as an operator, and the whole expression is passed to
the database as one bound parameter.

How words match (the same on every backend, see :func:`to_search_query`): common words people type
in questions ("how do I…", :data:`STOP_WORDS`) are dropped unless nothing else is left; a quoted
phrase must match as written and ``-word`` must not match; the other words must all match, and
where that leaves less than a page of hits (search.service) a hit needs :func:`minimum_to_match`
of them, and hits with more of them rank first (:class:`AnyOf`).
"""

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field

from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

MAX_QUERY_CHARS = 200
MAX_TERMS = 32
MAX_TERM_CHARS = 100
# Beyond this many ways of picking the words a hit needs, backends count the words one by one.
MAX_COMBINATIONS = 40

# Bare connectors people type out of habit from other search engines. Terms are ANDed anyway; NOT
# (like a leading "-") excludes the next term.
CONNECTORS = {"AND", "OR", "NEAR", "&&", "||", "+"}
NEGATORS = {"NOT"}

# Words that carry no meaning of their own in a search ("how do I refer someone to Bridging the Gap"):
# requiring them would turn a good question into no results. Kept inside quoted phrases, and when a
# query has nothing else ("to be or not to be").
_STOP_WORDS_TEXT = """
a about after all also am an and any anyone are as at be been before being but by can could did
do does doing for from get gets getting had has have having he her here hers him his how i if in
into is it its just me more most my need needs no nor not of off on once only or other our ours out
now over own please same she should so some somebody someone something than that the their theirs them
then there these they this those through to too under until up very want wants was we were what
when where which while who whom why will with would you your yours
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ParsedQuery:
    """A visitor's query after cleaning: the terms to find, the terms to exclude, and whether it was cut."""

    text: str = ""
    terms: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    truncated: bool = False
    # The terms the visitor put in quotes: they must match as written (the others are optional).
    quoted: tuple[str, ...] = ()
    # Synonym alternatives per term, filled by :func:`with_synonyms` (term -> alternatives).
    alternatives: dict = field(default_factory=dict, compare=False, hash=False)

    def __bool__(self):
        return bool(self.terms)

    @property
    def display(self):
        """The query as the visitor should see it echoed back (cleaned and shortened)."""
        return self.text

    @property
    def fingerprint(self):
        """What is searched for — terms, exclusions and synonym alternatives — for cache keys."""
        alternatives = tuple(sorted((term, tuple(others)) for term, others in (self.alternatives or {}).items()))
        return (self.terms, self.quoted, self.excluded, alternatives)

    def replace(self, **changes):
        """A copy with ``changes`` (the dataclass is frozen)."""
        fields = {name: getattr(self, name) for name in ("text", "terms", "excluded", "truncated", "quoted")}
        return ParsedQuery(**{**fields, "alternatives": self.alternatives, **changes})

    @property
    def words(self):
        """Every positive word, lower-case, for highlighting and spelling suggestions."""
        seen = []
        for term in self.terms:
            for word in words_of(term):
                if word not in seen:
                    seen.append(word)
        return seen


def strip_control_characters(text):
    """Drop control, format, surrogate and private-use characters (NUL included); tabs and newlines
    become spaces so words on either side stay apart."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            out.append(" " if char in "\t\n\r\x0b\x0c" else "")
        elif category in ("Cs", "Co", "Cn"):
            continue
        elif category == "Cf":
            # Zero-width joiners and direction marks carry no searchable meaning.
            continue
        else:
            out.append(char)
    return "".join(out)


def cut_at_word_boundary(text, limit=MAX_QUERY_CHARS):
    """Return ``(text, was_cut)``: at most ``limit`` characters, cut at the last space if there is one."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(), True


def has_word_characters(term):
    return any(char.isalnum() for char in term)


def words_of(term):
    """The lower-case words inside a term, split as SQLite's unicode61 tokenizer splits them."""
    return [word for word in re.split(r"[^\w]+|_", term.lower()) if word]


def clean(text):
    """Return ``(cleaned, truncated)`` for any input, including ``None`` and non-strings."""
    if text is None:
        return "", False
    if not isinstance(text, str):
        text = str(text)
    # A very long input is cut before the per-character work so the cost stays bounded.
    truncated = False
    if len(text) > MAX_QUERY_CHARS * 10:
        text, truncated = text[: MAX_QUERY_CHARS * 10], True
    text = unicodedata.normalize("NFKC", strip_control_characters(text))
    text = _WHITESPACE.sub(" ", text).strip()
    text, cut = cut_at_word_boundary(text)
    return text, truncated or cut


def _tidy_term(term):
    term = term.strip().strip("*").replace('"', "")
    term = _WHITESPACE.sub(" ", term).strip()
    if len(term) > MAX_TERM_CHARS:
        term, _ = cut_at_word_boundary(term, MAX_TERM_CHARS)
    return term


def parse(text):
    """Parse a visitor's query into a :class:`ParsedQuery`. Never raises.

    - ``"a phrase"`` stays one term; an unbalanced quote is ignored;
    - ``-word``, ``-"a phrase"`` and ``NOT word`` exclude;
    - bare ``AND``/``OR``/``NEAR`` are dropped (terms are always ANDed);
    - terms without a letter or digit are dropped; duplicates (case-insensitive) are dropped;
    - unquoted :data:`STOP_WORDS` are dropped, unless the query has nothing else;
    - at most :data:`MAX_TERMS` terms are kept.
    """
    cleaned, truncated = clean(text)
    terms, excluded, seen, phrases, stop_words = [], [], set(), [], []
    negate_next = False
    for match in _TOKEN.finditer(cleaned):
        minus, quoted, bare = match.groups()
        if bare is not None:
            if bare in CONNECTORS:
                continue
            if bare in NEGATORS:
                negate_next = True
                continue
            negative = bare.startswith("-") and len(bare) > 1
            term = _tidy_term(bare.lstrip("-") if negative else bare)
        else:
            negative = bool(minus)
            term = _tidy_term(quoted)
        negative = negative or negate_next
        negate_next = False
        if not term or not has_word_characters(term):
            continue
        key = term.casefold()
        if key in seen:
            continue
        if len(terms) + len(excluded) >= MAX_TERMS:
            truncated = True
            break
        seen.add(key)
        if negative:
            excluded.append(term)
        elif bare is None:
            phrases.append(term)
            terms.append(term)
        elif key in STOP_WORDS:
            stop_words.append(term)
        else:
            terms.append(term)
    return ParsedQuery(
        text=cleaned,
        terms=tuple(terms or stop_words),
        excluded=tuple(excluded),
        truncated=truncated,
        quoted=tuple(phrases),
    )


def with_synonyms(parsed, synonym_groups):
    """Attach synonym alternatives: each term that matches a group (case-insensitive, whole term) gets the
    group's other members as alternatives. ``synonym_groups`` is an iterable of lists of phrases."""
    lookup = {}
    for group in synonym_groups:
        members = [member.strip() for member in group if member and member.strip()]
        for member in members:
            lookup.setdefault(member.casefold(), [])
            for other in members:
                if other.casefold() != member.casefold() and other not in lookup[member.casefold()]:
                    lookup[member.casefold()].append(other)
    alternatives = {term: tuple(lookup[term.casefold()]) for term in parsed.terms if term.casefold() in lookup}
    # A multi-word query can also contain a multi-word synonym ("nhs talking therapies"): match those too.
    text = " ".join(parsed.terms).casefold()
    for member, others in lookup.items():
        if " " in member and member in text and not any(member == term.casefold() for term in parsed.terms):
            alternatives.setdefault(f"\x00{member}", tuple(others))
    return parsed.replace(alternatives=alternatives)


def safe_text(text):
    """A plain string of at most :data:`MAX_TERMS` clean words (for queries that bypass :func:`parse`)."""
    cleaned, _ = clean(text)
    words = [word.replace('"', "") for word in cleaned.split() if has_word_characters(word)]
    return " ".join(words[:MAX_TERMS])


def quote_term(term, prefix=False):
    """One FTS5 string: the term in double quotes with inner quotes doubled; ``*`` outside for a prefix."""
    quoted = '"' + term.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


class AnyOf(Or):
    """Any of these, a hit needs ``minimum`` of them, and hits with more of them rank first.

    An ``Or`` to backends that do not know it (Wagtail's stock database path), so they still find
    every hit. Ours ask the index itself which hits have at least *k* members (:meth:`levels`) and
    rank by that (search/backend_sqlite.py, backend_postgres.py); Elasticsearch gets
    ``minimum_should_match`` (search/elasticsearch.py)."""

    def __init__(self, subqueries, minimum=1):
        super().__init__(subqueries)
        self.minimum = minimum

    def at_least(self, count):
        """A query matching what has at least ``count`` of the members — every way of picking them, as
        one boolean query the full-text engine evaluates itself — or ``None`` when there are more than
        :data:`MAX_COMBINATIONS` ways (the backend then counts members one by one)."""
        members = self.subqueries
        if count <= 1:
            return Or(members)
        if count >= len(members):
            return And(members)
        if math.comb(len(members), count) > MAX_COMBINATIONS:
            return None
        return Or([And(list(chosen)) for chosen in itertools.combinations(members, count)])

    def levels(self):
        """``[(k, query or None)]`` for every k above the minimum: a hit's count of members is the
        minimum plus the levels it matches (at most one set per extra member, not one per member)."""
        return [(count, self.at_least(count)) for count in range(self.minimum + 1, len(self.subqueries) + 1)]

    def __repr__(self):
        return f"<AnyOf {self.minimum} of {self.subqueries!r}>"


def minimum_to_match(count):
    """How many of ``count`` optional words a hit must match: three quarters, rounded down, at least one
    (Elasticsearch's ``minimum_should_match: 75%``): one of two, two of three ("refer bridging gap"),
    three of four ("returning work sick leave")."""
    return max(1, count * 3 // 4)


def _term_query(term):
    return Phrase(term) if len(words_of(term)) > 1 else PlainText(term)


def _with_alternatives(query, alternatives):
    return query if not alternatives else Or([query, *(_term_query(other) for other in alternatives)])


def _spanning_synonyms(parsed, optional):
    """Multi-word synonyms typed across optional terms ("nhs talking therapies"): each becomes one member,
    all its words or one of its alternatives, in place of those words. Returns the members and the
    terms they replaced."""
    members, used = [], set()
    for key, others in (parsed.alternatives or {}).items():
        if not key.startswith("\x00"):
            continue
        words = key[1:].split()
        for start in range(len(optional) - len(words) + 1):
            span = optional[start : start + len(words)]
            if [term.casefold() for term in span] == words and not used & set(span):
                used.update(span)
                members.append(Or([And([_term_query(word) for word in span]), *(_term_query(o) for o in others)]))
                break
    return members, used


def to_search_query(parsed, relaxed=True):
    """The parsed query as modelsearch query objects for every backend: quoted phrases required, the
    other terms (each with its synonyms) an :class:`AnyOf` — or, not ``relaxed``, all required —
    excluded terms ``Not``. Returns ``None`` when there is nothing to search for."""
    if not parsed.terms:
        return None
    alternatives = parsed.alternatives or {}
    optional = [term for term in parsed.terms if term not in parsed.quoted]
    members, spanned = _spanning_synonyms(parsed, optional)
    members += [_with_alternatives(_term_query(t), alternatives.get(t)) for t in optional if t not in spanned]
    required = [_with_alternatives(_term_query(t), alternatives.get(t)) for t in parsed.quoted]
    if len(members) > 1 and relaxed:
        required.append(AnyOf(members, minimum_to_match(len(members))))
    else:
        required += members
    query = required[0] if len(required) == 1 else And(required)
    if parsed.excluded:
        query = And([query, *(Not(_term_query(term)) for term in parsed.excluded)])
    return query


def to_fts5(parsed, prefix_last=False):
    """The FTS5 MATCH expression for a parsed query (without a column filter), or ``""`` if nothing to match."""
    query = to_search_query(parsed)
    return "" if query is None else search_query_to_fts5(query, prefix_last)


class Unsupported(Exception):
    """The query needs a feature only the stock path has."""


def search_query_to_fts5(query, prefix_last=False):
    """Translate modelsearch query objects into an FTS5 expression with every term quoted (an
    :class:`AnyOf` is an ``OR``: its minimum is the backend's to apply).

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
        # Alternatives are each a prefix; of an AnyOf's words only the last one typed is.
        last = query.subqueries[-1]
        prefixed = [prefix_last and (sub is last or not isinstance(query, AnyOf)) for sub in query.subqueries]
        parts = [search_query_to_fts5(sub, prefix) for sub, prefix in zip(query.subqueries, prefixed, strict=True)]
        parts = [part for part in parts if part]
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    raise Unsupported(type(query).__name__ if not isinstance(query, MatchAll) else "match all")


def partial_match(query):
    """The :class:`AnyOf` a query's hits are counted by — the query itself, or one of the parts an
    ``And`` requires — or ``None``."""
    if isinstance(query, AnyOf):
        return query
    if isinstance(query, And):
        return next((sub for sub in query.subqueries if isinstance(sub, AnyOf)), None)
    return None


def strictly(query):
    """The query with its :class:`AnyOf` replaced by what has the minimum of its members (for an
    engine that should find only those, e.g. through an index), or ``None`` when that has too many
    ways of picking them or the query has no AnyOf."""
    partial = partial_match(query)
    needed = None if partial is None else partial.at_least(partial.minimum)
    if needed is None:
        return None
    if query is partial:
        return needed
    return And([needed if sub is partial else sub for sub in query.subqueries])
