"""`make bench` measures every registered page type, then search at scale, in throwaway databases,
and writes JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_benchmark(command, tmp_path, *args):
    """Run ``manage.py <command> ... --json`` against a user database file in ``tmp_path``; return the
    finished process, its JSON report and that database file."""
    user_db = tmp_path / "users.sqlite3"
    out = tmp_path / f"{command}.json"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test", "DATABASE_URL": f"sqlite:///{user_db}"}
    completed = subprocess.run(
        [sys.executable, "manage.py", command, *args, "--repeat", "2", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed, json.loads(out.read_text()), user_db


def test_benchmark_reports_every_page_type_without_touching_the_users_database(tmp_path):
    completed, report, user_db = run_benchmark("benchmark", tmp_path, "--scale", "2")
    labels = {row["label"] for row in report["results"]}
    assert {"HomePage", "StandardPage", "ReferralStatisticsPage (3 years)"} <= labels
    assert report["machine_speed_ms"] > 0 and "machine speed" in completed.stdout
    assert all(row["status"] == 200 for row in report["results"]), report["results"]
    assert all(row["median_ms"] > 0 for row in report["results"])
    # Cached responses (search suggestions, for example) may need no SQL; pages always do.
    assert all(row["queries"] > 0 for row in report["results"] if row["label"] in {"HomePage", "StandardPage"})
    assert "median ms" in completed.stdout and "p95 ms" in completed.stdout
    assert not user_db.exists() or user_db.stat().st_size == 0, "the user's database must not be used"


def test_search_benchmark_puts_the_stock_backend_beside_ours_and_times_the_index_build(tmp_path):
    completed, report, user_db = run_benchmark("search_benchmark", tmp_path, "--scale", "20")
    assert report["resources"] >= 20 and report["index_seconds"] > 0
    rows = {row["label"]: row for row in report["results"]}
    assert rows["search: common word"]["status"] == 200
    assert rows["search: common word"]["stock_ms"] > 0, "the stock backend timed beside ours"
    assert rows["search: common word"]["uncached"]["p95_ms"] > 0
    assert "slowest search p95" in completed.stdout and "index build" in completed.stdout
    assert report["machine_speed_ms"] > 0 and "machine speed" in completed.stdout
    assert not user_db.exists() or user_db.stat().st_size == 0, "the user's database must not be used"
