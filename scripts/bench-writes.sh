#!/usr/bin/env bash
# make bench-writes: 32 teachers entering marks at once for 30 s through the JSON API, on the
# 1,000-student demo school of make bench-http: writes per second, latency percentiles, and
# any answer other than 201 Created (targets: ≥ 1,000 writes/s, p99 ≤ 50 ms, no error).
set -euo pipefail
cd "$(dirname "$0")/.."

JOURNAL=${JOURNAL:-.build/release/journal}
PORT=${PORT:-18082}
TEACHERS=${TEACHERS:-32}
DURATION=${DURATION:-30s}
source scripts/bench-school.sh
start_server var/bench-writes-server.log --today 2026-11-20

# Each teacher signs in and names the works of their groups dated up to today, with the
# students of each: a line "TOKEN WORK STUDENT" per mark that may be entered.
python3 - "$CREDENTIALS" "$PORT" "$TEACHERS" var/bench-writes-lines.txt <<'PY'
import sys
sys.path.insert(0, "scripts")
from benchlib import Client, Credentials

credentials, port, teachers, out = Credentials(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
client = Client(port)
lines = []
for row in credentials.with_role("teacher")[:teachers]:
    token = credentials.sign_in(client, row["login"])
    for assignment in client.json("GET", "/api/v1/me/assignments", token=token)[:2]:
        grid = client.json("GET", f"/api/v1/assignments/{assignment['id']}/journal?period=current", token=token)
        works = [work for work in grid["works"] if work["date"] <= "2026-11-20"][-3:]
        for work in works:
            for student in grid["students"]:
                lines.append(f"{token} {work['id']} {student['id']}")
with open(out, "w") as file:
    file.write("\n".join(lines) + "\n")
print(f"{teachers} teachers signed in; {len(lines)} marks they may enter")
PY

wrk -t2 -c"$TEACHERS" -d"$DURATION" --latency -s scripts/bench-writes.lua "http://127.0.0.1:$PORT" \
    -- var/bench-writes-lines.txt | tee var/bench-writes.txt

python3 - var/bench-writes.txt <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
p99_ms = float(p99.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1000.0}[p99.group(2)]
failures = int(re.search(r"answers other than 201: (\d+)", text).group(1))
print(f"mark writes: {rate:.0f}/s (target ≥ 1,000) → {'met' if rate >= 1000 else 'missed'}")
print(f"p99: {p99_ms:.1f} ms (target ≤ 50 ms) → {'met' if p99_ms <= 50 else 'missed'}")
print(f"answers other than 201: {failures} → {'none' if failures == 0 else 'ERRORS'}")
PY
