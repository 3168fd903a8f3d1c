# The two commands of the README: `make serve` and `make test`.
# Each does its own set-up on a fresh machine (venv, pip, npm, Debian packages) and reuses it after.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
DATA ?= data
INSTALLED := $(VENV)/.installed
# Front-end libraries from npm (package.json + lockfile), copied into the git-ignored folder the pages load.
VENDOR := service/static/vendor
VENDOR_FILES := node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css \
	node_modules/chart.js/dist/chart.umd.min.js node_modules/cytoscape/dist/cytoscape.min.js \
	node_modules/d3-array/dist/d3-array.min.js node_modules/d3-geo/dist/d3-geo.min.js \
	node_modules/topojson-client/dist/topojson-client.min.js node_modules/world-atlas/countries-110m.json
ASSETS := $(VENDOR)/.installed
# Debian packages the tests use: a real browser and independent RDF parsers; Java runs HermiT; Virtuoso is
# the external SPARQL store `evkg push` and `evkg serve --store` are tested against.
SYSTEM_COMMANDS := chromium rapper serdi java virtuoso-t isql-vt
SYSTEM_PACKAGES := chromium raptor2-utils serdi default-jre-headless virtuoso-opensource
# Debian packages the scale bench uses: Virtuoso (the binaries only: no system service) as a peer.
BENCH_COMMANDS := virtuoso-t isql-vt
BENCH_PACKAGES := virtuoso-opensource-7-bin
BENCH_INSTALLED := $(VENV)/.bench-installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test setup system-packages bench-packages bench clean

serve: setup
	$(BIN)/evkg build --documents documents --data $(DATA)
	$(BIN)/evkg serve --data $(DATA) --port $(PORT)

test: setup system-packages
	$(BIN)/pytest

bench: setup bench-packages $(BENCH_INSTALLED)
	$(BIN)/python -m bench
	$(BIN)/python -m bench.query_latency
	$(BIN)/python -m bench.scale $(SCALE)
	$(BIN)/python -m bench.soak $(SOAK)

setup: $(INSTALLED) $(ASSETS)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp $(VENDOR_FILES) $(VENDOR)/
	touch $@

# $(call apt_install,COMMANDS,PACKAGES): install the Debian packages unless every command is already there.
define apt_install
	@for cmd in $(1); do command -v $$cmd >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(2); \
	fi
endef

system-packages:
	$(call apt_install,$(SYSTEM_COMMANDS),$(SYSTEM_PACKAGES))

# The `bench` extra (rdflib-endpoint, the pure-Python peer of the scale bench).
$(BENCH_INSTALLED): pyproject.toml $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

bench-packages:
	$(call apt_install,$(BENCH_COMMANDS),$(BENCH_PACKAGES))

clean:
	rm -rf $(VENV) node_modules service/static/vendor data .pytest_cache test-artifacts
