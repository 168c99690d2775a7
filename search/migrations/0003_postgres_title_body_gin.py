"""PostgreSQL: a GIN index on ``title || body`` of Wagtail's search index table.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``, but Wagtail only indexes the two
columns separately, so every search scans the table. This expression index lets PostgreSQL use a
bitmap index scan instead. Built CONCURRENTLY (no write lock on a live site), hence a non-atomic
migration. Nothing happens on other databases.
"""

from django.db import migrations

INDEX = "hub_search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON "{table}" USING GIN (("title" || "body"))'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0002_seed_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, atomic=False)]
