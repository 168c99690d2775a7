"""The link checker against a local HTTP server on 127.0.0.1 (never the internet)."""

import contextlib
import io
import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from resources.linkcheck import check_resources, check_urls
from resources.models import ResourceLinkCheck
from tests.factories.resources import ResourceFactory


class Handler(BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        Handler.hits.append((self.path, time.monotonic()))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = {"/ok": 200, "/slow": 200, "/missing": 404, "/error": 500}.get(self.path.split("?")[0], 404)
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def check(queryset=None, **kwargs):
    options = {"timeout": 0.5, "delay": 0, "workers": 4, "threshold": 3, **kwargs}
    return check_resources(queryset, **options)


def test_each_status_class_is_recorded(db, server):
    ok = ResourceFactory(url=f"{server}/ok")
    moved = ResourceFactory(url=f"{server}/moved")
    missing = ResourceFactory(url=f"{server}/missing")
    broken = ResourceFactory(url=f"{server}/error")
    slow = ResourceFactory(url=f"{server}/slow")
    summary = check()
    assert summary == {"checked": 5, "ok": 2, "redirected": 1, "failed": 3, "flagged": 0}

    ok_check = ResourceLinkCheck.objects.get(resource=ok)
    assert (ok_check.status_code, ok_check.redirected, ok_check.consecutive_failures) == (200, False, 0)
    assert ok_check.last_checked is not None and ok_check.last_ok is not None

    moved_check = ResourceLinkCheck.objects.get(resource=moved)
    assert moved_check.status_code == 200 and moved_check.redirected
    assert moved_check.final_url == f"{server}/ok"

    assert ResourceLinkCheck.objects.get(resource=missing).status_code == 404
    assert ResourceLinkCheck.objects.get(resource=broken).status_code == 500
    slow_check = ResourceLinkCheck.objects.get(resource=slow)
    assert slow_check.status_code is None and "Timed out" in slow_check.error
    assert slow_check.consecutive_failures == 1 and slow_check.last_ok is None


def test_repeated_failures_flag_but_never_delete(db, server):
    missing = ResourceFactory(url=f"{server}/missing")
    ok = ResourceFactory(url=f"{server}/ok")
    for expected in (1, 2):
        check()
        failing = ResourceLinkCheck.objects.get(resource=missing)
        assert failing.consecutive_failures == expected and not failing.flagged
    check()
    failing = ResourceLinkCheck.objects.get(resource=missing)
    assert failing.consecutive_failures == 3 and failing.flagged
    missing.refresh_from_db()  # still there
    assert not ResourceLinkCheck.objects.get(resource=ok).flagged

    # Fixed by an editor: the run of failures starts again and the flag clears once it works.
    missing.url = f"{server}/ok"
    missing.save()
    check()
    fixed = ResourceLinkCheck.objects.get(resource=missing)
    assert fixed.consecutive_failures == 0 and not fixed.flagged


def test_unreachable_host_and_redirect_loop_are_failures(db, server):
    import socket

    with socket.socket() as sock:  # a port with nothing listening
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    refused = ResourceFactory(url=f"http://127.0.0.1:{closed_port}/")
    loop = ResourceFactory(url=f"{server}/loop")
    check()
    assert ResourceLinkCheck.objects.get(resource=refused).error == "Could not connect"
    assert ResourceLinkCheck.objects.get(resource=loop).error == "Too many redirects"


def test_one_host_is_checked_politely_while_hosts_run_concurrently(server):
    same_host = [(n, f"{server}/ok?n={n}") for n in range(3)]
    started = time.monotonic()
    results = dict(check_urls(same_host, timeout=1, delay=0.3, workers=4))
    assert all(result.status_code == 200 for result in results.values())
    times = sorted(t for _path, t in Handler.hits)
    assert all(later - earlier >= 0.28 for earlier, later in itertools.pairwise(times))
    assert time.monotonic() - started >= 0.6

    # Two hosts (127.0.0.1 and localhost are different host names) are checked at the same time:
    # the quick one's result arrives while the slow one is still waiting.
    port = server.rsplit(":", 1)[1]
    items = [("slow", f"{server}/slow"), ("fast", f"http://localhost:{port}/ok")]
    outcomes = list(check_urls(items, timeout=3, delay=0, workers=2))
    assert [key for key, _result in outcomes] == ["fast", "slow"]
    assert all(result.status_code == 200 for _key, result in outcomes)


def test_command_reports_a_summary(db, server):
    ResourceFactory(url=f"{server}/ok")
    ResourceFactory(url=f"{server}/missing", live=False)
    out = io.StringIO()
    call_command("check_resource_links", "--timeout=1", "--delay=0", stdout=out)
    assert "Checked 2 links: 1 working (0 redirected), 1 failing, 0 flagged" in out.getvalue()
    out = io.StringIO()
    call_command("check_resource_links", "--timeout=1", "--delay=0", "--live-only", stdout=out)
    assert "Checked 1 links" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("check_resource_links", "--timeout=0")
