# Two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench vignettes serve clean

$(STAMP): pyproject.toml
	@echo "Installing triggermap and its libraries into $(VENV) (first run only: a few minutes)"
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/triggermap kb check
	$(BIN)/triggermap assess --input examples/demo-case.json
	mkdir -p out
	$(BIN)/triggermap plan --input examples/demo-case.json --format html -o out/demo-plan.html --force
	$(BIN)/triggermap plan --input examples/demo-case.json --format pdf -o out/demo-plan.pdf --force
	@echo "The care plan handout for this case: out/demo-plan.html and out/demo-plan.pdf"

serve: $(STAMP)
	$(BIN)/triggermap serve

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy src

test: lint typecheck
	$(BIN)/python -m pytest

vignettes: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/score-vignettes ../shared/vignettes/public.yaml

bench: $(STAMP)
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/storage.py
	$(BIN)/python bench/handout.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/batch_memory.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
