# `make install` sets up .venv on a fresh machine; `make repro` and `make test` do it too.
# Each creates .venv if it is missing and (re)installs plrep when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install repro test lint bench gpu-check clean

$(STAMP): pyproject.toml
	@echo "creating $(VENV) and installing plrep with its dependencies (a few minutes)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[test,onnx,analysis]'
	touch $(STAMP)
	@echo "done; now run: source $(VENV)/bin/activate"

install: $(STAMP)

repro: $(STAMP)
	$(BIN)/plrep repro

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Suite + JAX benchmarks on the accelerator JAX sees (a GPU machine; see benchmarks/gpu_check.sh).
gpu-check: $(STAMP)
	bash benchmarks/gpu_check.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
