from django.core.management.base import BaseCommand

from hub.services.referrals import send_pending_notifications


class Command(BaseCommand):
    help = "Send referral notification emails that are waiting or failed earlier (safe to run from cron)."

    def handle(self, *args, **options):
        sent, failed = send_pending_notifications()
        self.stdout.write(f"Referral notifications: {sent} sent, {failed} failed (will be retried).")
