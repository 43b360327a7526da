# heupdagboek: every set-up step lives here, so a fresh clone needs only
#   make run    serve the app on http://127.0.0.1:8000/ (SQLite, seed content)
#   make test   run the whole test suite
# Python 3.11 is required (PYTHON=... to point at another binary).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults for `make run`; tests and production set their own.
RUN_ENV := DEBUG=true
# Tests run with DEBUG off, like production, but over plain http.
TEST_ENV := DEBUG=false SECRET_KEY=test-only-secret-key-not-for-production-use \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false

# make demo: a demo user with three months of data (see diary/management/commands/demo.py)
.PHONY: demo screenshots run test lint format messages compilemessages static migrate superuser check-deploy bench bench-pdf bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==$(PIP_VERSION)

$(VENV)/.run-deps: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --group run -c constraints.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.run-deps pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --group test -c constraints.txt
	touch $@

# axe-core for the accessibility browser tests, pinned in the lock file.
AXE := tests/browser/node/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/node/package.json tests/browser/node/package-lock.json
	npm ci --prefix tests/browser/node --no-audit --no-fund --silent
	touch $@

# Compiled catalogues are built from the committed .po files (Debian's gettext).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

compilemessages: $(MO_FILES)

run: $(VENV)/.run-deps compilemessages
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.test-deps compilemessages $(AXE)
	$(TEST_ENV) $(MANAGE) collectstatic --noinput -v0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the .po files from the source after changing user-facing text.
messages: $(VENV)/.run-deps
	$(RUN_ENV) $(MANAGE) makemessages --no-obsolete --no-location -l nl -l en -i '.venv/*' -i 'staticfiles/*'
	$(RUN_ENV) $(MANAGE) makemessages --no-obsolete --no-location -d djangojs -l nl -l en -i '.venv/*' -i 'staticfiles/*'

demo: $(VENV)/.run-deps compilemessages
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) demo

# Pictures for the README from the demo diary (needs Debian's chromium).
screenshots: $(VENV)/.test-deps compilemessages
	$(BIN)/python scripts/screenshots.py

superuser: $(VENV)/.run-deps
	$(RUN_ENV) $(MANAGE) createsuperuser

# Benchmarks print figures; they are not part of the test run.
# DATABASE_URL=postgres://... make bench runs them on PostgreSQL.
bench: $(VENV)/.test-deps compilemessages
	$(TEST_ENV) $(BIN)/python bench/trends.py
	$(TEST_ENV) $(MANAGE) collectstatic --noinput -v0
	$(TEST_ENV) $(BIN)/python bench/pwa_weight.py

# Milliseconds per trends request for 1, 5 and 10 years (goal: 5 years at most 30 ms).
.PHONY: bench-trends
bench-trends: $(VENV)/.test-deps compilemessages
	$(TEST_ENV) $(BIN)/python bench/trends.py

# Seconds to render the one-year GP report PDF (goal: at most 1 s).
.PHONY: bench-pdf
bench-pdf: $(VENV)/.test-deps compilemessages
	$(TEST_ENV) $(BIN)/python bench/pdf.py

# SQL queries per request of every /api/v1/ endpoint and the main pages, for
# a diary of 1 row and of 1,000 rows (Markdown tables; see docs/benchmarks.md).
# The pages need the static files manifest, hence collectstatic.
.PHONY: bench-queries
bench-queries: $(VENV)/.test-deps compilemessages
	$(TEST_ENV) $(MANAGE) collectstatic --noinput -v0
	$(TEST_ENV) $(BIN)/python bench/queries.py

# Milliseconds per request of the floor, the diary PUT and a backfill PUT in
# one process without load (where a write's time goes; --profile for more).
.PHONY: bench-put
bench-put: $(VENV)/.test-deps compilemessages
	$(TEST_ENV) LOG_LEVEL=error $(BIN)/python bench/put_cost.py

# Load on gunicorn + PostgreSQL with wrk (apt-get install wrk); 60 s per mode.
# FAULT=1 restarts PostgreSQL halfway instead (needs root and pg_ctlcluster).
bench-load: $(VENV)/.test-deps
	$(BIN)/python bench/load.py --seconds $(or $(BENCH_SECONDS),60) $(if $(FAULT),--fault)

# The production checklist with a production-like environment.
check-deploy: $(VENV)/.run-deps compilemessages
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	ALLOWED_HOSTS=heupdagboek.example CSRF_TRUSTED_ORIGINS=https://heupdagboek.example \
	SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_PRELOAD=true \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles locale/*/LC_MESSAGES/*.mo tests/browser/node/node_modules
