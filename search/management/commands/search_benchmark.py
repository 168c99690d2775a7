"""Search alone at scale, ours beside Wagtail's stock database backend, in a throwaway database.

``manage.py search_benchmark --scale 10000`` builds the demo content plus the search corpus
(search/bench.py: ``scale`` resources and ``scale / 10`` pages), times a full ``update_index``,
then each search URL ``--repeat`` times (p50/p95) and the same queries once through the stock
backend, each stopped after ``--stock-timeout`` seconds (the stock SQLite path can take minutes).
"""

import logging
import statistics
import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, connection
from django.test import Client
from modelsearch.backends.database import SearchBackend as StockBackend
from wagtail.models import Page

from hub.core.benchmarking import percentile
from hub.core.registry import demo_content
from search import bench
from search.service import resource_model


class Command(BaseCommand):
    help = "Time site search (ours and Wagtail's stock backend) on a synthetic corpus in a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10_000, help="Resources to create (pages: a tenth).")
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per URL.")
        parser.add_argument("--stock-timeout", type=float, default=30.0, help="Seconds before a stock query stops.")
        parser.add_argument("--skip-stock", action="store_true", help="Do not time the stock backend.")
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="Use the configured database as it is (build the corpus once, keep it): for repeated runs.",
        )

    def handle(self, *args, scale, repeat, stock_timeout, skip_stock, in_place, **options):
        logging.disable(logging.INFO)
        if in_place:
            self.run(scale, repeat, stock_timeout, skip_stock, reuse=True)
            return
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            self.run(scale, repeat, stock_timeout, skip_stock)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self, scale, repeat, stock_timeout, skip_stock, reuse=False):
        quiet = StringIO()
        if reuse and Page.objects.filter(slug="search-bench").exists():
            urls = list(bench.SEARCHES)
        else:
            for step in demo_content.steps():
                step.func(quiet)
            start = time.perf_counter()
            urls = bench.build(scale, quiet)
            elapsed = time.perf_counter() - start
            self.stdout.write(f"corpus: {scale} resources + {scale // 10} pages, built in {elapsed:.1f} s")
            start = time.perf_counter()
            call_command("rebuild_search", stdout=quiet)
            self.stdout.write(f"update_index + optimise (whole site): {time.perf_counter() - start:.1f} s")
        self.stdout.write(f"indexed items: {Page.objects.count()} pages, {resource_model().objects.count()} resources")

        client = Client(HTTP_HOST="localhost")
        # CPU time (this process, SQLite included) beside wall time: on a shared, loaded machine the wall
        # clock mostly measures waiting for a core.
        header = (
            f"{'scenario':<36} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8} {'stock ms':>10}"
        )
        self.stdout.write(f"\ndatabase={connection.vendor} repeat={repeat}\n{header}\n{'-' * len(header)}")
        for label, url in urls:
            client.get(url)
            timings, cpu = [], []
            for _ in range(repeat):
                begin, begin_cpu = time.perf_counter(), time.process_time()
                response = client.get(url, REMOTE_ADDR=f"10.0.{len(timings)}.1")
                timings.append((time.perf_counter() - begin) * 1000)
                cpu.append((time.process_time() - begin_cpu) * 1000)
            stock = "" if skip_stock else self.stock_time(url, stock_timeout)
            self.stdout.write(
                f"{label:<36} {response.status_code:>6} {statistics.median(timings):>8.1f} "
                f"{percentile(timings, 0.95):>8.1f} {statistics.median(cpu):>8.1f} {percentile(cpu, 0.95):>8.1f} "
                f"{stock:>10}"
            )
            self.stdout.flush()
            self.stdout.flush()

    def stock_time(self, url, timeout):
        """One search through Wagtail's stock backend (pages + resources, first page, with count)."""
        from urllib.parse import parse_qs, urlsplit

        params = parse_qs(urlsplit(url).query)
        text = params.get("q", [""])[0]
        if not text or "page" in params:
            return "-"
        backend = StockBackend({})
        method = backend.autocomplete if "suggest" in url else backend.search
        deadline = time.perf_counter() + timeout
        raw = connection.connection
        if connection.vendor == "sqlite":
            raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
        begin = time.perf_counter()
        try:
            for queryset in (Page.objects.live().public(), resource_model().objects.filter(live=True)):
                results = method(text, queryset)
                list(results[:10])
                results.count()
        except OperationalError:
            return f">{timeout * 1000:.0f}"
        finally:
            if connection.vendor == "sqlite":
                raw.set_progress_handler(None, 0)
        return f"{(time.perf_counter() - begin) * 1000:.0f}"
