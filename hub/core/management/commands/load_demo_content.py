"""Load the demo content every app registers; safe to run any number of times."""

from django.core.management.base import BaseCommand

from hub.core.registry import demo_content


class Command(BaseCommand):
    help = "Create the demo page tree and content (idempotent: existing pages are left alone)."

    def handle(self, *args, **options):
        for step in demo_content.steps():
            step.func(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
