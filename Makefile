# One way in: `make demo` sets everything up and runs the main job; `make test` runs the suite.
VENV ?= .venv
PY := $(VENV)/bin/python
BATCH ?= sample_docs/batch-demo
# The lock: exact versions with hashes for Python 3.11 on x86-64 Linux (the machines cehours runs on).
LOCK_CMD = uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --quiet \
	--custom-compile-command "make lock"

.PHONY: setup demo test lint lock lock-check bench postgres clean

setup: $(VENV)/.installed

# Exact versions from requirements.lock; the project itself is installed without resolving anything.
$(VENV)/.installed: pyproject.toml requirements.lock
	bash scripts/install-system.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $@

demo: setup
	$(VENV)/bin/cehours process $(BATCH)

postgres:
	bash scripts/start-postgres.sh

test: setup
	. scripts/start-postgres.sh && $(VENV)/bin/ruff check . && $(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check .

# Refresh the lock after changing pyproject.toml: keeps every pin it can, adds what is new.
# `make lock UPGRADE=1` moves everything to the newest versions the ranges allow.
lock: setup
	$(VENV)/bin/$(LOCK_CMD) $(if $(UPGRADE),--upgrade) -o requirements.lock

# The lock must be what `make lock` would write today: a range changed in pyproject.toml without
# refreshing the lock fails here (needs the package index, as set-up does).
lock-check: setup
	cp requirements.lock $(VENV)/lock-check.txt
	$(VENV)/bin/$(LOCK_CMD) -o $(VENV)/lock-check.txt
	@diff -u requirements.lock $(VENV)/lock-check.txt >/dev/null || { diff -u requirements.lock $(VENV)/lock-check.txt | head -40; \
		echo "requirements.lock does not match pyproject.toml: run 'make lock' and commit it" >&2; exit 1; }
	@echo "lock: requirements.lock matches pyproject.toml"

# The quick benchmarks; OCR, evaluation and Prefect ones take long: see docs/benchmarks.md.
bench: setup
	$(PY) benchmarks/bench_propose.py
	$(PY) benchmarks/bench_export.py --write-results
	$(PY) benchmarks/bench_web.py --items 5000

clean:
	rm -rf cehours-data cehours.db .pytest_cache
