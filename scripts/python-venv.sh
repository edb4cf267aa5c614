#!/usr/bin/env bash
# The Python tools the tests use, pinned, in .build/venv (never in the system's Python).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.build/venv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r scripts/python-requirements.txt
