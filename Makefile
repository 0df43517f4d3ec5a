# Two commands for a fresh machine with Python 3.11+:
#   make run    build .venv if needed, then run the default tournament
#   make test   build .venv if needed, then lint (ruff), build the docs strictly and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test docs bench clean

run: $(STAMP)
	$(BIN)/regimelab run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m pytest

docs: $(STAMP)
	$(BIN)/mkdocs build --strict
	@echo "open build/site/index.html"

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_tournament.py
	$(BIN)/python benchmarks/bench_sweep.py
	$(BIN)/python benchmarks/bench_sweep_before_after.py
	$(BIN)/python benchmarks/bench_library.py --repetitions 1 --engines auto,simulate
	$(BIN)/python benchmarks/bench_exact.py --all-finite
	$(BIN)/python benchmarks/bench_sensitivity.py
	$(BIN)/python benchmarks/bench_startup.py

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "regimelab needs Python 3.11 or newer; set PYTHON=python3.11 (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
