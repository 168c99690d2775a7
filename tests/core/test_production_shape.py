"""The Dockerfile and docker-compose.yml give an operator the production shape that runs by itself.

No Docker engine runs on the development and CI machines, so the two files are read here and
checked against each other and against the project: the image's steps, the services' commands, the
health checks and mounts. What can run without Docker does, for real: the image's collectstatic step
with only the environment the build gives it, the image's gunicorn command under production
settings, the compose health check against the site, and the services' management commands.
"""

import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

from hub.core import loadtest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "scheduler", "worker")
SECRETS = ("SECRET_KEY", "REFERRAL_ENCRYPTION_KEY", "POSTGRES_PASSWORD")
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|(^|_)KEY($|_)")


def instructions(stage=None):
    """(instruction, arguments) of the Dockerfile, continuation lines joined, comments left out;
    with ``stage``, only that stage's (``FROM ... AS stage``)."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in DOCKERFILE.splitlines() if not line.startswith("#")))
    found, current = [], None
    for line in joined.splitlines():
        if not line.strip():
            continue
        name, _, arguments = line.strip().partition(" ")
        if name.upper() == "FROM":
            current = arguments.split()[-1] if " AS " in arguments.upper() else None
        if stage is None or current == stage:
            found.append((name.upper(), " ".join(arguments.split())))
    return found


def image_env():
    """The ENV of the final stage: what every container starts with (but PATH, which names the
    image's virtualenv: here this machine's is used)."""
    env = {}
    for name, arguments in instructions("runtime"):
        if name == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(arguments))
    env.pop("PATH")
    return env


def interpolate(value, environ):
    """Compose's ``${VAR}``, ``${VAR:-default}`` and ``${VAR:?message}`` with ``environ``."""

    def substitute(match):
        name, operator, rest = match.group(1), match.group(2), match.group(3)
        if environ.get(name):
            return environ[name]
        if operator == ":?":
            raise KeyError(f"{name}: {rest}")
        return rest or ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", substitute, str(value))


def dummy_secrets():
    return {
        "SECRET_KEY": "compose-test-" + os.urandom(32).hex(),
        "REFERRAL_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "POSTGRES_PASSWORD": "compose-test-password",
    }


def service_environment(name, environ):
    return {key: interpolate(value, environ) for key, value in SERVICES[name].get("environment", {}).items()}


def run_env(extra):
    """This machine's environment (the project's virtualenv first on PATH) with ``extra`` on top."""
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def manage_commands(command):
    """The ``manage.py`` commands a service's command runs (``["python", "manage.py", X]`` or ``sh -c``)."""
    text = command if isinstance(command, str) else " ".join(command)
    return re.findall(r"manage\.py (\w+)", text)


# --- docker-compose.yml ----------------------------------------------------------------------


def test_every_process_of_the_site_runs_the_one_image():
    assert set(APP_SERVICES) <= set(SERVICES)
    builds = {name: (SERVICES[name].get("build"), SERVICES[name].get("image")) for name in APP_SERVICES}
    assert set(builds.values()) == {(".", "${HUB_IMAGE:-work-wellbeing-hub:latest}")}, builds
    assert "command" not in SERVICES["web"], "web runs the image's own command (gunicorn)"
    assert manage_commands(SERVICES["scheduler"]["command"]) == ["run_scheduler"]
    assert manage_commands(SERVICES["worker"]["command"]) == ["db_worker"]
    assert manage_commands(SERVICES["migrate"]["command"]) == ["check", "migrate", "rebuild_search"]
    assert {SERVICES[name]["image"] for name in ("db", "search", "cache")} == {
        "postgres:16",
        "docker.elastic.co/elasticsearch/elasticsearch:8.15.3",
        "redis:7",
    }


def test_the_services_commands_exist_under_the_settings_they_run_with():
    """``manage.py`` lists its commands with each service's own environment (production settings,
    the database task backend): a command that is missing there would stop the container at start."""
    code = "import django, json; django.setup(); from django.core.management import get_commands; "
    code += "print(json.dumps(sorted(get_commands())))"
    for name in ("migrate", "scheduler", "worker"):
        env = run_env(service_environment(name, dummy_secrets()))
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-2000:]
        available = set(json.loads(done.stdout.strip().splitlines()[-1]))
        missing = set(manage_commands(SERVICES[name]["command"])) - available
        assert not missing, f"{name} runs manage.py commands that do not exist: {missing}"


def test_the_worker_takes_tasks_from_the_database_the_web_process_puts_them_in():
    for name in APP_SERVICES:
        assert SERVICES[name]["environment"]["TASKS_BACKEND"] == "database", name
        assert SERVICES[name]["environment"]["DJANGO_SETTINGS_MODULE"] == "hub.settings.production", name


def test_web_gets_every_backing_service():
    env = SERVICES["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://hub:${POSTGRES_PASSWORD:?") and env["DATABASE_URL"].endswith(
        "@db:5432/hub"
    )
    assert env["ELASTICSEARCH_URL"] == "http://search:9200"
    assert env["REDIS_URL"] == "redis://cache:6379/0"
    assert env["LOG_FORMAT"] == "${LOG_FORMAT:-json}"


def test_nothing_starts_before_the_migrate_step_has_finished():
    for name in ("web", "scheduler", "worker"):
        assert SERVICES[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
    assert SERVICES["migrate"]["restart"] == "no", "a one-off: once done, it stays done"
    assert set(SERVICES["migrate"]["depends_on"]) == {"db", "search"}


def test_every_dependency_names_a_service_that_can_meet_its_condition():
    for name, service in SERVICES.items():
        for target, rule in service.get("depends_on", {}).items():
            assert target in SERVICES, f"{name} depends on {target}, which is not a service"
            condition = rule["condition"]
            if condition == "service_healthy":
                assert "healthcheck" in SERVICES[target], f"{name} waits for {target} to be healthy: it has no check"
            else:
                assert condition == "service_completed_successfully", condition
                assert SERVICES[target].get("restart") == "no", f"{name} waits for {target} to finish: it restarts"


def test_shell_health_checks_are_one_command_each():
    """An unquoted ``&`` (as in a URL's query) would send the check to the background: always healthy."""
    for name, service in SERVICES.items():
        test = service.get("healthcheck", {}).get("test", [])
        if test[:1] == ["CMD-SHELL"]:
            lexer = shlex.shlex(test[1], posix=True, punctuation_chars=True)
            operators = [token for token in lexer if token in {"&", ";", "|", "&&", "||"}]
            assert not operators, f"{name}: {test[1]}"


def test_no_secret_value_is_written_in_the_compose_file():
    for name, service in SERVICES.items():
        for key, value in service.get("environment", {}).items():
            if key in SECRETS:
                assert re.fullmatch(rf"\$\{{{key}:\?[^}}]+\}}", value), f"{name}: {key} must be a required reference"
            elif SECRET_NAME.search(key):
                assert str(value).startswith("${"), f"{name}: {key} has a value written in the file"
    with pytest.raises(KeyError, match="SECRET_KEY"):
        interpolate(SERVICES["web"]["environment"]["SECRET_KEY"], {})
    url = interpolate(SERVICES["web"]["environment"]["DATABASE_URL"], dummy_secrets())
    assert url == "postgres://hub:compose-test-password@db:5432/hub"


def test_no_bind_mount_and_nothing_read_only_where_the_site_writes():
    declared = set(COMPOSE["volumes"])
    for name, service in SERVICES.items():
        for volume in service.get("volumes", []):
            source, target, *mode = volume.split(":")
            assert source in declared, f"{name} mounts {source} from the host: the image carries the code"
            assert mode != ["ro"] or target != image_env()["MEDIA_ROOT"], f"{name}: media is written to"
    media_root = image_env()["MEDIA_ROOT"]
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert f"media:{media_root}" in service["volumes"], f"{name}: uploads must reach the media volume"
        assert service["read_only"] is True and "/tmp" in service["tmpfs"], name  # noqa: S108 (in the container)
        assert "STATIC_ROOT" not in service["environment"], "static files are the ones collected into the image"
    assert {"postgres", "media"} <= declared


def test_elasticsearch_is_a_single_node_with_its_security_choice_explicit():
    env = SERVICES["search"]["environment"]
    assert env["discovery.type"] == "single-node"
    assert env["xpack.security.enabled"] == "false"
    for name in ("search", "cache", "db"):
        assert "ports" not in SERVICES[name], f"{name} must not be published outside the compose network"


# --- Dockerfile ------------------------------------------------------------------------------


def test_the_image_is_built_in_stages_on_slim_python_3_11():
    bases = [arguments for name, arguments in instructions() if name == "FROM"]
    assert len(bases) >= 2, "dependencies are built in a stage of their own"
    assert re.search(r"ARG PYTHON_IMAGE=python:3\.11-slim", DOCKERFILE)
    assert all(base.startswith("${PYTHON_IMAGE}") for base in bases)


def test_dependencies_are_installed_from_the_lock_before_the_code_is_copied():
    steps = instructions()
    copies = [(index, arguments) for index, (name, arguments) in enumerate(steps) if name == "COPY"]
    lock_copy = next(index for index, arguments in copies if "requirements.lock" in arguments)
    code_copy = next(index for index, arguments in copies if arguments == ". .")
    install = next(index for index, (name, arguments) in enumerate(steps) if "pip install" in arguments)
    assert lock_copy < install < code_copy
    assert "pyproject.toml requirements.lock" in steps[lock_copy][1]
    command = steps[install][1]
    assert "-c requirements.lock" in command
    assert not re.search(r"pip install[^&]*\s\.(\s|$)", command) and " -e " not in command, "the project is not built"
    assert len([arguments for name, arguments in steps if "pip install" in arguments]) == 1


def test_static_files_are_collected_at_build_and_no_secret_is_kept_in_the_image():
    steps = instructions("runtime")
    collect = next(index for index, (name, arguments) in enumerate(steps) if "collectstatic" in arguments)
    code_copy = next(index for index, (name, arguments) in enumerate(steps) if (name, arguments) == ("COPY", ". ."))
    assert code_copy < collect
    for name, arguments in instructions():
        if name in ("ENV", "ARG"):
            for pair in shlex.split(arguments):
                assert not SECRET_NAME.search(pair.split("=", 1)[0]), f"{name} {pair}: secrets come at run time"
    assert image_env()["DJANGO_SETTINGS_MODULE"] == "hub.settings.production"


def test_the_collectstatic_step_works_with_only_what_the_build_gives_it(tmp_path):
    """The RUN step as written, in a shell, with the image's ENV and no secret from outside."""
    [step] = [args for name, args in instructions("runtime") if name == "RUN" and "collectstatic" in args]
    collect = next(part for part in step.split(" && ") if "collectstatic" in part)
    env = run_env({**image_env(), "STATIC_ROOT": str(tmp_path / "static")})
    for name in (*SECRETS, "DEBUG"):
        env.pop(name, None)
    done = subprocess.run(["/bin/sh", "-c", collect], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert list((tmp_path / "static").rglob("*.css.gz")), "compressed for WhiteNoise"


def test_the_image_runs_as_an_unprivileged_user_and_serves_port_8000():
    steps = instructions("runtime")
    users = [arguments for name, arguments in steps if name == "USER"]
    assert users and users[-1] not in ("root", "0"), "the last USER is who the processes run as"
    assert ("EXPOSE", "8000") in steps
    assert ("WORKDIR", "/app") in steps
    assert "useradd --system" in DOCKERFILE
    command = json.loads(next(arguments for name, arguments in steps if name == "CMD"))
    assert command[:2] == ["gunicorn", "hub.wsgi:application"]
    assert "--access-logfile" not in command, "the app logs each request once; gunicorn's access log stays off"
    assert "--no-control-socket" in command, "gunicorn would try to create it in the read-only home folder"
    assert "HEALTHCHECK" not in [name for name, _ in steps], "the image also runs the worker: checks are per service"


def test_the_build_context_leaves_out_local_data_and_secrets():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "db.sqlite3", "media", ".env", "static_collected", "*.egg-info"} <= ignored


# --- the image's command and the compose health check, run for real --------------------------


def health_check_command(port):
    """The web service's health check as Docker runs it in the container (WORKDIR /app)."""
    test = SERVICES["web"]["healthcheck"]["test"]
    assert test[0] == "CMD" and test[1] == "python", test
    return [sys.executable, *test[2:]], {"PORT": str(port)}


def test_the_health_check_calls_both_health_paths():
    command, _ = health_check_command(8000)
    assert command[1:] == ["-m", "hub.core.healthcheck", "/health/live", "/health/ready"]


@pytest.mark.django_db(transaction=True)
def test_the_compose_health_check_passes_against_the_site(live_server):
    port = live_server.url.rsplit(":", 1)[1]
    command, env = health_check_command(port)
    env["ALLOWED_HOSTS"] = interpolate(SERVICES["web"]["environment"]["ALLOWED_HOSTS"], {})
    done = subprocess.run(command, env=run_env(env), cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_the_compose_health_check_fails_when_nothing_answers():
    command, env = health_check_command(loadtest.free_port())
    done = subprocess.run(command, env=run_env(env), cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "/health/live" in done.stderr


@pytest.fixture
def image_server(tmp_path):
    """The image's CMD (gunicorn, production settings, the image's ENV) on a free loopback port, with
    throwaway secrets and an empty SQLite database: stopped however the test ends."""
    port = loadtest.free_port()
    command = json.loads(next(arguments for name, arguments in instructions("runtime") if name == "CMD"))
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[0] = str(Path(sys.executable).with_name("gunicorn"))
    (tmp_path / "static").mkdir()
    env = loadtest.server_environment(tmp_path, port)
    env.update({**image_env(), "STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media")})
    env.update(WEB_CONCURRENCY="1", PATH=run_env({})["PATH"])
    log = tmp_path / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        assert process.poll() is None, log.read_text()[-3000:]
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_image_command_logs_each_request_once_as_json(image_server):
    port, log = image_server
    # The id is in the query too: the app leaves queries out, an access log line would show it.
    url = f"http://127.0.0.1:{port}/health/live?from=probe-1"
    request = urllib.request.Request(url, headers={"X-Request-ID": "probe-1"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["X-Request-ID"] == "probe-1"
    time.sleep(0.5)
    lines = [line for line in log.read_text().splitlines() if "probe-1" in line]
    assert len(lines) == 1, "one line per request: gunicorn's access log is off"
    line = json.loads(lines[0])
    assert (line["logger"], line["path"], line["status"]) == ("hub.requests", "/health/live", 200)


def test_the_health_check_says_not_ready_until_the_migrate_step_has_run(image_server):
    port, _log = image_server
    command, env = health_check_command(port)
    done = subprocess.run(command, env=run_env(env), cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1, "live, but the database has no tables yet"
    assert "/health/ready" in done.stderr and "/health/live" not in done.stderr
