"""Import resources from a CSV file, creating or updating them by URL; all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resources.importer import COLUMNS, import_csv


class Command(BaseCommand):
    help = (
        "Import resources from a UTF-8 CSV file whose first line names the columns ("
        + ", ".join(COLUMNS)
        + "). Rows are matched by URL. If any row has a problem, nothing is imported and every problem is "
        "listed with its line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file.")
        parser.add_argument(
            "--draft", action="store_true", help="Save new and changed resources as drafts instead of publishing."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from error
        result = import_csv(data, publish=not options["draft"])
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in {path.name}.")
        message = f"Imported {path.name}: {result.created} created, {result.updated} updated"
        if result.new_organisations:
            message += f"; new organisations: {', '.join(result.new_organisations)}"
        self.stdout.write(self.style.SUCCESS(message + "."))
