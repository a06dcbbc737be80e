# The README's two commands: `make demo` and `make test`. Both make .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test graph bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/skg build reports --store .skg-store --output graph.ttl

test: $(STAMP)
	sh scripts/apt-install.sh required chromium "the browser tests" chromium chromium-browser google-chrome
	sh scripts/apt-install.sh optional virtuoso-opensource "the Virtuoso tests" virtuoso-t  # skg publish to Virtuoso
	$(BIN)/python -m pytest -q

bench: $(STAMP)  # benchmarks/RESULTS.md at 1,000 and 10,000 reports (an hour or more on 2 cores)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

graph: $(STAMP)
	$(BIN)/skg build reports --output graph.ttl

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
