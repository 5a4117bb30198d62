# The two commands the README names: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= .allegiance/store

.PHONY: run test venv lint reference clean bench bench-medium bench-quick

$(BIN)/allegiance: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

venv: $(BIN)/allegiance

## Build the bundled corpus into the embedded store and print a summary.
run: venv
	$(BIN)/allegiance build corpus/ --store $(STORE)
	$(BIN)/allegiance stats --store $(STORE)

## Run the whole test suite (lint first: a ruff finding fails the run).
test: venv
	$(BIN)/ruff check src tests tools $(wildcard bench)
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check src tests tools $(wildcard bench)
	$(BIN)/ruff format --check src tests tools $(wildcard bench)

## Regenerate graph/reference/*.ttl from graph/reference/source/*.tsv.
reference: venv
	$(BIN)/python tools/build_reference.py

## Run every benchmark at full sizes (1,000,000 claims) and write bench/RESULTS.md and .json (40 to 80 minutes on 2 cores).
bench: venv
	PYTHONPATH=src $(BIN)/python bench/run_all.py --scale full --out bench/RESULTS.md

## The same benchmarks at medium sizes, with a real build of 10,000 documents (about 45 minutes on 2 cores).
bench-medium: venv
	PYTHONPATH=src $(BIN)/python bench/run_all.py --scale medium --out bench/RESULTS.md

## The same benchmarks at small sizes (a few minutes).
bench-quick: venv
	PYTHONPATH=src $(BIN)/python bench/run_all.py --scale quick --out bench/RESULTS.md

clean:
	rm -rf $(VENV) .allegiance build dist
