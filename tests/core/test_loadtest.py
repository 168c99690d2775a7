"""`make loadtest`'s smoke version: gunicorn with production settings on a throwaway demo site, loaded by wrk
for a few seconds per page type; every request answered, none with a server error; the server stopped."""

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE_TYPES = {"/", "/services/", "/briefings/", "/events/", "/toolkit/", "/resources/", "/search/?q=work"}


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk; .ci/run does)")
def test_a_short_load_has_no_errors_and_no_server_errors(tmp_path):
    out = tmp_path / "loadtest.json"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    completed = subprocess.run(
        [sys.executable, "manage.py", "loadtest", "--seconds", "2", "--connections", "4", "--json", str(out)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hub.settings.dev"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    report = json.loads(out.read_text())
    rows = {row["path"]: row for row in report["results"]}
    assert report["results"][0]["path"] == "/_ceiling/" and report["results"][0]["ratio_to_ceiling"] == 1
    assert PAGE_TYPES | {"/accessibility/"} <= set(rows)
    assert len(rows) == len(PAGE_TYPES) + 5, "a service, a briefing and a toolkit step besides the sections"
    for path, row in rows.items():
        assert row["requests"] > 0, path
        assert row["socket_errors"] == 0 and row["timeouts"] == 0, row
        assert row["non_2xx"] == 0 and row["status_5xx"] == 0, row
        assert row["server_rss_mib"] > 0 and row["p99_ms"] >= row["p50_ms"] > 0
    assert "req/s" in completed.stdout and "machine speed" in completed.stdout
    port = int(completed.stdout.split("http://127.0.0.1:")[1].split()[0])
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the server it started must be stopped"


def test_the_ceiling_view_is_not_served_unless_the_load_test_asks(client, db):
    assert client.get("/_ceiling/").status_code == 404
