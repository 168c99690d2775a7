"""A version stamp for the resource data behind the directory's facet counts.

Counting every audience and topic over 10,000 resources means reading every link row (about
150 ms on SQLite). The counts only change when resources, their links, topics or audiences change,
so the directory caches them under the current version and any such change (signals below, wired up
in ``ResourcesConfig.ready``) moves the version on. With a shared cache (Redis) every process sees
the new version at once; with the per-process local-memory cache other processes may show counts
up to ``FACET_CACHE_SECONDS`` old, never longer.
"""

from hub.core.cache import VersionStamp

DIRECTORY = VersionStamp("resources:directory:version")
FACET_CACHE_SECONDS = 120


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from hub.core.models import Audience

    from .models import Organisation, Resource, ResourceTopic, Topic

    for model in (Resource, ResourceTopic, Topic, Audience, Organisation, Resource.audiences.through):
        post_save.connect(DIRECTORY.bump, sender=model, dispatch_uid=f"resources-facets-save-{model._meta.label}")
        post_delete.connect(DIRECTORY.bump, sender=model, dispatch_uid=f"resources-facets-delete-{model._meta.label}")
    m2m_changed.connect(DIRECTORY.bump, sender=Resource.audiences.through, dispatch_uid="resources-facets-m2m")
