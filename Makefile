# Two entry points for a fresh machine (Python 3.11+ and make):
#   make demo   -- the main job: local Label Studio + example project + Hugging Face dataset
#   make test   -- the whole test suite (lint, types, unit, real Label Studio, real browser)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint typecheck unit bench browser-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[server,browser,dev]'
	@# An editable install leaves the package's modules uncompiled; where PYTHONDONTWRITEBYTECODE
	@# is set (some sandboxes and containers) every command would compile them again (0.3 s).
	$(BIN)/python -m compileall -q annotate export schema eventset bench >/dev/null
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventset demo

# Debian's Chromium for the browser test (a browser download by Playwright is not possible here).
browser-deps:
	@test -x $(CHROMIUM) || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy and import-linter contracts, on the installed layout (eventset.schema = schema/ ...)
typecheck: $(STAMP)
	$(BIN)/python .ci/installed_layout_checks.py $(BIN)

test: $(STAMP) browser-deps lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

unit: $(STAMP)
	$(BIN)/pytest -m "not labelstudio and not browser" $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
