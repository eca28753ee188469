# connecttui: every target sets up .venv itself when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint format bench soak screenshots clean compile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory compile
	touch $(STAMP)

# An editable install leaves our own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is
# set (this sandbox, some CI images) every start would compile them again: ~45 ms per CLI run.
compile:
	$(BIN)/python -m compileall -q connecttui

run: $(STAMP)  ## open the app on your own data
	$(BIN)/connecttui

demo: $(STAMP)  ## open the app on a throwaway database with a sample network
	$(BIN)/connecttui demo

test: $(STAMP)  ## every check: ruff, then the whole test suite
	scripts/system-deps.sh
	$(BIN)/ruff check connecttui tests benchmarks scripts
	$(BIN)/python -m pytest -n 2 -q -p no:cacheprovider
	# the core, interop and CLI suite again, on a real PostgreSQL server the tests start
	CONNECTTUI_TEST_ENGINE=postgres $(BIN)/python -m pytest -n 2 -q -p no:cacheprovider \
		tests/core tests/interop tests/test_cli*.py

lint: $(STAMP)
	$(BIN)/ruff check connecttui tests benchmarks scripts

bench: $(STAMP) compile  ## performance scripts (benchmarks/README.md); figures, never assertions
	scripts/system-deps.sh
	$(BIN)/python benchmarks/run_all.py

soak: $(STAMP) compile  ## three minutes of TUI + CLI + sync + backup on one store; exit 1 on any loss
	scripts/system-deps.sh
	$(BIN)/python benchmarks/soak.py $(SOAK_ARGS)

screenshots: $(STAMP)  ## regenerate screenshots/ from the real app on demo data
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache snapshot_report.html
