# Two commands from a fresh clone (README): `make serve` and `make test`.
# Both create the virtual environment and install the project into it first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
BENCHMARK_SIZES ?= 1,10,100
# The base of the URIs the build mints: BASE_URI (a public name: make serve BASE_URI=https://...),
# else the address `make serve` answers at. A host listening on every interface has no such address.
WILDCARD_HOSTS := 0.0.0.0 :: [::]
URL_HOST = $(if $(findstring :,$(HOST)),$(if $(findstring [,$(HOST)),$(HOST),[$(HOST)]),$(HOST))
SERVE_BASE_URI = $(or $(BASE_URI),$(if $(filter $(WILDCARD_HOSTS),$(HOST)),$(error HOST=$(HOST) listens on every \
  interface and is no address for URIs: give the public name, e.g. make serve HOST=$(HOST) \
  BASE_URI=http://registry.example.org:$(PORT)/),http://$(URL_HOST):$(PORT)/))

.PHONY: install build serve test fuzz benchmark clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

build: install
	$(BIN)/essreg build $(if $(BASE_URI),--base-uri $(BASE_URI))

serve: install
	$(BIN)/essreg build --base-uri $(SERVE_BASE_URI)
	$(BIN)/essreg serve --host $(HOST) --port $(PORT) --base-uri $(SERVE_BASE_URI)

test: install
	$(BIN)/python -m pytest

# Not part of `make test`: bounded runs that print figures.
fuzz: install
	$(BIN)/python benchmarks/fuzz_queries.py --seconds $(or $(FUZZ_SECONDS),120)

# http_load.py needs Debian's wrk (and runs Virtuoso 7 when virtuoso-opensource is installed).
benchmark: install
	$(BIN)/python -m pip install --quiet -e '.[benchmark]'
	$(BIN)/python benchmarks/limits.py
	$(BIN)/python benchmarks/inputs.py
	PYTHONPATH=. $(BIN)/python benchmarks/http_load.py --sizes $(BENCHMARK_SIZES)

clean:
	rm -rf data/build .pytest_cache
