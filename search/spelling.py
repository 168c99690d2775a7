"""Typos: the nearest indexed word for each query word the index has never seen, word by word.

The vocabulary is every word in the search index as written, read from the index itself (SQLite: an
``fts5vocab`` table over the unstemmed word table of migration search 0005 — the main FTS5 table
holds stems, poor suggestions; PostgreSQL: ``ts_stat`` over the plain text mirrors), held in process
memory for a few minutes. A word missing from the vocabulary may still be a form the stemmer
matches (``webinars`` where the text says ``webinar``): the index itself is asked before such a
word is "corrected" (:func:`index_knows`). Candidates share the first letter and are
within two characters of the word's length, then ``difflib`` picks the closest, preferring words
found in more documents. Measured at 10,000 resources + 1,000 pages: see README.
"""

import difflib
import threading
import time

from django.conf import settings
from django.db import connections, router
from modelsearch.conf import get_app_config

from search.query import quote_term, words_of

VOCABULARY_TTL_SECONDS = 300
MIN_WORD_LENGTH = 3
MAX_VOCABULARY = 200_000

_lock = threading.Lock()
# ``loaded_at`` is ``None`` until the first load: ``time.monotonic()`` counts from boot, so a "long ago"
# number such as 0.0 is not long ago on a machine that started less than the TTL before.
_cache = {"loaded_at": None, "words": {}, "buckets": {}, "known": {}}
MAX_KNOWN = 10_000


WORDS_TABLE = "hub_search_words"  # migration search 0005


def _read_sqlite(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.hub_search_vocabulary USING fts5vocab(main, {WORDS_TABLE}, row)"
        )
        cursor.execute(
            "SELECT term, doc FROM temp.hub_search_vocabulary WHERE length(term) >= %s ORDER BY doc DESC LIMIT %s",
            [MIN_WORD_LENGTH, MAX_VOCABULARY],
        )
        return cursor.fetchall()


def _read_postgres(connection):
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat(%s) WHERE length(word) >= %s ORDER BY ndoc DESC LIMIT %s",
            [
                # The inner statement is text for ts_stat(); the table name comes from the model.
                "SELECT to_tsvector('simple', coalesce(title_text, '') || ' ' || coalesce(body_text, '')) "  # noqa: S608
                f"FROM {table}",
                MIN_WORD_LENGTH,
                MAX_VOCABULARY,
            ],
        )
        return cursor.fetchall()


def load_vocabulary():
    """``{word: number of documents}`` from the search index (empty if the database cannot say)."""
    entry_model = get_app_config().get_model("IndexEntry")
    connection = connections[router.db_for_read(entry_model)]
    try:
        if connection.vendor == "sqlite":
            rows = _read_sqlite(connection)
        elif connection.vendor == "postgresql":
            rows = _read_postgres(connection)
        else:
            rows = []
    except Exception:  # a missing FTS5 table or extension: no suggestions rather than an error
        return {}
    return {word: count for word, count in rows if word.isalpha()}


def vocabulary():
    """The cached vocabulary and its first-letter buckets."""
    now = time.monotonic()
    with _lock:
        if _cache["loaded_at"] is None or now - _cache["loaded_at"] > VOCABULARY_TTL_SECONDS:
            words = load_vocabulary()
            buckets = {}
            for word in words:
                buckets.setdefault(word[0], []).append(word)
            _cache.update(loaded_at=now, words=words, buckets=buckets, known={})
        return _cache["words"], _cache["buckets"]


def clear():
    with _lock:
        _cache.update(loaded_at=None, words={}, buckets={}, known={})


def _index_matches(word):
    """Whether the full-text index matches ``word`` as the backend reads it (stemmed)."""
    app_config = get_app_config()
    entry_model = app_config.get_model("IndexEntry")
    connection = connections[router.db_for_read(entry_model)]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            fts_table = app_config.get_model("SQLiteFTSIndexEntry")._meta.db_table
            cursor.execute(f"SELECT 1 FROM {fts_table} WHERE {fts_table} MATCH %s LIMIT 1", [quote_term(word)])  # noqa: S608
        elif connection.vendor == "postgresql":
            table = connection.ops.quote_name(entry_model._meta.db_table)
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE hub_document @@ plainto_tsquery(%s::regconfig, %s) LIMIT 1",  # noqa: S608
                [settings.DATABASE_SEARCH.get("SEARCH_CONFIG", "english"), word],
            )
        else:
            return False
        return cursor.fetchone() is not None


def index_knows(word):
    """:func:`_index_matches`, remembered with the vocabulary (so a repeated search asks nothing)."""
    known = _cache["known"]
    if word not in known:
        try:
            found = _index_matches(word)
        except Exception:  # no FTS table or stored document column: treat the word as unknown
            found = False
        if len(known) >= MAX_KNOWN:
            known.clear()
        known[word] = found
    return known[word]


def correct_word(word, words, buckets):
    """The best replacement for ``word``, or ``None`` if it is known, too short or has no near neighbour."""
    if len(word) < MIN_WORD_LENGTH or word in words or not word.isalpha() or index_knows(word):
        return None
    candidates = [
        candidate
        for candidate in buckets.get(word[0], ())
        if abs(len(candidate) - len(word)) <= 2 and candidate != word
    ]
    close = difflib.get_close_matches(word, candidates, n=5, cutoff=0.75)
    if not close:
        return None
    best_ratio = difflib.SequenceMatcher(None, word, close[0]).ratio()
    # Among equally close words, prefer the one more documents use.
    ties = [c for c in close if difflib.SequenceMatcher(None, word, c).ratio() >= best_ratio - 0.05]
    return max(ties, key=lambda candidate: words.get(candidate, 0))


def _corrected_term(term, words, buckets):
    """The term with each unknown word replaced, or ``None`` if none was."""
    pieces = [(word, correct_word(word, words, buckets)) for word in words_of(term)]
    if not any(replacement for _, replacement in pieces):
        return None
    return " ".join(replacement or word for word, replacement in pieces)


def suggest(parsed):
    """The query with every unknown word corrected — also when the other words are found ("stres at
    work" → "stress work") — as query text, or ``None`` if nothing needed (or could get) a correction.
    Quoted phrases are searched as written and left alone; so are excluded words."""
    if not parsed.terms:
        return None
    words, buckets = vocabulary()
    if not words:
        return None
    corrected, changed = [], False
    for term in parsed.terms:
        replacement = None if term in parsed.quoted else _corrected_term(term, words, buckets)
        changed = changed or replacement is not None
        corrected.append((replacement or term, term in parsed.quoted))
    if not changed:
        return None
    return " ".join(f'"{term}"' if quoted or " " in term else term for term, quoted in corrected)
