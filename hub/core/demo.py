"""Helpers for idempotent demo content: find a page by slug under its parent, or create it once.

Existing pages are left as editors left them: running the loader again never duplicates
or overwrites content.
"""

from wagtail.models import Page, Site


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def ensure_child(parent, model, slug, **fields):
    """Return the live child of ``parent`` with ``slug``, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def root_page():
    return Page.get_first_root_node()
