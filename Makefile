# One way in: `make demo` sets everything up and runs the main job; `make test` runs the suite.
VENV ?= .venv
PY := $(VENV)/bin/python
BATCH ?= sample_docs/batch-demo

.PHONY: setup demo test lint bench postgres clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	bash scripts/install-system.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

demo: setup
	$(VENV)/bin/cehours process $(BATCH)

postgres:
	bash scripts/start-postgres.sh

test: setup
	. scripts/start-postgres.sh && $(VENV)/bin/ruff check . && $(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check .

# The quick benchmarks; OCR, evaluation and Prefect ones take long: see docs/benchmarks.md.
bench: setup
	$(PY) benchmarks/bench_propose.py
	$(PY) benchmarks/bench_export.py --write-results
	$(PY) benchmarks/bench_web.py --items 5000

clean:
	rm -rf cehours-data cehours.db .pytest_cache
