import logging
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hub.services.models import Referral, retention_days

logger = logging.getLogger("hub.services.retention")


class Command(BaseCommand):
    help = (
        "Delete referrals past the retention period (Hub settings: referral retention days, default 365), counted "
        "from when handling ended (declined or closed), or from receipt for a referral never closed. The monthly "
        "figures (counts, not people) are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, dest="days", help="Days to keep (default: the Hub settings retention period)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--older-than must be 0 or more days.")
        cutoff = timezone.now() - timedelta(days=days)
        old = Referral.objects.filter(Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, submit_time__lt=cutoff))
        if dry_run:
            count = old.count()
            self.stdout.write(f"{count} referrals older than {days} days would be deleted.")
            return
        with transaction.atomic():
            _total, per_model = old.delete()
        deleted = per_model.get(Referral._meta.label, 0)
        logger.info("Purged referrals older than %s days: %s deleted.", days, deleted)
        self.stdout.write(f"Deleted referrals older than {days} days: {deleted}.")
