# Cartocoord: everyday commands. Everything runs inside .venv, created on demand;
# dependencies are reinstalled only when a requirements file changes (stamp files).
#
#   make run     start the app on http://127.0.0.1:8050 (PORT=9000 make run, DEBUG=1 ...)
#   make test    the whole suite: unit tests and browser tests (installs Chromium and
#                PostgreSQL's binaries if root)
#   make lint    ruff
#   make refresh-data  rebuild every built region (Île-de-France, those in .data/) and
#                its demonstration set from the pinned sources (geodata/sources/)
#   make vendor  re-create assets/vendor/ from the pinned npm packages (needs npm)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --no-input --quiet

# Never wait for an answer: CI runs without standard input.
export DEBIAN_FRONTEND := noninteractive
export PIP_NO_INPUT := 1

.DEFAULT_GOAL := help
.PHONY: help run test lint browser postgres vendor refresh-data

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-runtime: requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.stamp-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install -r requirements-dev.txt
	touch $@

# Bytecode compiled once, even where PYTHONDONTWRITEBYTECODE is set: a quicker start.
run: $(VENV)/.stamp-runtime
	$(PY) -m compileall -q app.py dashboard geodata
	$(PY) app.py

browser:
	bash scripts/install_browser.sh

postgres:
	bash scripts/install_postgres.sh

test: $(VENV)/.stamp-dev browser postgres
	$(PY) -m pytest

lint: $(VENV)/.stamp-dev
	$(PY) -m ruff check .

# A new year's codes and populations: bump geodata/sources/decoupage.py, then this.
refresh-data: $(VENV)/.stamp-runtime
	$(PY) -m geodata build --all-regions

vendor:
	bash scripts/vendor_assets.sh
