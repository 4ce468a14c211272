# `make install` sets up .venv on a fresh machine; `make repro` and `make test` do it too.
# Each creates .venv if it is missing and (re)installs plrep when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install repro test lint browser wheel-check bench gpu-check clean

$(STAMP): pyproject.toml
	@echo "creating $(VENV) and installing plrep with its dependencies (a few minutes)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[test,onnx,analysis,ray]'
	touch $(STAMP)
	@echo "done; now run: source $(VENV)/bin/activate"

install: $(STAMP)

repro: $(STAMP)
	$(BIN)/plrep repro

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Headless chromium for the explorer's browser tests (tests/explorer): installed with apt-get where
# that works (as root, as CI runs); elsewhere those tests skip and say how to install it.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the browser tests (apt-get, a minute)..."; \
	    { export DEBIAN_FRONTEND=noninteractive; apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; } >/dev/null 2>&1 \
	      || echo "make browser: apt-get could not install chromium; the browser tests will be skipped"; \
	  else \
	    echo "make browser: no chromium and no root apt-get here; the browser tests will be skipped (apt-get install chromium)"; \
	  fi; }

# A built wheel installs in a clean venv and runs `plrep --version` and an example (.ci/wheel_check.sh).
wheel-check: $(STAMP)
	PYTHON=$(BIN)/python bash .ci/wheel_check.sh

test: lint browser wheel-check
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Suite + JAX benchmarks on the accelerator JAX sees (a GPU machine; see benchmarks/gpu_check.sh).
gpu-check: $(STAMP)
	bash benchmarks/gpu_check.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
