from django.apps import AppConfig
from django.db.backends.signals import connection_created

# 32 MiB of page cache per SQLite connection (the default is 2 MiB): ranking a common word reads the
# FTS5 index and document sizes for thousands of hits, and they then stay in memory between searches.
SQLITE_CACHE_KIB = 32 * 1024


def enlarge_sqlite_cache(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        connection_created.connect(enlarge_sqlite_cache, dispatch_uid="search.enlarge_sqlite_cache")
