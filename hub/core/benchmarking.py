"""Shared by the benchmark commands: a throwaway database, a settled heap, a percentile and the machine's speed."""

import contextlib
import gc
import statistics
import tempfile
import time
from pathlib import Path

from django.db import connection


@contextlib.contextmanager
def throwaway_database():
    """Create a fresh database (migrated, empty) for the run and destroy it afterwards; the user's own
    database is never touched. On SQLite it is a file in a temporary folder, as a site's database is,
    not Django's shared in-memory test database (whose shared-cache locking slows every query)."""
    old_name = connection.settings_dict["NAME"]
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        if connection.vendor == "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def settle_heap():
    """Time requests as a web worker serves them, not in a process still holding every object the
    content build made: collect those, and keep what survives out of later collections (as
    ``gc.freeze()`` after start-up does for a pre-forked server). Without it a page that allocates
    much (the toolkit's hundred steps) pays for full collections that walk the build's leftovers: its
    p95 was six times its median."""
    gc.collect()
    gc.freeze()


def percentile(samples, fraction):
    """The sample at ``fraction`` (0 to 1) of the sorted samples, nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def machine_speed_ms(rounds=5):
    """Milliseconds this machine takes for a fixed pure-Python workload (the median of ``rounds``):
    printed beside benchmark figures, so runs on a shared machine whose speed varies through the day
    can be compared (a run at half speed shows about twice the figure)."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number % 7
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 1)
