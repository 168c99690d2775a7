"""Synonyms and old names: the seed list, and the editor-managed list as groups of phrases.

The same groups feed query expansion on the database backend (search/query.py) and the synonym
filter of the Elasticsearch analyser (search/elasticsearch.py).
"""

from django.core.cache import cache

CACHE_KEY = "search:synonym-groups"

# Old and new names people still search by (see DESIGN.md section 2).
SEED_GROUPS = [  # also seeded as snippets by migration 0002
    ("IAPT", "NHS Talking Therapies"),
    ("CCG", "ICB", "commissioning group"),
    ("JCP", "Jobcentre Plus"),
    ("GP", "general practice"),
    ("sick note", "fit note"),
    ("stress", "work-related stress"),
]


def split_terms(text):
    """Editors type a group as comma-separated phrases; blanks and duplicates are dropped."""
    seen, terms = set(), []
    for raw in (text or "").replace("\n", ",").split(","):
        term = " ".join(raw.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return terms


def synonym_groups():
    """Every live synonym group as a list of phrases (cached; saving a group clears the cache)."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        from search.models import SynonymGroup

        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        groups = [group for group in groups if len(group) > 1]
        cache.set(CACHE_KEY, groups, 300)
    return groups


def clear_cache(**kwargs):
    cache.delete(CACHE_KEY)
