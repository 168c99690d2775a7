"""Back up the database and the media folder into a new folder (hub/core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from hub.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump --format=custom, or SQLite's online backup) and MEDIA_ROOT (a tar "
        "archive) into DIR, with a manifest of checksums and row counts. The referral encryption key is "
        "not included: keep it separately."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A new or empty folder for this backup.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup.create_backup(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['database']['engine']} database ({rows} rows) and "
                f"{manifest['media_files']} media files to {folder}."
            )
        )
        self.stdout.write("Not in the backup: REFERRAL_ENCRYPTION_KEY. Without it no referral can be read.")
