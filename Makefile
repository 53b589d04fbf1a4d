# Two commands set everything up: `make run` (the help center) and `make test` (every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: run test build lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

build: $(STAMP)  ## build the static site into site/
	$(BIN)/mkdocs build --strict

run: build  ## serve the site and the ticket handler on http://127.0.0.1:$(PORT)
	$(BIN)/python -m handler.devserver --site site --port $(PORT)

test: $(STAMP)  ## every test: unit, build, handler, browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

bench: $(STAMP)  ## the figures reported on the issues
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf site instance tests/artifacts
