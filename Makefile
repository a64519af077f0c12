# zhiku: `make demo` sets everything up and answers a question; `make check` runs format, lint and
# type checks; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_HOME ?= .zhiku-demo

.PHONY: setup system-deps llm-model demo check test unit bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,cluster,dev]'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

llm-model: setup
	bash scripts/fetch-test-model.sh $(BIN)/pip

demo: setup
	$(BIN)/zhiku --home $(DEMO_HOME) demo

check: setup
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

test: setup
	$(BIN)/pytest -q --doctest-modules src/zhiku
	$(BIN)/pytest -q

unit: setup
	$(BIN)/pytest -q --doctest-modules src/zhiku
	$(BIN)/pytest -q -m "not integration and not slow"

bench: setup
	$(BIN)/python benchmarks/retrieval.py
	$(BIN)/python benchmarks/cleaning.py

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .hypothesis test-output
