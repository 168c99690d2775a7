"""Create many live child pages at once, for benchmarks: thousands of ``add_child`` calls take minutes.

Tree paths are computed here (as treebeard would) and rows are inserted in bulk: one insert for the
``wagtailcore_page`` rows and one for the page type's own table. No revisions are written and the
search index is not updated, which a benchmark of page rendering does not need.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page


@transaction.atomic
def bulk_add_children(parent, pages, batch_size=500):
    """Insert the unsaved ``pages`` (all one specific model) as live children of ``parent``; return them."""
    if not pages:
        return []
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)
    last_child = parent.get_last_child()
    next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, parent.depth + 1, next_step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or now
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    base_rows = [Page(**{field.attname: getattr(page, field.attname) for field in page_fields}) for page in pages]
    Page.objects.bulk_create(base_rows, batch_size=batch_size)
    for page, row in zip(pages, base_rows, strict=True):
        page.page_ptr_id = row.pk
        page.id = row.pk
    own_fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(pages), batch_size):
        model._base_manager._insert(pages[start : start + batch_size], fields=own_fields, using="default")
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
