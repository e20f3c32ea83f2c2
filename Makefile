# Implementation Hub: `make run` sets up and serves the demo site; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install assets migrate demo worker chromium lint format check clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 ($(PYTHON)) is needed."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

install: $(BIN)/activate assets

# Front-end packages come from npm at set-up time and are compiled into static/build.
assets: static/build/css/main.css

static/build/css/main.css: package.json package-lock.json frontend/scss/main.scss frontend/copy-vendor.mjs
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The background worker (e-mails) runs beside the development server and stops with it.
run: demo
	@echo "Serving http://$(HOST):$(PORT)/  (CMS: http://$(HOST):$(PORT)/admin/)  Ctrl+C to stop."
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker --queue-name default & \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker

# Browser tests need Debian's Chromium. Install it when missing and we are root.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install chromium."; \
	  fi; \
	fi
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "*** Chromium is not at $(CHROMIUM): the browser tests will be SKIPPED. ***"; \
	fi

test: install chromium
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-but-long-enough-xxxxxxxxxxxxxxxx \
	ALLOWED_HOSTS=hub.example.org DJANGO_SETTINGS_MODULE=lms.settings.production \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
