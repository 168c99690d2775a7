"""``make loadtest``: gunicorn with production settings on a throwaway demo site, loaded by wrk on loopback.

Prints req/s, p50/p99 latency, socket errors and timeouts, non-2xx and 5xx responses and the server's
memory for each path, and each path's throughput as a share of the bare Django ceiling; writes JSON.
Exits non-zero when any request failed or answered 5xx. See :mod:`hub.core.loadtest`.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.core.loadtest import LoadTestError, Options, run
from hub.settings.env import env_int


class Command(BaseCommand):
    help = "Load test the demo site under gunicorn (production settings, loopback only) with wrk."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seconds", type=int, default=env_int("LOADTEST_SECONDS", 60), help="Per path (LOADTEST_SECONDS, 60)."
        )
        parser.add_argument(
            "--connections",
            type=int,
            default=env_int("LOADTEST_CONNECTIONS", 32),
            help="Open connections (LOADTEST_CONNECTIONS, 32).",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument(
            "--json", dest="json_path", default="test-output/loadtest.json", help="Where to write the JSON."
        )

    def handle(self, *args, seconds, connections, workers, json_path, **options):
        if not (1 <= seconds <= 600 and 1 <= connections <= 256 and 1 <= workers <= 16):
            raise CommandError("Keep it bounded: 1-600 seconds, 1-256 connections, 1-16 workers.")
        try:
            report = run(Options(seconds=seconds, connections=connections, workers=workers), self.stdout)
        except LoadTestError as error:
            raise CommandError(str(error)) from error
        self.print_table(report)
        path = Path(json_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2))
        self.stdout.write(f"JSON written to {path}")
        failed = sum(row["socket_errors"] + row["timeouts"] + row["status_5xx"] for row in report["results"])
        if failed:
            raise CommandError(f"{failed} failed requests (socket errors, timeouts or 5xx): see the table.")

    def print_table(self, report):
        self.stdout.write(
            f"\n{report['connections']} connections x {report['seconds_per_path']} s per path, "
            f"gunicorn {report['gunicorn_workers']} workers, page cache {report['page_cache_seconds']} s, "
            f"machine speed {report['machine_speed_ms']} ms"
        )
        header = (
            f"{'path':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'non-2xx':>8} {'5xx':>5} "
            f"{'RSS MiB':>8} {'ceiling':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in report["results"]:
            self.stdout.write(
                f"{row['path'][:44]:<44} {row['req_per_s']:>8.1f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
                f"{row['socket_errors'] + row['timeouts']:>7} {row['non_2xx']:>8} {row['status_5xx']:>5} "
                f"{row['server_rss_mib']:>8.1f} {row['ratio_to_ceiling']:>7.1%}"
            )
