#!/usr/bin/env bash
# make test runs this: the web interface in real headless Chromium (Debian's chromium and
# chromium-driver) driven by Python's selenium, against a demo school served on 127.0.0.1.
# Screenshots of every page the tests pass through go to artifacts/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."

JOURNAL=.build/debug/journal
VENV=.build/venv
WORK=$(mktemp -d)
PORT=${PORT:-$((20000 + RANDOM % 20000))}
export BASE_URL="http://127.0.0.1:$PORT"
export CREDENTIALS="$WORK/credentials.csv"
export DATABASE="$WORK/browser.sqlite"
export ARTIFACTS="$PWD/artifacts/browser"

scripts/python-venv.sh
rm -rf "$ARTIFACTS" && mkdir -p "$ARTIFACTS"
"$JOURNAL" demo --db "$DATABASE" --students 120 --today 2026-11-20 --credentials "$CREDENTIALS" >/dev/null
"$JOURNAL" serve --db "$DATABASE" --port "$PORT" --today 2026-11-20 --delivery-interval 1 >"$ARTIFACTS/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE_URL/api/v1/health" >/dev/null && break; sleep 0.1; done

"$VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/Browser "$@"
