# Developer entry points; CI runs `make test` through .ci/run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever pyproject.toml changes: the stamp is older than it then.
STAMP := $(VENV)/.installed

.PHONY: install build validate run test bench clean

install: $(STAMP)

$(VENV):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)
	$(BIN)/pip install -e '.[dev]'
	touch $(STAMP)

# kg build validates before it writes; the summary shows what was built.
build: $(STAMP)
	$(BIN)/kg build
	$(BIN)/kg summary

validate: $(STAMP)
	$(BIN)/kg validate

# Serve the SPARQL endpoint and the API on http://127.0.0.1:8000 (KG_HOST, KG_PORT).
run: build
	$(BIN)/kg serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy src/kg
	$(BIN)/pytest

# Benchmarks print figures; they are not tests and never fail on a number.
bench: build
	$(BIN)/python bench/latency.py --requests 200

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache .hypothesis build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
