# The two commands a newcomer needs: `make run` and `make test`.
# Each creates .venv and installs the project when pyproject.toml is newer than the last install.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test lint format bench screenshots stop-services clean

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

run: $(INSTALLED)
	$(PY) infra/dev.py run

test: $(INSTALLED)
	$(PY) infra/dev.py test $(PYTEST_ARGS)

# ruff, then the layer contracts of pyproject.toml (import-linter; both source roots on the path).
lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=.:platform $(VENV)/bin/lint-imports --no-cache

format: $(INSTALLED)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh docs/screenshots/ from the browser tests (a plain test run leaves them as they are).
screenshots: $(INSTALLED)
	ISUPPORT_REFRESH_SCREENSHOTS=1 $(PY) infra/dev.py test tests/browser

bench: $(INSTALLED)
	$(PY) infra/dev.py bench

stop-services: $(INSTALLED)
	$(PY) infra/dev.py stop

clean: stop-services
	rm -rf $(VENV) .local
