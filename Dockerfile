# syntax=docker/dockerfile:1
# The Work & Wellbeing Hub image. One image runs every process of the site (docker-compose.yml): the
# web server (gunicorn, the default command), the one-off migrate step, the scheduler and the task
# worker. It holds no secrets: SECRET_KEY, REFERRAL_ENCRYPTION_KEY and the database password come from
# the environment when a container starts. README, "Production with Docker".

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- Dependencies: a virtualenv from the pinned lock file, in layers of its own, rebuilt only when
# pyproject.toml or requirements.lock change (not for every change to the code).
FROM ${PYTHON_IMAGE} AS dependencies
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY pyproject.toml requirements.lock ./
# The runtime dependencies only (pyproject's [project] dependencies, each constrained to its pin in
# requirements.lock): the test extra (pytest, Playwright, ruff...) stays out of the image. The project
# itself is not pip-installed: it has no packages to install (the code is copied below), so setuptools
# never runs and no *.egg-info is written anywhere.
RUN python -m venv /opt/venv \
 && python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
 && /opt/venv/bin/pip install --require-virtualenv -c requirements.lock -r requirements.txt \
 && /opt/venv/bin/pip check

# --- Runtime: the virtualenv, the code and the collected static files; runs as an unprivileged user.
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=hub.settings.production \
    STATIC_ROOT=/app/static_collected \
    MEDIA_ROOT=/srv/media \
    WEB_CONCURRENCY=3

# The user the processes run as (fixed ids, so volume permissions are predictable). The media folder
# is created here and owned by it: Docker copies that ownership into a new named volume mounted there.
RUN groupadd --system --gid 10001 hub \
 && useradd --system --uid 10001 --gid hub --home-dir /app --no-create-home --shell /usr/sbin/nologin hub \
 && mkdir -p /srv/media \
 && chown hub:hub /srv/media

COPY --from=dependencies /opt/venv /opt/venv
WORKDIR /app
# The code belongs to root: the site's user can read it but not change it.
COPY . .

# Static files are collected into the image at build time (compressed for WhiteNoise), so containers
# need no static volume and can run with a read-only file system. Production settings refuse to load
# without a strong SECRET_KEY: collectstatic gets a random one that lives only for this command (it
# signs nothing and is not kept in the image's environment). Bytecode is compiled once, here, because
# the containers cannot write it.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --no-input --verbosity 0 \
 && python -m compileall -q hub toolkit resources search

USER hub
EXPOSE 8000

# gunicorn's own access log is left off (its default): the app logs every request once, with its
# request id, as JSON (hub/core/logs.py). Workers: WEB_CONCURRENCY. Worker heartbeats go to /dev/shm,
# a memory file system, since the container's own may be read-only; for the same reason gunicorn's
# control socket (in $HOME/.gunicorn, for the gunicornc tool) is off: it would log a permission error.
CMD ["gunicorn", "hub.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--no-control-socket"]
