"""A bounded load test on loopback: gunicorn with production settings on a throwaway demo database, wrk against it.

``manage.py loadtest`` (``make loadtest``) builds the demo content into a SQLite file in a temporary
folder, collects the static files there, starts gunicorn (2 workers) on a free 127.0.0.1 port and runs
wrk against each main page type and a bare Django view (the ceiling: the whole middleware stack, no
database, no template), one path after another. Nothing outside the temporary folder is touched and
the server is stopped however the run ends. wrk is the Debian package ``wrk``; its Lua hook
(``loadtest.lua``) counts responses by status class and prints JSON.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

LUA_SCRIPT = Path(__file__).with_name("loadtest.lua")
CEILING_PATH = "/_ceiling/"
# Behind the TLS proxy production expects: without it the production settings redirect to HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# The main page types, in order; a section followed by "+" stands for its first live child too (a service,
# a briefing, a toolkit step), found in the demo database.
PATHS = [
    "/",
    "/services/+",
    "/briefings/+",
    "/events/",
    "/toolkit/+",
    "/resources/",
    "/search/?q=work",
    "/accessibility/",
]
FIRST_CHILDREN_SCRIPT = """
import json
from django.conf import settings
from wagtail.models import Site
root = Site.objects.get(is_default_site=True).root_page
found = {{}}
for path in {sections!r}:
    section = root.get_children().filter(slug=path.strip("/")).first()
    child = section and section.get_children().live().public().order_by("path").first()
    if child:
        found[path] = child.url_path[len(root.url_path) - 1 :]
print(json.dumps({{"children": found, "page_cache_seconds": getattr(settings, "PAGE_CACHE_SECONDS", None)}}))
"""


class LoadTestError(RuntimeError):
    """Something the load test needs is missing or failed to start: said in one sentence."""


@dataclass
class Options:
    seconds: int = 60
    connections: int = 32
    threads: int = 2
    workers: int = 2
    keep_server_log: bool = False


def free_port():
    """A port nothing listens on now, on loopback only (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(folder, port):
    """Production settings with throwaway secrets, the temporary database, static and media folders."""
    from cryptography.fernet import Fernet

    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="loadtest-" + os.urandom(32).hex(),
        REFERRAL_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        DATABASE_URL=f"sqlite:///{folder / 'loadtest.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        LOADTEST_CEILING="1",
        PYTHONUNBUFFERED="1",
    )
    for shared_service in ("REDIS_URL", "ELASTICSEARCH_URL"):  # a throwaway site touches no shared service
        env.pop(shared_service, None)
    return env


def manage(env, *args):
    """Run a management command of this project in the load test's environment; fail with its output."""
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise LoadTestError(f"`manage.py {' '.join(args)}` failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def build_site(env, stdout):
    """The demo content and its search index in the throwaway database, static files collected; returns
    the paths to load (the ceiling first) and the server's page-cache lifetime."""
    for args in (
        ("migrate", "--no-input"),
        ("load_demo_content",),
        ("rebuild_search",),
        ("collectstatic", "--no-input"),
    ):
        start = time.perf_counter()
        manage(env, *args)
        stdout.write(f"  {args[0]} in {time.perf_counter() - start:.1f} s")
    sections = [path.rstrip("+") for path in PATHS if path.endswith("+")]
    printed = manage(env, "shell", "-c", FIRST_CHILDREN_SCRIPT.format(sections=sections))
    facts = json.loads(printed.strip().splitlines()[-1])
    children = facts["children"]
    paths = [CEILING_PATH]
    for path in PATHS:
        section = path.rstrip("+")
        paths.append(section)
        if path.endswith("+"):
            if section not in children:
                raise LoadTestError(f"The demo content has no live page under {section}.")
            paths.append(children[section])
    return paths, facts["page_cache_seconds"]


def fetch_status(url):
    request = urllib.request.Request(url, headers=PROXY_HEADERS)  # noqa: S310 (loopback, our own server)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Server:
    """gunicorn started in its own process group, so stopping it stops its workers too."""

    def __init__(self, env, port, workers, log_path):
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60, probe_path=CEILING_PATH):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "hub.wsgi:application", "--workers", str(self.workers)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--access-logfile", "-", "--error-logfile", "-"]
        command += ["--chdir", str(settings.BASE_DIR)]
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadTestError(f"gunicorn exited at start (exit {self.process.returncode}); see {self.log_path}")
            try:
                if fetch_status(self.base_url + probe_path) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise LoadTestError(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def rss_mib(self):
        """Resident memory of the master and its workers together, from /proc (Linux)."""
        if self.process is None:
            return 0.0
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            pids += [int(pid) for pid in children.read_text().split()]
        total_kib = 0
        for pid in pids:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total_kib += int(line.split()[1])
        return round(total_kib / 1024, 1)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # our own group: gunicorn and its workers only
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def run_wrk(url, options):
    header_args = [arg for name, value in PROXY_HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    command = ["wrk", f"-t{min(options.threads, options.connections)}", f"-c{options.connections}"]
    command += [f"-d{options.seconds}s", "--timeout", "10s", "--latency", "-s", str(LUA_SCRIPT), *header_args, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=options.seconds + 60, check=False)  # noqa: S603
    for line in done.stdout.splitlines():
        if line.startswith("LOADTEST_JSON "):
            return json.loads(line.removeprefix("LOADTEST_JSON "))
    raise LoadTestError(f"wrk printed no result for {url}:\n{done.stdout[-1000:]}{done.stderr[-1000:]}")


def summarise(path, raw, rss_mib):
    seconds = raw["duration_us"] / 1e6 or 1
    errors = raw["errors"]
    return {
        "path": path,
        "requests": raw["requests"],
        "req_per_s": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["latency_us"]["p50"] / 1000, 2),
        "p99_ms": round(raw["latency_us"]["p99"] / 1000, 2),
        "socket_errors": errors["connect"] + errors["read"] + errors["write"],
        "timeouts": errors["timeout"],
        "non_2xx": raw["requests"] - raw["status_classes"]["2xx"],
        "status_5xx": raw["status_classes"]["5xx"],
        "server_rss_mib": rss_mib,
        "raw": raw,
    }


def run(options, stdout):
    """Build, serve, load every path in turn; returns the report (rows plus the run's facts)."""
    if shutil.which("wrk") is None:
        raise LoadTestError("wrk is not installed: `apt-get install wrk` (Debian/Ubuntu), then run again.")
    from hub.core.benchmarking import machine_speed_ms

    with tempfile.TemporaryDirectory(prefix="hub-loadtest-") as name:
        folder = Path(name)
        port = free_port()
        env = server_environment(folder, port)
        stdout.write(f"building the demo site in {folder} …")
        paths, page_cache_seconds = build_site(env, stdout)
        server = Server(env, port, options.workers, folder / "gunicorn.log")
        try:
            server.start()
            stdout.write(f"gunicorn ({options.workers} workers, production settings) on {server.base_url}")
            rows = []
            for path in paths:
                status = fetch_status(server.base_url + path)  # warm: the first render, and the page cache
                raw = run_wrk(server.base_url + path, options)
                row = summarise(path, raw, server.rss_mib())
                row["warm_status"] = status
                rows.append(row)
                stdout.write(f"  {path}: {row['req_per_s']} req/s")
        finally:
            server.stop()
            if options.keep_server_log and (folder / "gunicorn.log").exists():
                shutil.copy(folder / "gunicorn.log", Path(settings.BASE_DIR) / "test-output" / "loadtest-gunicorn.log")
    ceiling = rows[0]["req_per_s"] or 1
    for row in rows:
        row["ratio_to_ceiling"] = round(row["req_per_s"] / ceiling, 3)
    return {
        "seconds_per_path": options.seconds,
        "connections": options.connections,
        "wrk_threads": min(options.threads, options.connections),
        "gunicorn_workers": options.workers,
        "page_cache_seconds": page_cache_seconds,
        "machine_speed_ms": machine_speed_ms(),
        "ceiling_path": CEILING_PATH,
        "results": rows,
    }
