# factdesk: `make demo` sets up and opens the review session on the seed article;
# `make test` sets up and runs every test plus the import-layering check.
# Both are idempotent: the virtualenv is rebuilt only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := .demo/claims.db
SEEDS := $(wildcard seeds/*.txt seeds/*.md seeds/*.html seeds/*.jsonl)
# the demo store is rebuilt when the code that extracts and links claims changes, not only the seeds
SOURCES := $(shell find factdesk -name '*.py' -not -path '*/tui/*')

.PHONY: demo test install lint-imports bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(DEMO_DB): $(STAMP) $(SEEDS) $(SOURCES)
	mkdir -p $(dir $(DEMO_DB))
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/factdesk ingest $(SEEDS) --db $(DEMO_DB) --source AFP --date 2013-02-06

demo: $(DEMO_DB)
	$(BIN)/factdesk review --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/lint-imports

lint-imports: $(STAMP)
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/ingest.py --limit 500
	$(BIN)/python bench/extract.py 300

clean:
	rm -rf $(VENV) .demo
