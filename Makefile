# The two front-door commands: `make demo` (install, seed, serve) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint bench eval clean

demo: install
	$(BIN)/wismo demo seed
	$(BIN)/wismo serve --demo

test: install
	$(BIN)/ruff check wismo tests
	$(BIN)/pytest -q

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

lint: install
	$(BIN)/ruff check wismo tests

bench: install
	$(BIN)/wismo bench --json

clean:
	rm -rf $(VENV) wismo-data .pytest_cache
