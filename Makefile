# Box Login — the commands a person needs. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench deb clean setup translations translations-update

setup: $(STAMP) translations

# The window's translations: .qm built from the .ts sources (resources/translations/).
# `make translations-update` refreshes the .ts files from the code (pyside6-lupdate).
TS := $(wildcard resources/translations/*.ts)
translations: $(STAMP) $(TS:.ts=.qm)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find main.py gui cli core -name '*.py' -not -path 'core/sandbox/*' | sort) -ts $(TS)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Box Login needs Python 3.11 or newer (found " + sys.version.split()[0] + ").")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	@# Qt WebEngine moved from the PySide6-WebEngine wheel (6.12) to PySide6-Addons (6.11.3):
	@# an older environment's copies (and 6.12's separate PySide6-Pdf) would shadow them.
	@$(PY) -m pip uninstall --quiet --yes PySide6-WebEngine PySide6-Pdf >/dev/null 2>&1 || true
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP) translations
	@packaging/linux/system-deps.sh install-runtime || true
	@if [ "$$(id -u)" = "0" ]; then \
	  echo "Running as root: starting the embedded browser without its sandbox."; \
	  QTWEBENGINE_DISABLE_SANDBOX=1 $(PY) main.py; \
	else $(PY) main.py; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/zizmor --offline .github/

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: $(STAMP) translations
	@packaging/linux/system-deps.sh install
	$(MAKE) --no-print-directory lint
	tests/run-suite.sh

bench: $(STAMP)
	tests/session.sh --xvfb $(PY) -m tests.bench $(BENCH)

deb: $(STAMP)
	$(MAKE) -C packaging deb CONFIG="$(CONFIG)"

clean:
	rm -rf build dist tests/artifacts resources/translations/*.qm .pytest_cache .mypy_cache .ruff_cache
