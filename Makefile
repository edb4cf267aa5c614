# SchoolJournal: `make run` sets up, builds and starts the main job; `make test` sets up,
# builds, lints and runs every test. Both install what a fresh Debian machine lacks.

SWIFT       ?= swift
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES = pkg-config liblua5.4-dev libsqlite3-dev libxlsxwriter-dev python3-venv curl \
               libcurl4-openssl-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core
# What only the tests need: a real browser for the web interface's tests, and pdftotext to
# read the printed sheets back.
TEST_APT_PACKAGES = chromium chromium-driver poppler-utils
JOURNAL      = .build/debug/journal

.PHONY: all deps test-deps venv apt build build-release lint format test test-security schemathesis browser-tests run bench bench-http bench-grid bench-writes bench-backup bench-delivery bench-surveys bench-plugins clean

all: build

## deps: install the Debian packages the build needs (only those missing)
deps:
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_PACKAGES)"

test-deps: deps
	@$(MAKE) --no-print-directory apt PACKAGES="$(TEST_APT_PACKAGES)"

## venv: the pinned Python tools of the tests in .build/venv (openpyxl reads exported XLSX
## files back in `swift test`, so the virtualenv comes before it)
venv:
	scripts/python-venv.sh

apt:
	@missing=""; \
	for package in $(PACKAGES); do \
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
	$(SWIFT) format lint --strict --recursive Sources Tests Plugins Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Plugins Package.swift

test: test-deps lint
	$(SWIFT) build --build-tests
	scripts/python-venv.sh
	$(SWIFT) test --skip-build
	$(MAKE) test-security
	$(MAKE) schemathesis
	$(MAKE) browser-tests

## test-security: the load test of connection exhaustion and sign-in floods (issue 9): a demo
## school served on a free port keeps answering health and a diary week from 127.0.0.2 while
## 127.0.0.1 holds 20,000 half-open connections, then runs 32 sign-in loops; a server limited
## to 256 descriptors is flooded from 64 addresses and must not run out or die. Under a minute;
## Python's standard library only (see scripts/security-load.py).
test-security: build
	python3 scripts/security-load.py

## browser-tests: the web interface in headless Chromium (selenium, pinned, in .build/venv);
## screenshots in artifacts/browser/
browser-tests: build
	scripts/browser-tests.sh

## schemathesis: test the JSON API against its OpenAPI document on a demo school (schemathesis
## is installed, pinned, into .build/venv); see scripts/schemathesis.sh
schemathesis: build
	scripts/schemathesis.sh

DEMO_DB          = var/demo.sqlite
DEMO_CREDENTIALS = var/demo-credentials.csv

## run: create the demo school once (var/demo.sqlite), then serve it on http://127.0.0.1:8080
run: build
	@mkdir -p var
	@test -f $(DEMO_DB) || $(JOURNAL) demo --db $(DEMO_DB) --students 1000 --credentials $(DEMO_CREDENTIALS)
	@echo "SchoolJournal serves the demo school at http://127.0.0.1:8080 (API: /api/v1, described at /api/v1/openapi.yaml)"
	@echo "Demo logins (first passwords; each account must choose its own at first sign-in):"
	@for role in administrator management teacher student parent secretary medical psychologist hr; do \
		awk -F, -v role=$$role '$$3 ~ "(^|;)"role"(;|$$)" { printf "  %-14s %-28s %s\n", role, $$1, $$2; if (++n == 2) exit }' $(DEMO_CREDENTIALS); \
	done
	@echo "All logins: $(DEMO_CREDENTIALS). Stop the server with Ctrl-C."
	$(JOURNAL) serve --db $(DEMO_DB) --port 8080

bench: build-release
	.build/release/journal bench lua
	.build/release/journal bench marks --students 1000
	.build/release/journal bench access
	.build/release/journal bench targets --students 1000

## bench-http: wrk against the diary week and a trivial route of one server (1,000 students)
bench-http: build-release
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk)
	scripts/bench-http.sh

## bench-grid: render time of a 30-student group's journal grid over a quarter (1,000 students)
bench-grid: build-release
	scripts/bench-grid.sh

## bench-writes: 32 teachers entering marks at once for 30 s (1,000 students)
bench-writes: build-release
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk)
	scripts/bench-writes.sh

## bench-backup: journal backup of the 1,000-student school while it serves, with mark writes
## going on: the backup's time and how long the writes waited meanwhile
bench-backup: build-release
	scripts/bench-backup.sh

clean:
	$(SWIFT) package clean

## bench-delivery: a week of marks for 1,000 families with weekly digests (a 2,500-student demo),
## mark latency with delivery running beside and without, the digests handed to a local SMTP
## server (scripts/smtp-sink.py, aiosmtpd from the test virtualenv)
bench-delivery: build-release
	scripts/python-venv.sh
	scripts/bench-delivery.sh

## bench-surveys: 1,000 ballots through the API by 64 concurrent respondents (p99 ≤ 50 ms), and
## the results of a 20-question survey over 2,000 ballots (≤ 200 ms), on a 1,200-student demo
bench-surveys: build-release
	.build/release/journal bench surveys --ballots 1000 --clients 64 --result-ballots 2000

## bench-plugins: 10,000 mark events through the shipped plugins of plugins/ (≤ 2 s end to end),
## and a mark's latency with the plugins running beside it against without (≤ 10% more)
bench-plugins: build-release
	.build/release/journal bench plugins --events 10000 --students 600

