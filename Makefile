# One entry point: `make run` serves the app on embedded defaults, `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run install migrate seed test lint format bench worker clean

$(VENV)/.installed: requirements.txt requirements-worker.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-worker.txt -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed

## Serve on http://$(HOST):$(PORT) with SQLite, local storage and the in-process worker.
run: seed
	$(PY) manage.py runserver $(HOST):$(PORT)

## A separate worker process (needs REDIS_URL; without it jobs run inside `make run`).
worker: install
	$(PY) manage.py rundramatiq --processes 1 --threads 2

## The test suite (SQLite by default; set DATABASE_URL and REDIS_URL for the real services).
test: install
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: install
	$(PY) bench/transcribe.py
	$(PY) bench/render.py

clean:
	rm -rf $(VENV) var db.sqlite3
