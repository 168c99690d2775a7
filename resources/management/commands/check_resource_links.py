"""Check every resource's URL and record status, redirects and runs of failures."""

from django.core.management.base import BaseCommand, CommandError

from resources.linkcheck import DEFAULT_DELAY, DEFAULT_TIMEOUT, DEFAULT_WORKERS, check_resources, failures_to_flag
from resources.models import Resource


class Command(BaseCommand):
    help = (
        "Check resource links concurrently (one request at a time per host, with a pause between them), "
        "follow redirects, record the outcome and flag resources that fail several checks in a row."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="Seconds to wait for a reply.")
        parser.add_argument(
            "--delay", type=float, default=DEFAULT_DELAY, help="Seconds between two requests to the same host."
        )
        parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="Hosts checked at the same time.")
        parser.add_argument(
            "--failures-to-flag",
            type=int,
            default=None,
            help="Failed checks in a row before a resource is flagged (default: RESOURCE_LINK_FAILURES_TO_FLAG or 3).",
        )
        parser.add_argument("--live-only", action="store_true", help="Check published resources only.")
        parser.add_argument(
            "--id", type=int, action="append", dest="ids", help="Check only this resource (repeatable)."
        )

    def handle(self, *args, **options):
        timeout, delay, workers = options["timeout"], options["delay"], options["workers"]
        if timeout <= 0 or delay < 0 or workers < 1:
            raise CommandError("--timeout must be positive, --delay not negative and --workers at least 1.")
        threshold = options["failures_to_flag"] or failures_to_flag()
        if threshold < 1:
            raise CommandError("--failures-to-flag must be at least 1.")
        queryset = Resource.objects.all()
        if options["live_only"]:
            queryset = queryset.filter(live=True)
        if options["ids"]:
            queryset = queryset.filter(pk__in=options["ids"])
        summary = check_resources(queryset, timeout=timeout, delay=delay, workers=workers, threshold=threshold)
        self.stdout.write(
            "Checked {checked} links: {ok} working ({redirected} redirected), {failed} failing, "
            "{flagged} flagged for an editor.".format(**summary)
        )
