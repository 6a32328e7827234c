# The two commands of the README: `make run` and `make test`. Both install
# everything they need first (a virtualenv in .venv, pinned by constraints.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= dist

.PHONY: install run test lint typecheck pytest test-tools datapackage bench bench-peer clean

# The package's bytecode is written at every install, as pip writes it for a
# package it installs (an editable install leaves it to the first import, and
# where PYTHONDONTWRITEBYTECODE is set, as in many containers, every process
# would compile the modules again). Up-to-date files are skipped.
install: $(STAMP)
	@$(BIN)/python -m compileall -q src/corpuscheck > /dev/null

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,ray]"
	touch $(STAMP)

# Build seeds/ into $(OUT)/. Exit status 1 only means the corpus has
# error-severity findings (they are listed, and in $(OUT)/report.html).
run: install
	@$(BIN)/corpuscheck build seeds --out $(OUT); status=$$?; \
	if [ $$status -eq 1 ]; then echo "(the corpus has error findings: see $(OUT)/report.html)"; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

test: install lint typecheck pytest

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

pytest: install test-tools
	$(BIN)/python -m pytest

# Chromium, Java and the Nu HTML checker for the report's browser tests
# (installed only where missing; see the script).
test-tools:
	bash scripts/install-test-tools.sh

# Regenerate the top-level datapackage.json (the corpus as committed) after the
# seeds changed; `frictionless validate datapackage.json` checks it.
datapackage: install
	$(BIN)/corpuscheck datapackage seeds

bench: install
	$(BIN)/python benchmarks/bench_build.py

# corpuscheck against datatrove on 20 MB of French prose from Debian's
# documentation packages (see benchmarks/README.md; needs apt-get).
bench-peer: install
	$(BIN)/python benchmarks/bench_peer.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
