# asylum-teach: two commands do all set-up on a fresh machine with Python 3.11 and make.
#   make lab   -> creates .venv, installs the toolkit, opens the course in JupyterLab
#   make test  -> creates or refreshes .venv and runs every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2
# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint course bench stress snapshots system-deps hub-deps hub clean help

help:
	@echo "make lab        open the course in JupyterLab (installs on first run)"
	@echo "make test       run every test, after make lint (installs on first run)"
	@echo "make lint       ruff (pyflakes, bugbear, pyupgrade, isort), mypy, and notebooks without outputs"
	@echo "make course     render the executed course to build/ as static pages that work offline"
	@echo "make snapshots  regenerate golden timeline snapshots (review the diff)"
	@echo "make bench      run the benchmarks and write benchmarks/RESULTS.md"
	@echo "make hub        start a demo clinic hub on localhost (an instructor and three students)"
	@echo "make stress     run every widget notebook 20 times, two at once, under extra CPU load"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "asylum-teach needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Debian packages the browser test and the grading sandbox use. Installed only when missing and
# only when we may (root); otherwise the tests that need them say clearly why they skip.
system-deps:
	@bash scripts/system-deps.sh

# Debian's nodejs and the npm package configurable-http-proxy (into .venv/node) for the clinic hub.
hub-deps: $(STAMP)
	@bash scripts/hub-deps.sh $(VENV)/node >/dev/null || echo "note: the hub tests will skip (see above)" >&2

hub: $(STAMP) hub-deps
	$(BIN)/python -m asylum_teach hub demo

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=. notebooks/00_start_here.ipynb

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m asylum_teach.tools.clean_notebooks --check

test: $(STAMP) system-deps hub-deps lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -q -rs

course: $(STAMP)
	$(BIN)/asylum-teach course build

snapshots: $(STAMP)
	$(BIN)/python -m asylum_teach.tools.snapshots

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

stress: $(STAMP)
	$(BIN)/python benchmarks/stress.py

clean:
	rm -rf $(VENV) build test-artifacts
