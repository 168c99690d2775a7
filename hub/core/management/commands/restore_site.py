"""Restore a backup made by backup_site, after checking it (hub/core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from hub.core import backup


class Command(BaseCommand):
    help = (
        "Restore the database and MEDIA_ROOT from DIR (made by backup_site). Refuses, changing nothing, "
        "a backup with a missing or altered file or of another database engine. Replaces the database's "
        "contents."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A folder made by backup_site.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup.restore_backup(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']}: {rows} rows, {manifest['media_files']} media "
                "files; row counts checked."
            )
        )
        self.stdout.write(
            "Next: the same REFERRAL_ENCRYPTION_KEY as when it was made, `manage.py migrate`, "
            "`manage.py rebuild_search`, then check /health/ready."
        )
