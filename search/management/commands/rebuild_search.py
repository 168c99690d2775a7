"""``update_index`` followed by the database housekeeping that keeps search fast.

On SQLite: merge the FTS5 index segments (``optimize``), refresh the planner statistics
(``ANALYZE``, ``PRAGMA optimize``). On PostgreSQL: ``ANALYZE`` the index table. ``make demo`` runs
this instead of a bare ``update_index``.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from search import spelling
from search.backend import optimise_index


class Command(BaseCommand):
    help = "Rebuild the search index (update_index), then optimise it for fast queries."

    def add_arguments(self, parser):
        parser.add_argument("--skip-update", action="store_true", help="Only optimise the existing index.")

    def handle(self, *args, skip_update=False, **options):
        if not skip_update:
            call_command("update_index", stdout=self.stdout, stderr=self.stderr)
        optimised = optimise_index()
        spelling.clear()
        self.stdout.write("Search index optimised." if optimised else "Search index statistics refreshed.")
