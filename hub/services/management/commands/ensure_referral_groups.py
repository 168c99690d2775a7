from django.core.management.base import BaseCommand

from hub.services.access import ensure_handler_group
from hub.services.models import ServicePage


class Command(BaseCommand):
    help = "Create the 'Referral handlers: <service>' group for every service that lacks one."

    def handle(self, *args, **options):
        for service in ServicePage.objects.all():
            group = ensure_handler_group(service)
            self.stdout.write(f"{service.title}: {group.name}")
