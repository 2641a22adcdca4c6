# Two commands do everything: `make reproduce` and `make test`.
# Both create .venv on first use and install the pinned dependencies (requirements.lock).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Fixed hashing; quiet debugger checks in the kernel.
RUN_ENV := PYTHONHASHSEED=0 PYDEVD_DISABLE_FILE_VALIDATION=1

.PHONY: reproduce results html report test lint lock bench clean-venv

# `make bench SCALE=` runs the scale benchmark at full size (10x, 50x, 200x the corpus).
SCALE ?= --quick

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

reproduce: $(STAMP)
	$(RUN_ENV) $(BIN)/python -m corpus_tools.notebooks $(NOTEBOOKS)
	$(RUN_ENV) $(BIN)/python -m corpus_tools.results corpus --out results

# The coded tables of the bundled corpus (CODEBOOK.md defines them).
results: $(STAMP)
	$(RUN_ENV) $(BIN)/python -m corpus_tools.results corpus --out results

# The executed notebooks as offline HTML pages in site/ (generated, not committed).
html: $(STAMP)
	$(RUN_ENV) $(BIN)/python -m corpus_tools.pages $(NOTEBOOKS) --out site --title "Coverage of the 2021 drone attack on Iraq's prime minister"

# The notebook series on any corpus: make report CORPUS=path/to/corpus OUT=path/to/report
report:
	@test -n "$(CORPUS)" -a -n "$(OUT)" || (echo "usage: make report CORPUS=corpus_dir OUT=out_dir" >&2; exit 2)
	@$(MAKE) --no-print-directory $(STAMP)
	$(RUN_ENV) $(BIN)/python -m corpus_tools.report "$(CORPUS)" --out "$(OUT)"

test: $(STAMP)
	$(RUN_ENV) $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/tokenize_speed.py
	$(BIN)/python benchmarks/measure_speed.py
	$(BIN)/python benchmarks/scale_speed.py $(SCALE)

# Re-resolve the pins from requirements.in in a throwaway environment.
lock:
	rm -rf /tmp/corpus_tools-lock && $(PYTHON) -m venv /tmp/corpus_tools-lock
	/tmp/corpus_tools-lock/bin/pip install --quiet -r requirements.in
	/tmp/corpus_tools-lock/bin/pip freeze --all | grep -v '^pip==' > requirements.lock

clean-venv:
	rm -rf $(VENV)
