# Agora: `make demo` builds the sample knowledge base and site; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
export HF_HUB_OFFLINE = 1
export TRANSFORMERS_OFFLINE = 1
export ANONYMIZED_TELEMETRY = False

.PHONY: demo test install chromium lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

# Debian's Chromium for the browser tests (no browser downloads).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(BIN)/agora add examples/ --quiet
	$(BIN)/agora index
	$(BIN)/agora search "keystroke tracking erodes trust" -n 3
	$(BIN)/agora publish
	@echo "Site built in site/. Browse it with: $(BIN)/agora serve  (then open http://127.0.0.1:8000)"

test: install chromium
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check indexer tests bench scripts

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf site .agora
