# SchoolJournal: `make run` sets up, builds and starts the main job; `make test` sets up,
# builds, lints and runs every test. Both install what a fresh Debian machine lacks.

SWIFT       ?= swift
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES = pkg-config liblua5.4-dev libsqlite3-dev python3-venv curl
JOURNAL      = .build/debug/journal

.PHONY: all deps build build-release lint format test schemathesis run bench clean

all: build

## deps: install the Debian packages the build needs (only those missing)
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) schemathesis

## schemathesis: test the JSON API against its OpenAPI document on a demo school (schemathesis
## is installed, pinned, into .build/venv); see scripts/schemathesis.sh
schemathesis: build
	scripts/schemathesis.sh

DEMO_DB          = var/demo.sqlite
DEMO_CREDENTIALS = var/demo-credentials.csv

## run: create the demo school once (var/demo.sqlite), then show its period marks and how one was computed
run: build
	@mkdir -p var
	@test -f $(DEMO_DB) || $(JOURNAL) demo --db $(DEMO_DB) --students 1000 --credentials $(DEMO_CREDENTIALS)
	@echo "== Period marks of 5А for the current period (first rows) =="
	@$(JOURNAL) period-marks --db $(DEMO_DB) --class 5А --period current | head -16
	@echo "== How one student's recommendation in mathematics was computed =="
	@$(JOURNAL) marks explain --db $(DEMO_DB) --subject Математика \
		--student "$$(awk -F, '$$5 == "5А" { print $$1; exit }' $(DEMO_CREDENTIALS))"
	@echo "Demo logins and first passwords: $(DEMO_CREDENTIALS)"

bench: build-release
	.build/release/journal bench lua
	.build/release/journal bench marks --students 1000

clean:
	$(SWIFT) package clean
