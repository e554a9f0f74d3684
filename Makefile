# Two entry points for a newcomer: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= kg-store
PORT   ?= 8501

.PHONY: demo test setup system-deps lint bench golden clean

# A virtual environment with the project and its test tools, rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kg needs Python 3.11 or newer"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(VENV)/.installed

# Debian's chromium for the real-browser tests (skipped with a reason when it cannot be installed).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null || true; \
	  else echo "chromium is not installed: the browser tests will be skipped"; fi; \
	fi

# Ingest the sample corpus into the embedded store and open the dashboard.
demo: setup
	$(BIN)/kg ingest data --store $(STORE)
	$(BIN)/kg app --store $(STORE) --port $(PORT)

# The whole test suite (unit, model, store, server, dashboard and browser tests).
test: setup system-deps
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check kg tests app.py dashboard bench
	$(BIN)/ruff format --check kg tests app.py dashboard bench

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

bench: setup $(VENV)/.bench-installed
	$(BIN)/python -m bench.run

# Regenerate the golden graph of the sample article (review the diff before committing).
golden: setup
	$(BIN)/python tests/golden.py

clean:
	rm -rf $(STORE) .pytest_cache artifacts
