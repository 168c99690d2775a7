"""Version stamps: cache keys that move on when the data behind them changes.

A cached value is stored under ``f"{name}:{stamp.current()}"`` (:meth:`VersionStamp.cached`); signal handlers call
``stamp.bump`` when the underlying data changes, so stale entries are simply never read again (they
expire on their own). With a shared cache (Redis) every process sees a bump at once; with the
per-process local-memory cache other processes keep the old value until its timeout, so callers pick
a timeout they can live with.
"""

import uuid

from django.core.cache import cache


class VersionStamp:
    def __init__(self, key):
        self.key = key

    def current(self):
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, uuid.uuid4().hex, None)
            version = cache.get(self.key)
        return version

    def cached(self, name, compute, timeout):
        """``compute()``'s value, kept in the cache under ``name`` and the current version: computed
        again only after a bump (or the timeout, which bounds staleness in per-process caches)."""
        return cache.get_or_set(f"{name}:{self.current()}", compute, timeout)

    def bump(self, *args, **kwargs):
        """Move the version on (signature fits any Django or Wagtail signal receiver)."""
        cache.set(self.key, uuid.uuid4().hex, None)


# The live page tree as menus and navigation show it: titles, slugs, order, menu flags, privacy.
PAGE_TREE = VersionStamp("hub:pages:tree-version")


def connect_page_tree_signals():
    """Bump :data:`PAGE_TREE` whenever what a menu shows can change."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "slug": page_slug_changed,
        "move": post_page_move,
    }
    for name, signal in page_signals.items():
        signal.connect(PAGE_TREE.bump, dispatch_uid=f"hub-page-tree-{name}")
    # Deleting a page deletes its Page row too, whatever its type, so ``sender=Page`` catches it.
    for model in (Page, PageViewRestriction, Site):
        post_save.connect(PAGE_TREE.bump, sender=model, dispatch_uid=f"hub-page-tree-save-{model.__name__}")
        post_delete.connect(PAGE_TREE.bump, sender=model, dispatch_uid=f"hub-page-tree-delete-{model.__name__}")
