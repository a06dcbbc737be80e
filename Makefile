# The README's two commands: `make demo` and `make test`. Both make .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test graph clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/skg build reports --store .skg-store --output graph.ttl

test: $(STAMP)
	sh scripts/install-chromium.sh  # the HTML page's browser test; skips without it
	$(BIN)/python -m pytest -q

graph: $(STAMP)
	$(BIN)/skg build reports --output graph.ttl

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
