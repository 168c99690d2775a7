"""SQLite: English stemming in Wagtail's FTS5 index, and a word list of what the index holds as written.

Wagtail creates its FTS5 table with the default ``unicode61`` tokenizer, so ``manager`` never meets
``managers``, nor ``webinar`` ``webinars``. This rebuilds the table with FTS5's ``porter`` tokenizer
wrapped round ``unicode61`` (accents still removed), at index and query time alike, and copies the
existing entries in: no reindex is needed, and ``update_index`` / ``rebuild_search`` only write rows,
never recreate the table, so the tokenizer stays. Wagtail's triggers name the table, not its
definition, so they keep it in step.

Stems are poor spelling suggestions ("manag"), so a second, contentless FTS5 table keeps the words
as written (its ``fts5vocab`` is the spelling vocabulary, search/spelling.py), filled by triggers of
our own beside Wagtail's. Nothing happens on other databases.
"""

from django.db import migrations

TOKENIZE = "porter unicode61 remove_diacritics 2"
WORDS = "hub_search_words"


def tables(apps):
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return entries, f"{entries}_fts"


def rebuild_fts(schema_editor, entries, fts, tokenize):
    schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}"')
    schema_editor.execute(f"CREATE VIRTUAL TABLE \"{fts}\" USING fts5(autocomplete, body, title, tokenize='{tokenize}')")
    schema_editor.execute(
        f'INSERT INTO "{fts}"(rowid, autocomplete, body, title) '  # noqa: S608 (names from model metadata)
        f'SELECT id, autocomplete, body, title FROM "{entries}"'
    )


def word_triggers(entries):
    # A contentless table forgets its text: deleting a row means handing FTS5 the old values again.
    delete = f"INSERT INTO {WORDS}({WORDS}, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);"
    insert = f"INSERT INTO {WORDS}(rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);"
    return {
        "hub_search_words_insert": f'AFTER INSERT ON "{entries}" BEGIN {insert} END',
        "hub_search_words_update": f'AFTER UPDATE ON "{entries}" BEGIN {delete} {insert} END',
        "hub_search_words_delete": f'AFTER DELETE ON "{entries}" BEGIN {delete} END',
    }


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    entries, fts = tables(apps)
    rebuild_fts(schema_editor, entries, fts, TOKENIZE)
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {WORDS} USING fts5(title, body, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    schema_editor.execute(
        f'INSERT INTO {WORDS}(rowid, title, body) SELECT id, title, body FROM "{entries}"'  # noqa: S608
    )
    for name, body in word_triggers(entries).items():
        schema_editor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    entries, fts = tables(apps)
    for name in word_triggers(entries):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {WORDS}")
    rebuild_fts(schema_editor, entries, fts, "unicode61")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_stored_document")]

    operations = [migrations.RunPython(forwards, backwards)]
