# budgetapp – two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
BACKUP ?= backup/budgetapp.dump

.PHONY: run test venv install migrate demo serve lint typecheck bench backup restore clean worker

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## Set up, load the demo kommun, create demo users and serve on http://$(HOST):$(PORT)
run: demo
	$(PY) manage.py collectstatic --noinput >/dev/null
	@echo ""
	@echo "budgetapp körs på http://$(HOST):$(PORT)/  (Ctrl-C avslutar)"
	$(PY) manage.py runserver $(HOST):$(PORT)

## All tests (SQLite locally; PostgreSQL/Redis when DATABASE_URL/CELERY_BROKER_URL are set, as in CI)
test: install
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .

worker: install
	$(VENV)/bin/celery -A budgetapp worker -l info

bench: install
	$(PY) bench/import.py
	$(PY) bench/pages.py
	$(PY) bench/forecast_save.py

## PostgreSQL backup/restore (needs DATABASE_URL); see bench/README.md "Säkerhetskopiering".
## `make backup` writes a pg_dump custom-format file (BACKUP=path to choose it); `make restore` loads one
## into the database DATABASE_URL points at, replacing its objects, in one transaction (all or nothing).
backup:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL saknas"; exit 2; }
	mkdir -p $(dir $(BACKUP))
	pg_dump --format=custom --no-owner --no-privileges --dbname="$$DATABASE_URL" --file="$(BACKUP).tmp"
	mv "$(BACKUP).tmp" "$(BACKUP)"
	@echo "Säkerhetskopia: $(BACKUP)"

restore:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL saknas"; exit 2; }
	@test -s "$(BACKUP)" || { echo "Säkerhetskopian $(BACKUP) saknas"; exit 2; }
	pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
		--dbname="$$DATABASE_URL" "$(BACKUP)"
	@echo "Återställd från $(BACKUP)"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
