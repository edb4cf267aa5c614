# SchoolJournal: `make run` sets up, builds and starts the main job; `make test` sets up,
# builds, lints and runs every test. Both install what a fresh Debian machine lacks.

SWIFT       ?= swift
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES = pkg-config liblua5.4-dev libsqlite3-dev
JOURNAL      = .build/debug/journal

.PHONY: all deps build build-release lint format test run bench clean

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

## run: a demonstration of the rules runtime on the sample rules under examples/
run: build
	@echo "== A grading rule evaluated in the sandbox =="
	$(JOURNAL) script run examples/recommended-marks.lua
	@echo "== A hostile script, stopped by the sandbox (exit status 1 is expected) =="
	-$(JOURNAL) script run examples/endless-loop.lua

bench: build-release
	.build/release/journal bench lua

clean:
	$(SWIFT) package clean
