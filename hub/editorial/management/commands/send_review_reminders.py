from django.core.management.base import BaseCommand

from hub.editorial.reminders import send_review_reminders


class Command(BaseCommand):
    help = "Email content owners a digest of content overdue or due soon for review. Safe to run daily."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"Review reminders sent: {sent}")
