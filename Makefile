# One command each: `make demo` and `make test` create .venv when it is missing,
# install the package with its dependencies from PyPI, then run.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.db
# The demo corpus quotes fictional analysts; they are in a user KB of their own.
DEMO_ENV := STANCETRACE_ACTORS=examples/actors

.PHONY: demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(DEMO_ENV) $(BIN)/stancetrace ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/stancetrace docs --db $(DEMO_DB)
	$(DEMO_ENV) $(BIN)/stancetrace quotes --db $(DEMO_DB)
	$(BIN)/stancetrace timeline ali-khamenei --issue negotiation-with-us --granularity month --db $(DEMO_DB) --out demo-khamenei-talks.png
	$(BIN)/stancetrace reversals ruhollah-khomeini --target issue:iran-iraq-ceasefire --db $(DEMO_DB)
	$(BIN)/stancetrace reversals ali-khamenei --target issue:negotiation-with-us --db $(DEMO_DB)
	$(BIN)/stancetrace reversals ali-khamenei --target united-states --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_throughput.py

clean:
	rm -rf $(VENV) demo-khamenei-talks.png $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
