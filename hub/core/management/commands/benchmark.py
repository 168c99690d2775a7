"""Measure page rendering (and, as apps register them, search) in a throwaway database.

Builds the demo content plus synthetic content at ``--scale`` through the apps' registered
benchmark builders, renders each registered URL ``--repeat`` times with Django's test client and
reports median and p95 milliseconds, SQL queries per request and peak memory. The user's own
database is never touched: a fresh test database is created and destroyed around the run.
"""

import json
import logging
import resource
import statistics
import time
from io import StringIO
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from hub.core.benchmarking import machine_speed_ms, percentile, settle_heap, throwaway_database
from hub.core.registry import benchmarks, demo_content


def measure(client, url, repeat):
    """Render ``url`` once to warm caches, then ``repeat`` times; return timings and query count."""
    first = client.get(url)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
    return {
        "url": url,
        "status": response.status_code,
        "first_status": first.status_code,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "queries": len(queries),
        "bytes": len(response.content),
    }


class Command(BaseCommand):
    help = "Benchmark every registered page type (and search) at a given scale in a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=100, help="Children/items each builder creates.")
        parser.add_argument("--repeat", type=int, default=30, help="Timed renders per URL.")
        parser.add_argument("--json", default="bench-output/benchmark.json", help="Where to write the JSON.")

    def handle(self, *args, scale, repeat, json: str, **options):
        logging.disable(logging.INFO)  # Wagtail logs every publish; the table is what matters here.
        with throwaway_database():
            results = self.run(scale, repeat)
        self.report(results, scale, repeat, Path(json))

    def run(self, scale, repeat):
        quiet = StringIO()
        for step in demo_content.steps():
            step.func(quiet)
        scenarios = []
        for step in benchmarks.steps():
            start = time.perf_counter()
            built = step.func(scale, quiet)
            self.stdout.write(f"built {step.name} in {time.perf_counter() - start:.1f} s")
            scenarios.extend(built)
        settle_heap()
        # Rendering is measured, not the page cache (which would answer every repeat): it is off for
        # this client (its middleware is loaded at the first request).
        with override_settings(PAGE_CACHE_SECONDS=0):
            client = Client()
            return [{"label": label, **measure(client, url, repeat)} for label, url in scenarios]

    def report(self, results, scale, repeat, json_path):
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        header = f"{'scenario':<34} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>7}"
        self.stdout.write(f"\nscale={scale} repeat={repeat} database={connection.vendor}")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in results:
            self.stdout.write(
                f"{row['label']:<34} {row['status']:>6} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} "
                f"{row['queries']:>8} {row['bytes'] / 1024:>7.1f}"
            )
        self.stdout.write(f"peak memory: {peak_mib:.0f} MiB")
        speed = machine_speed_ms()
        self.stdout.write(f"machine speed: a fixed Python workload took {speed} ms (compare runs by this)")
        json_path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "scale": scale,
            "repeat": repeat,
            "database": connection.vendor,
            "peak_memory_mib": round(peak_mib, 1),
            "machine_speed_ms": speed,
            "results": results,
        }
        json_path.write_text(json.dumps(payload, indent=2))
        self.stdout.write(f"JSON written to {json_path}")
