"""Wagtail's Elasticsearch 8 backend with our analysers: English stemming and the synonym list.

Used when ``ELASTICSEARCH_URL`` is set (``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] =
"search.elasticsearch"``). Text is analysed with English stemming at index and search time; the
synonym list (the editors' snippets, or the seed list before the database is ready) is applied at
search time through a ``synonym_graph`` filter, so multi-word synonyms ("NHS Talking Therapies")
work and editing synonyms needs no reindex of documents — only ``rebuild_search`` to push a new
index with the new filter. Indexing errors are caught and logged by modelsearch
(``catch_indexing_errors``), so publishing still succeeds when the cluster is down; the search view
falls back to the database backend (search/service.py).
"""

import copy
import logging

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)

from search.query import AnyOf
from search.synonyms import SEED_GROUPS

logger = logging.getLogger(__name__)


def analysis_settings(groups):
    """The ``settings.analysis`` block for an index, with ``groups`` (lists of phrases) as synonyms."""
    rules = [", ".join(term.lower() for term in group) for group in groups if len(group) > 1]
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "hub_english_stemmer": {"type": "stemmer", "language": "english"},
                    "hub_english_possessive": {"type": "stemmer", "language": "possessive_english"},
                    "hub_synonyms": {"type": "synonym_graph", "synonyms": rules, "lenient": True},
                },
                "analyzer": {
                    # Every text field without an explicit analyser uses these two.
                    "default": {
                        "tokenizer": "standard",
                        "filter": ["hub_english_possessive", "lowercase", "hub_english_stemmer"],
                    },
                    "default_search": {
                        "tokenizer": "standard",
                        "filter": ["hub_english_possessive", "lowercase", "hub_synonyms", "hub_english_stemmer"],
                    },
                },
            }
        }
    }


def current_groups():
    """The editors' synonym groups, or the seed list if the database cannot be read yet."""
    try:
        from search.synonyms import synonym_groups

        return synonym_groups()
    except Exception:
        logger.warning("search: synonym snippets unavailable; using the seed list for Elasticsearch")
        return [list(group) for group in SEED_GROUPS]


def merge(base, extra):
    result = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


class HubElasticsearchIndex(Elasticsearch8Index):
    def put(self):
        # Read the synonyms when an index is created (rebuild_search), not at start-up.
        self.backend.settings = merge(self.backend.settings, analysis_settings(current_groups()))
        super().put()


class HubElasticsearchSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    """A partial-match query (:class:`~search.query.AnyOf`) is a ``bool`` of ``should`` clauses with its
    minimum as ``minimum_should_match``: the hits the database backends count their way to, ranked by
    Elasticsearch's own scoring (more matching clauses score higher)."""

    def _compile_query(self, query, field, boost=1.0):
        compiled = super()._compile_query(query, field, boost)
        if isinstance(query, AnyOf):
            compiled["bool"]["minimum_should_match"] = query.minimum
        return compiled


class HubElasticsearchSearchBackend(Elasticsearch8SearchBackend):
    index_class = HubElasticsearchIndex
    query_compiler_class = HubElasticsearchSearchQueryCompiler

    def __init__(self, params):
        params = dict(params)
        params["INDEX_SETTINGS"] = merge(
            analysis_settings([list(group) for group in SEED_GROUPS]), params.get("INDEX_SETTINGS", {})
        )
        super().__init__(params)


SearchBackend = HubElasticsearchSearchBackend
