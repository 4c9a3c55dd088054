# Two commands from a fresh clone (README): `make serve` and `make test`.
# Both create the virtual environment and install the project into it first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install build serve test clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

build: install
	$(BIN)/essreg build

serve: build
	$(BIN)/essreg serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf data/build .pytest_cache
