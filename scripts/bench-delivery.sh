#!/usr/bin/env bash
# `make bench-delivery`: a local SMTP server (aiosmtpd, scripts/smtp-sink.py) on a free port of
# 127.0.0.1, then `journal bench delivery` handing it 1,000 families' weekly digests.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'kill "$sink" 2>/dev/null || true; rm -rf "$dir"' EXIT
.build/venv/bin/python3 -W ignore scripts/smtp-sink.py --dir "$dir/messages" --ready-file "$dir/port" &
sink=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
port=$(cat "$dir/port")
"${JOURNAL:-.build/release/journal}" bench delivery --students 2500 --smtp "smtp://127.0.0.1:$port?from=school@example.org" "$@"
echo "the mail server received $(ls "$dir/messages" | grep -c '\.json$') messages"
