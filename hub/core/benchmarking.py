"""Shared by the benchmark commands: a throwaway database and a percentile."""

import contextlib
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
