# jupyterlab-chexmask: the two commands of the README.
#   make demo   set up, build, install, open JupyterLab on the demo notebook
#   make test   set up, then lint, unit tests (jest), Python tests (pytest) and UI tests (Galata)
# Everything installs into the project (.venv, node_modules, ui-tests/node_modules, build/), except
# Debian's chromium for the UI tests, which is installed with apt-get when missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
NPM_STAMP := node_modules/.installed
UI_STAMP := ui-tests/node_modules/.installed
VENV_STAMP := $(VENV)/.installed
EXT_STAMP := $(BUILD)/.extension-installed
CHROMIUM ?= /usr/bin/chromium
SOURCES := $(shell find src style schema -type f 2>/dev/null) package.json tsconfig.json
PYSOURCES := $(wildcard jupyterlab_chexmask/*.py jupyterlab_chexmask/*/*.py) pyproject.toml install.json

# Tests keep Jupyter's and IPython's files inside build/, so a run leaves nothing in ~.
TEST_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/$(BUILD)/jupyter/config \
	JUPYTER_DATA_DIR=$(CURDIR)/$(BUILD)/jupyter/data \
	JUPYTER_RUNTIME_DIR=$(CURDIR)/$(BUILD)/jupyter/runtime \
	IPYTHONDIR=$(CURDIR)/$(BUILD)/ipython \
	JUPYTERLAB_GALATA_ROOT_DIR=$(CURDIR)/$(BUILD)/ui-root \
	TMPDIR=$(CURDIR)/$(BUILD)/tmp \
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH

.PHONY: setup test lint unit pytest install ui-test chromium demo clean dist test-dist site

setup: $(NPM_STAMP) $(VENV_STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV_STAMP): requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(UI_STAMP): ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm ci --no-audit --no-fund
	touch $@

lint: $(NPM_STAMP) $(VENV_STAMP)
	npm run lint
	$(PY) -m ruff check jupyterlab_chexmask tests scripts ui-tests
	$(PY) -m ruff format --check jupyterlab_chexmask tests scripts ui-tests
	$(PY) -m mypy

unit: $(NPM_STAMP)
	npx jest

# Build the extension once with npm, then pip-install the package into .venv
# (the build hook sees the fresh build and does not redo it).
$(EXT_STAMP): $(NPM_STAMP) $(VENV_STAMP) $(SOURCES) $(PYSOURCES)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH npm run build:prod
	$(PY) -m pip install -q --disable-pip-version-check .
	@test -n "$$(ls $(VENV)/share/jupyter/labextensions/jupyterlab-chexmask/static/remoteEntry.*.js)"
	mkdir -p $(BUILD) && touch $@

install: $(EXT_STAMP)

pytest: $(EXT_STAMP)
	mkdir -p $(BUILD)/tmp
	$(TEST_ENV) $(PY) -m pytest tests/python -q

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium"; exit 1; fi; \
	fi

# The site test (ui-tests/tests/site.spec.ts) opens the demo's static site, built first.
ui-test: $(EXT_STAMP) $(UI_STAMP) chromium
	$(MAKE) site NOTEBOOKS=examples/demo.ipynb SITE=$(BUILD)/site
	rm -rf $(BUILD)/ui-root && mkdir -p $(BUILD)/ui-root $(BUILD)/tmp
	cd ui-tests && $(TEST_ENV) CHROMIUM_PATH=$(CHROMIUM) npx playwright test

test: setup
	$(MAKE) lint
	$(MAKE) unit
	$(MAKE) pytest
	$(MAKE) ui-test
	$(MAKE) test-dist

# The sdist, the wheel and the npm tarball in dist/, checked (twine, check-wheel-contents and
# scripts/check_dist.py, which also prints their sizes). Both Python artefacts are built from the
# source tree after $(EXT_STAMP)'s production build, so the build hook skips npm (skip-if-exists).
dist: $(EXT_STAMP)
	@start=$$SECONDS; rm -rf dist; \
	echo "python -m build --sdist --wheel --outdir dist .  (log: $(BUILD)/dist.log)"; \
	$(PY) -m build --sdist --wheel --outdir dist . > $(BUILD)/dist.log 2>&1 || { cat $(BUILD)/dist.log; exit 1; }; \
	echo "npm pack --pack-destination dist"; \
	npm pack --silent --pack-destination dist > /dev/null; \
	$(PY) -m twine check --strict dist/*.whl dist/*.tar.gz; \
	$(VENV)/bin/check-wheel-contents dist/*.whl; \
	$(PY) scripts/check_dist.py dist; \
	echo "make dist: $$((SECONDS - start)) s (after the extension's build)"

# The wheel in a clean venv (build/venv-min) at the lowest declared versions (requirements-min.txt),
# installed without Node.js: labextension list, headless load in Chromium, Python tests.
test-dist: dist $(UI_STAMP) chromium
	@start=$$SECONDS; \
	CHROMIUM=$(CHROMIUM) VENV_MIN=$(CURDIR)/$(BUILD)/venv-min bash scripts/test-dist.sh; \
	echo "make test-dist (after dist): $$((SECONDS - start)) s"

# A report as a static site (JupyterLite, no kernel): NOTEBOOKS executed headless, then
# `jupyter lite build` with the extension installed in .venv (scripts/build_site.sh).
# Serve $(SITE) with any web server and open lab/index.html?path=NAME.ipynb.
NOTEBOOKS ?= examples/demo.ipynb
SITE ?= $(BUILD)/site
site: $(EXT_STAMP)
	NOTEBOOKS="$(NOTEBOOKS)" SITE="$(SITE)" VENV="$(CURDIR)/$(VENV)" bash scripts/build_site.sh

demo: $(EXT_STAMP)
	$(PY) -m jupyter lab --allow-root examples/demo.ipynb

clean:
	rm -rf lib build dist tsconfig.tsbuildinfo jupyterlab_chexmask/labextension jupyterlab_chexmask/_version.py
