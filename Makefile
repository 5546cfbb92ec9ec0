# Developer entry points; CI runs `make test` through .ci/run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever pyproject.toml changes: the stamp is older than it then.
STAMP := $(VENV)/.installed

.PHONY: install build validate run test test-virtuoso bench bench-quick bench-latency bench-extraction load clean

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

# Benchmarks print figures; they are not tests and never fail on a number. `make bench`: 100k
# and 1M triples (~25 min on 2 cores); `make bench-quick`: 100k, few repeats (< 5 min).
# Tables are printed; the figures go to bench/results/latest.json. BENCH_ARGS adds options.
bench: build
	$(BIN)/python -m bench.run --sizes 100k,1m $(BENCH_ARGS)
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.extraction

# Precision and recall of kg ingest per kind of fact against the gold graphs (seed + test
# reports); tables printed, figures in bench/results/extraction.json. About 15 s.
bench-extraction: $(STAMP)
	$(BIN)/python -m bench.extraction

# 50 concurrent clients for 60 s per phase (light only, then with heavy queries); stops itself.
load: build
	$(BIN)/python -m bench.load

bench-quick: build
	$(BIN)/python -m bench.run --quick $(BENCH_ARGS)

# p50/p95 of 200 SPARQL lookups and 200 /api/ask requests against a real kg serve on the real graph.
bench-latency: build
	$(BIN)/python -m bench.latency --requests 200

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache .hypothesis build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The integration tests against Virtuoso 7 (Debian's virtuoso-opensource, installed if missing):
# a scratch server on free loopback ports, loaded by kg load, removed afterwards.
test-virtuoso: $(STAMP)
	BIN=$(BIN) scripts/virtuoso/test.sh
