# One entry point: `make run` serves the app on embedded defaults, `make test` runs the tests.
# Both install what they need first, system packages included (scripts/system-packages.sh).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install fonts system-run system-test migrate seed test test-python test-js lint lint-js \
	format bench worker serve hooks clean

system-run:
	@sh scripts/system-packages.sh run

system-test:
	@sh scripts/system-packages.sh test

$(VENV)/.installed: requirements.txt requirements-worker.txt requirements-worker-nodeps.txt \
		requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-worker.txt -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -r requirements-worker-nodeps.txt
	touch $@

install: system-run $(VENV)/.installed fonts

## The pinned npm packages (package-lock.json): the caption fonts and the JavaScript linters.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## The caption fonts: pinned @fontsource packages from npm, built into static/fonts.
fonts: $(VENV)/.installed
	@$(PY) scripts/build_fonts.py --check || { $(MAKE) --no-print-directory node_modules/.installed && $(PY) scripts/build_fonts.py; }

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed

## Serve on http://$(HOST):$(PORT) with SQLite, local storage and the in-process worker.
run: seed
	$(PY) manage.py runserver $(HOST):$(PORT)

## Production-like: static files collected, then the server as the Docker image starts it
## (ecg/serve.py: the app on WSGI threads, event streams as coroutines; set DEBUG=false, ...).
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(PY) -m ecg.serve --bind $(HOST):$(PORT)

## A separate worker process (needs REDIS_URL; without it jobs run inside `make run`).
worker: install
	$(PY) manage.py rundramatiq --processes 1 --threads 2

## The test suite: JavaScript units, then pytest on PostgreSQL and Redis when reachable.
test: system-test install test-js test-python

test-js:
	node --test static/js/tests/

test-python:
	@eval "$$($(PY) scripts/test_services.py)"; $(PY) -m pytest

lint: install lint-js
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/write_shared_js.py --check

## ESLint and the type check of the JavaScript (tsc over JSDoc types), from pinned npm packages.
lint-js: node_modules/.installed
	npm run --silent lint
	npm run --silent typecheck

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## Git hooks that run the linters, mypy, the migration check and the JS tests on commit.
hooks: install
	$(VENV)/bin/pre-commit install

bench: install
	$(PY) bench/transcribe.py
	$(PY) bench/render.py

clean:
	rm -rf $(VENV) var db.sqlite3
