# Work & Wellbeing Hub. `make run` sets everything up and serves the site; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run serve migrate demo test lint check pytest audit bench loadtest clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	@# The Nu HTML Checker for the markup test; optional (the test is skipped without npm and Java).
	-command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix $(VENV)/node vnu-jar@26.9.27
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content (safe to repeat) and build the search index
	$(MANAGE) load_demo_content
	$(MANAGE) rebuild_search

run: demo ## Set up everything, create an admin login and serve http://$(HOST):$(PORT)
	$(MANAGE) ensure_admin
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

pytest: install ## The pytest suite alone
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest ## Everything CI runs: lint, checks and the whole test suite

audit: install ## Fail on a pinned dependency with a known vulnerability that a newer release fixes (pip-audit)
	$(PY) .ci/audit_dependencies.py requirements.lock

SEARCH_BENCH_ARGS ?= --scale 10000

bench: install ## Benchmark every page type, then search at 10,000 items (throwaway databases; tables + JSON)
	DJANGO_SETTINGS_MODULE=hub.settings.test $(MANAGE) benchmark $(BENCH_ARGS)
	DJANGO_SETTINGS_MODULE=hub.settings.test $(MANAGE) search_benchmark $(SEARCH_BENCH_ARGS)

loadtest: install ## Load the demo site under gunicorn with wrk, 32 connections x 60 s per page type (loopback; table + JSON)
	@command -v wrk >/dev/null || { echo "make loadtest needs wrk: installing the Debian package (apt-get install wrk)"; \
		(apt-get install -y -qq wrk || sudo apt-get install -y -qq wrk) >/dev/null || \
		{ echo "Could not install wrk: install it yourself (apt-get install wrk) and run make loadtest again."; exit 1; }; }
	$(MANAGE) loadtest $(LOADTEST_ARGS)

clean: ## Remove the virtualenv, local database and collected files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm static_collected test-output
