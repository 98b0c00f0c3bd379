# docexam: every target does the set-up it needs on a fresh Debian/Ubuntu machine (root or sudo).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages: tesseract (second MRZ engine), the real OCR-B font for the MRZ of synthetic specimens, DejaVu
# for their printed captions and data; and PostgreSQL, whose server the tests start on loopback for the run (the
# case store runs on it at the centre; the embedded SQLite needs nothing).
APT_PACKAGES := tesseract-ocr fonts-ocr-b fonts-dejavu-core postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Tesseract's OpenMP threads fight each other on 2 cores: one thread is 3-5x faster with the same output.
export OMP_THREAD_LIMIT := 1
# Qt tests run headless; nothing in the suite needs a display.
export QT_QPA_PLATFORM := offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run test bench system-deps venv clean

help:
	@echo "make run    set up, then run docexam on the bundled samples"
	@echo "make test   set up, then run the whole test suite headless"
	@echo "make bench  set up, then run the benchmarks (figures, against the peers)"
	@echo "make clean  remove the virtual environment and caches"

system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if ! $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1; then missing="$$missing python3-venv python3-pip"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "docexam: installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "docexam needs Python >= 3.11; set PYTHON=/path/to/python3.11")'

$(STAMP): pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

venv: system-deps $(STAMP)

$(VENV)/.bench-installed: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

run: venv
	$(VENV)/bin/docexam demo

test: venv
	$(PY) -m pytest

bench: venv $(VENV)/.bench-installed
	$(PY) bench/mrz_parse_bench.py
	$(PY) bench/specimen_bench.py
	$(PY) bench/read_bench.py
	$(PY) bench/store_bench.py
	$(PY) bench/compare_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
