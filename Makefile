# docexam: every target does the set-up it needs on a fresh Debian/Ubuntu machine (root or sudo).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages: tesseract (second MRZ engine), the real OCR-B font and DejaVu (the package ships its own copies in
# docexam/fonts/, which docexam draws with; the system's are for the tests and tools that name them), WenQuanYi
# Micro Hei for the report's Chinese, Japanese and Korean (1.6 MB download, 5 MB installed); and PostgreSQL, whose server the tests start on loopback for the run (the
# case store runs on it at the centre; the embedded SQLite needs nothing).
# What Qt's own libraries (the PySide6 wheel) need from the system, headless as in the tests.
QT_APT_PACKAGES := libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6
# And on a desktop, for Qt's X11 (xcb) platform: `make run` installs these when there is a display.
DESKTOP_APT_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
  libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxcb-xfixes0 libxkbcommon-x11-0
# Tesseract's models for the languages the VIZ prints names in (docexam.ocr.languages picks them by the issuing state):
# Azerbaijani, Russian and Ukrainian for the region's documents, and those of the generated designs' other languages
# (Turkish, Polish, Czech, German, Spanish, French); 28 MB together.
TESSERACT_MODELS := aze rus ukr tur pol ces deu spa fra
# The MRZ recogniser's training faces (docexam/ocr/training/printsim.py, TRAINING_MONO_FACES): free monospaced faces
# issuers that do not print OCR-B resemble (19 MB installed); and the faces it is measured on and never trained on
# (HELD_OUT_FACES; bench/font_bench.py), 13 MB. Neither is bundled: docexam reads with the trained networks alone.
TRAINING_FONT_PACKAGES := fonts-liberation2 fonts-freefont-ttf fonts-go fonts-hack fonts-inconsolata fonts-firacode \
  fonts-anonymous-pro
HELD_OUT_FONT_PACKAGES := fonts-noto-mono fonts-dejavu-extra fonts-jetbrains-mono fonts-courier-prime fonts-mononoki
APT_PACKAGES := tesseract-ocr $(addprefix tesseract-ocr-,$(TESSERACT_MODELS)) fonts-ocr-b fonts-dejavu-core \
  fonts-wqy-microhei $(TRAINING_FONT_PACKAGES) $(HELD_OUT_FONT_PACKAGES) postgresql $(QT_APT_PACKAGES)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Tesseract's OpenMP threads fight each other on 2 cores: one thread is 3-5x faster with the same output.
export OMP_THREAD_LIMIT := 1
# Qt tests run headless; nothing in the suite needs a display (`make run` unsets it when there is one).
export QT_QPA_PLATFORM := offscreen
# Python caches a module's bytecode the first time it imports it (uv installs without compiling, below), in
# .cache/pycache, out of the source tree, whatever PYTHONDONTWRITEBYTECODE says in the environment (some CI images
# set it): the suite starts some two hundred Python processes, and without the cache each compiled docexam's,
# SQLAlchemy's and NumPy's Python again (2.2 s to start one here, 0.8 s from the cache), and each test worker
# rewrote the tests' assertions again.
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help run test bench system-deps apt-install venv clean

help:
	@echo "make run    set up, then run docexam on the bundled samples"
	@echo "make test   set up, then run the whole test suite headless"
	@echo "make bench  set up, then run the benchmarks (figures, against the peers)"
	@echo "make lint   set up, then lint (ruff) and type-check (mypy); make test runs it too"
	@echo "make dist   set up, then build the checkpoint folder dist/docexam/ (PyInstaller) and smoke-test a copy of it"
	@echo "make locale compile the translation catalogues (docexam/locale/*/LC_MESSAGES/docexam.po to .mo, the"
	@echo "            workstation's docexam/gui/translations/*.ts to .qm)"
	@echo "make locale-update  add newly marked strings to every catalogue (then translate them)"
	@echo "make clean  remove the virtual environment and caches"

system-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "docexam needs Python >= 3.11; set PYTHON=/path/to/python3.11")'

apt-install:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if ! $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1; then missing="$$missing python3-venv python3-pip"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "docexam: installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The venv's packages are installed by uv (pip installs it into the venv first): it fetches and unpacks the wheels
# side by side, and a fresh venv is ready in 9 s instead of pip's 36 (the same versions). Like pip with
# --no-compile, it leaves the bytecode to be compiled (and cached) the first time a module is imported: most are
# never imported. uv reads no pip configuration: where it cannot install (no uv wheel to be had, an index only
# pip is configured for), pip does, as before.
UV := $(VENV)/bin/uv
# (a comma in an argument of $(call PIP_INSTALL,...) is written $(comma))
comma := ,
PIP_INSTALL = @if [ -x $(UV) ] && $(UV) pip install --quiet --python $(PY) $(1); then :; else \
	  echo "docexam: installing $(1) with pip"; \
	  $(PY) -m pip install --quiet --disable-pip-version-check --no-compile $(1); fi
$(STAMP): pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	@[ -x $(UV) ] || $(PY) -m pip install --quiet --disable-pip-version-check uv || echo "docexam: no uv, so pip"
	$(call PIP_INSTALL,-e '.[test]')
	@touch $@

venv: system-deps $(STAMP)

$(VENV)/.bench-installed: $(STAMP)
	$(call PIP_INSTALL,-e '.[test$(comma)bench]')
	@touch $@

# The workstation on the bundled sample case when there is a screen; without one (a server, a CI runner), the
# command-line tour of the same pipeline.
run: venv locale
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  $(MAKE) --no-print-directory apt-install PACKAGES="$(DESKTOP_APT_PACKAGES)" && \
	  env -u QT_QPA_PLATFORM $(VENV)/bin/docexam gui --sample; \
	else \
	  echo "docexam: no display here, so the command-line tour; on a desktop, make run opens the workstation"; \
	  $(VENV)/bin/docexam demo; \
	fi

# The build takes about 70 s here, so the suite tests it too (tests/packaging, collected only with DOCEXAM_DIST).
# tests/gui/test_desktop_xvfb.py runs the workstation on a real X server (Xvfb, Qt's xcb platform) at 1366x768.
# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process); a worker that runs out of
# tests takes over the rest of another's (worksteal: the bench smoke tests take up to 45 s each, and start first:
# LONG_FIRST in tests/conftest.py).
# The lint (mostly mypy, one core), the build (mostly PyInstaller, one core) and the suite run side by side, and the
# build's own tests as soon as it is there: each of them leaves a core idle at times (one process, a subprocess
# waited for), which the others take, and a failure of any fails make test once all have finished.
TEST_WORKERS ?= auto
PYTEST_XDIST = -n $(TEST_WORKERS) --dist worksteal
test: venv locale $(VENV)/.dist-installed
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(SCREENSHOT_APT_PACKAGES)"
	@$(MAKE) --no-print-directory -j3 --output-sync=line lint test-suite test-packaging

.PHONY: test-suite test-packaging
test-suite: venv locale
	$(PY) -m pytest $(PYTEST_XDIST) --durations=15

test-packaging: dist-build
	DOCEXAM_DIST=$(CURDIR)/$(DIST_DIR) $(PY) -m pytest $(PYTEST_XDIST) -p no:cacheprovider tests/packaging

# The code stays as the tooling configured in pyproject.toml keeps it: ruff over the code, the tests, the benchmarks
# and the tools; mypy over docexam/ (the strictly typed packages are listed there, and only grow).
.PHONY: lint
lint: venv
	$(VENV)/bin/ruff check docexam tests bench tools
	$(VENV)/bin/mypy

# The translations (docexam.i18n, issue 23): each catalogue docexam/locale/<lang>/LC_MESSAGES/docexam.po, kept in the
# repository, compiled to its .mo (not kept: .gitignore) with Babel; run, test and dist compile them first, and the
# checkpoint build ships the .mo files. A .mo missing or older than its .po is compiled in memory at run time, so a
# fresh checkout works before make has run.
LOCALE_PO := $(wildcard docexam/locale/*/LC_MESSAGES/docexam.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
# The workstation's own catalogues (Qt's translation system, docexam.gui.i18n): docexam/gui/translations/*.ts, kept in
# the repository, compiled to .qm (not kept) with PySide6's lrelease; the checkpoint build ships the .qm files. A .qm
# missing or older than its .ts is compiled at start-up (or the .ts read as it is), so a fresh checkout needs no make.
GUI_TS := $(wildcard docexam/gui/translations/docexam_*.ts)
GUI_QM := $(GUI_TS:.ts=.qm)
.PHONY: locale locale-update
locale: $(LOCALE_MO) $(GUI_QM)

docexam/locale/%/LC_MESSAGES/docexam.mo: docexam/locale/%/LC_MESSAGES/docexam.po $(STAMP)
	$(PY) tools/i18n_catalogue.py compile $<

docexam/gui/translations/%.qm: docexam/gui/translations/%.ts $(STAMP)
	$(PY) tools/gui_i18n.py compile $<

# Strings newly marked for translation (_(), N_(), ngettext(), the report's tr()) enter every catalogue, untranslated;
# tests/test_i18n_catalogues.py fails until each has its translation. tools/i18n_catalogue.py stats: the share done.
locale-update: venv
	$(PY) tools/i18n_catalogue.py update
	$(PY) tools/i18n_catalogue.py stats
	$(PY) tools/gui_i18n.py update
	$(PY) tools/gui_i18n.py stats

bench: venv $(VENV)/.bench-installed
	$(PY) bench/mrz_parse_bench.py
	$(PY) bench/specimen_bench.py
	$(PY) bench/read_bench.py
	$(PY) bench/store_bench.py
	$(PY) bench/compare_bench.py
	$(PY) bench/design_read_bench.py
	$(PY) bench/gui_bench.py

# Screenshots of the main window in each comparison mode (docs/, shown in the README), taken under Xvfb: a real X
# server and Qt's xcb platform, as on a desktop.
SCREENSHOT_APT_PACKAGES := xvfb xauth $(DESKTOP_APT_PACKAGES)
.PHONY: screenshots
screenshots: venv
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(SCREENSHOT_APT_PACKAGES)"
	env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1366x768x24 -dpi 96" $(PY) tools/screenshots.py --out docs

# The checkpoint build: dist/docexam/ from docexam.spec (see docs/checkpoint-build.md), then tools/dist_smoke.py
# and tests/packaging on a copy of it outside the source tree, run with an empty environment. PyInstaller reads, and
# the spec follows and strips, shared libraries with binutils; the spec bundles the package's fonts (docexam/fonts/),
# the font of fonts-wqy-microhei (in APT_PACKAGES) and, for a laptop's desktop, the xcb libraries Qt's X11 plugin loads.
DIST_DIR := dist/docexam
# PyInstaller bundles Python's shared library: for Debian's own python3 (prefix /usr) that is package libpython3.X.
DIST_LIBPYTHON = $(shell $(PYTHON) -c \
  'import sys; print("libpython%d.%d" % sys.version_info[:2] if sys.base_prefix == "/usr" else "")')
DIST_APT_PACKAGES = binutils $(DESKTOP_APT_PACKAGES) $(DIST_LIBPYTHON)
.PHONY: dist dist-build

$(VENV)/.dist-installed: $(STAMP)
	$(call PIP_INSTALL,-e '.[test$(comma)dist]')
	@touch $@

# $(call pyinstall,VENV): dist/docexam/ from docexam.spec with VENV's packages.
define pyinstall
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(DIST_APT_PACKAGES)"
	@start=$$(date +%s); \
	$(1)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build docexam.spec && \
	echo "docexam: built $(DIST_DIR)/ in $$(( $$(date +%s) - start )) s, $$(du -sm $(DIST_DIR) | cut -f1) MiB"
endef

# make test's build: the project's venv, with the official OpenCV wheel (it checks the packaging in under a minute).
dist-build: venv locale $(VENV)/.dist-installed
	$(call pyinstall,$(VENV))

# The folder that ships carries a lean OpenCV instead (tools/build_lean_opencv.sh: only the modules docexam calls,
# no ffmpeg or BLAS; 152 MiB of the folder become 25), built once per machine and Python into the user cache (about
# 8 minutes on 2 cores) and installed into a venv of its own, so the project's venv keeps the official wheel.
LEAN_CV_VERSION := 5.0.0.93
LEAN_CV_DIR := $(HOME)/.cache/docexam/lean-opencv-$(LEAN_CV_VERSION)-$(shell $(PYTHON) -c 'import sys; print("py%d%d" % sys.version_info[:2])')
LEAN_CV_APT_PACKAGES := g++ cmake ninja-build nasm
DIST_VENV := .venv-dist

$(LEAN_CV_DIR)/.built:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(LEAN_CV_APT_PACKAGES)"
	rm -rf $(LEAN_CV_DIR) && mkdir -p $(LEAN_CV_DIR)
	$(PYTHON) -m venv $(LEAN_CV_DIR)/build-venv
	$(LEAN_CV_DIR)/build-venv/bin/pip install --quiet --disable-pip-version-check numpy==2.0.2 scikit-build==0.19.1 \
	  setuptools==59.2.0 wheel packaging
	$(LEAN_CV_DIR)/build-venv/bin/pip download --quiet --disable-pip-version-check --no-deps --no-build-isolation \
	  --no-binary opencv-python-headless opencv-python-headless==$(LEAN_CV_VERSION) -d $(LEAN_CV_DIR)
	@echo "docexam: building a lean OpenCV $(LEAN_CV_VERSION) for the checkpoint folder (once; about 8 minutes on 2 cores)"
	bash tools/build_lean_opencv.sh $(LEAN_CV_DIR)/opencv_python_headless-$(LEAN_CV_VERSION).tar.gz \
	  $(LEAN_CV_DIR)/wheels $(LEAN_CV_DIR)/build-venv/bin/python
	rm -rf $(LEAN_CV_DIR)/build-venv
	@touch $@

$(DIST_VENV)/.installed: pyproject.toml $(LEAN_CV_DIR)/.built
	@[ -x $(DIST_VENV)/bin/python ] || $(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(DIST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
	  $(LEAN_CV_DIR)/wheels/opencv_python_headless-$(LEAN_CV_VERSION)-*.whl
	$(DIST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dist]'
	$(DIST_VENV)/bin/python -c 'import cv2, pathlib, sys; \
	  libs = pathlib.Path(cv2.__file__).parent.parent / "opencv_python_headless.libs"; \
	  sys.exit("the official OpenCV wheel replaced the lean one in $(DIST_VENV)" if libs.exists() else 0)'
	@touch $@

dist: venv locale $(DIST_VENV)/.installed
	$(call pyinstall,$(DIST_VENV))
	$(PY) tools/dist_smoke.py $(DIST_DIR)
	DOCEXAM_DIST=$(CURDIR)/$(DIST_DIR) $(PY) -m pytest tests/packaging

clean:
	rm -rf $(VENV) $(DIST_VENV) .pytest_cache .hypothesis build dist *.egg-info .cache
