# The README's first two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench system-deps venv lint dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[gui,test]"
	touch $(STAMP)

venv: $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

run: system-deps venv
	$(PY) -m gui

test: system-deps venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: system-deps venv
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: venv
	$(PY) -m pip install --quiet ruff
	$(PY) -m ruff check report gui tests bench

clean:
	rm -rf $(VENV) build dist .pytest_cache
