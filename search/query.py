"""Query normalisation: turn whatever a visitor typed into a small, safe, well-formed query.

Everything here is a pure function. The search view runs every query through :func:`parse` before a
backend sees it, so no input (unbalanced quotes, ``*``, ``AND``/``OR``/``NEAR``, control characters,
NUL, 10,000 characters, 483+ words) can reach the full-text engine as syntax. Terms are always
quoted, so FTS5 never reads a visitor's word as an operator, and the whole expression is passed to
the database as one bound parameter.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from modelsearch.query import And, Not, Or, Phrase, PlainText

MAX_QUERY_CHARS = 200
MAX_TERMS = 32
MAX_TERM_CHARS = 100

# Bare connectors people type out of habit from other search engines. Terms are ANDed anyway; NOT
# (like a leading "-") excludes the next term.
CONNECTORS = {"AND", "OR", "NEAR", "&&", "||", "+"}
NEGATORS = {"NOT"}

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ParsedQuery:
    """A visitor's query after cleaning: the terms to find, the terms to exclude, and whether it was cut."""

    text: str = ""
    terms: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    truncated: bool = False
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
        return (self.terms, self.excluded, alternatives)

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
    - at most :data:`MAX_TERMS` terms are kept.
    """
    cleaned, truncated = clean(text)
    terms, excluded, seen = [], [], set()
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
        (excluded if negative else terms).append(term)
    return ParsedQuery(text=cleaned, terms=tuple(terms), excluded=tuple(excluded), truncated=truncated)


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
    return ParsedQuery(
        text=parsed.text,
        terms=parsed.terms,
        excluded=parsed.excluded,
        truncated=parsed.truncated,
        alternatives=alternatives,
    )


def safe_text(text):
    """A plain string of at most :data:`MAX_TERMS` clean words (for queries that bypass :func:`parse`)."""
    cleaned, _ = clean(text)
    words = [word.replace('"', "") for word in cleaned.split() if has_word_characters(word)]
    return " ".join(words[:MAX_TERMS])


def quote_term(term, prefix=False):
    """One FTS5 string: the term in double quotes with inner quotes doubled; ``*`` outside for a prefix."""
    quoted = '"' + term.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


def _term_expression(term, alternatives, prefix):
    options = [quote_term(term, prefix=prefix)]
    options += [quote_term(alternative) for alternative in alternatives.get(term, ())]
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def to_fts5(parsed, prefix_last=False):
    """The FTS5 MATCH expression for a parsed query (without a column filter), or ``""`` if nothing to match.

    Negation is binary (``a NOT b``) because FTS5 has no unary NOT.
    """
    if not parsed.terms:
        return ""
    alternatives = parsed.alternatives or {}
    last = len(parsed.terms) - 1
    positives = [
        _term_expression(term, alternatives, prefix_last and index == last) for index, term in enumerate(parsed.terms)
    ]
    expression = " AND ".join(positives)
    # Multi-word synonyms found across terms: (all the words) OR (the alternative).
    for key, others in alternatives.items():
        if key.startswith("\x00"):
            options = [quote_term(key[1:]), *(quote_term(other) for other in others)]
            expression = f"({expression}) OR ({' OR '.join(options)})"
    if parsed.excluded:
        negatives = " OR ".join(quote_term(term) for term in parsed.excluded)
        expression = f"({expression}) NOT ({negatives})"
    return expression


def _term_query(term):
    return Phrase(term) if len(words_of(term)) > 1 else PlainText(term)


def to_search_query(parsed):
    """The same query as modelsearch query objects, for backends other than ours (stock database,
    Elasticsearch). Returns ``None`` when there is nothing to search for."""
    if not parsed.terms:
        return None
    alternatives = parsed.alternatives or {}
    parts = []
    for term in parsed.terms:
        options = [_term_query(term), *(_term_query(alternative) for alternative in alternatives.get(term, ()))]
        parts.append(options[0] if len(options) == 1 else Or(options))
    query = parts[0] if len(parts) == 1 else And(parts)
    for key, others in alternatives.items():
        if key.startswith("\x00"):
            query = Or([query, Phrase(key[1:]), *(_term_query(other) for other in others)])
    if parsed.excluded:
        query = And([query, *(Not(_term_query(term)) for term in parsed.excluded)])
    return query
