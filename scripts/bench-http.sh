#!/usr/bin/env bash
# make bench-http: wrk against the diary-week endpoint and a trivial endpoint of the same
# server, in one run, on the 1,000-student demo school; then the server's resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."

JOURNAL=.build/release/journal
PORT=${PORT:-18080}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20s}
source scripts/bench-school.sh
start_server var/bench-http-server.log

# A parent of a child in grades 5–9, where marks are given (grade 1 has none to write), signs in
# and chooses their own password, as every demo account must.
read -r PARENT STUDENT < <(python3 -c 'import sqlite3, sys; print(*sqlite3.connect(sys.argv[1]).execute(
    "SELECT acc.login, st.id FROM account acc"
    " JOIN studentRepresentative link ON link.representativeID = acc.representativeID"
    " JOIN student st ON st.id = link.studentID JOIN schoolClass c ON c.id = st.classID"
    " WHERE c.grade BETWEEN 5 AND 9 ORDER BY acc.id LIMIT 1").fetchone())' "$DB")
read -r LOGIN PASSWORD < <(awk -F, -v login="$PARENT" '$1 == login { print $1, $2; exit }' "$CREDENTIALS")
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -sf -X POST "$BASE/session" -d "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" | json "['token']")
NEW_PASSWORD="Bench-$(date +%s)-pass"
if curl -sf -o /dev/null -X POST "$BASE/session/password" -H "Authorization: Bearer $TOKEN" \
    -d "{\"currentPassword\":\"$PASSWORD\",\"newPassword\":\"$NEW_PASSWORD\"}"; then
    sed -i "s/^$LOGIN,$PASSWORD,/$LOGIN,$NEW_PASSWORD,/" "$CREDENTIALS"
fi
DIARY="$BASE/students/$STUDENT/diary?week=2026-11-16"
curl -sf "$DIARY" -H "Authorization: Bearer $TOKEN" | python3 -c "
import sys, json; d = json.load(sys.stdin)
print('diary week of', d['student']['name'], d['student']['className'], ':', sum(len(x['lessons']) for x in d['days']), 'lessons')"

# A teacher of that student changes one of their marks every 100 ms while wrk runs, so the
# diary's cached answer is really retired again and again (a school day's steady writes).
WRITER=
start_writer() {
    python3 - "$DB" "$CREDENTIALS" "$PORT" "$STUDENT" <<'PY' &
import sqlite3, sys, time
sys.path.insert(0, "scripts")
from benchlib import Client, Credentials
db, credentials, port, student = sys.argv[1], Credentials(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
# A work of the student's class (whole-class groups have no member rows: their members are the class).
work, login = sqlite3.connect(db).execute("""
    SELECT w.id, acc.login FROM student st JOIN teachingGroup g ON g.classID = st.classID AND g.kind = 'class'
    JOIN teachingAssignment a ON a.groupID = g.id JOIN work w ON w.assignmentID = a.id
    JOIN account acc ON acc.staffID = a.teacherID JOIN subject s ON s.id = a.subjectID
    WHERE st.id = ? AND w.date <= '2026-11-20' AND s.name NOT IN ('ОРКСЭ')
    ORDER BY w.date DESC LIMIT 1""", (student,)).fetchone()
client = Client(port)
token = credentials.sign_in(client, login)
# One mark, changed again and again: the week's data stays the same size while its tag moves.
mark = client.json("POST", "/api/v1/marks", {"workID": work, "studentID": student, "value": "4", "isDebt": False}, token)
value = "4"
while True:
    time.sleep(0.1)
    value = "5" if value == "4" else "4"
    mark = client.json("PATCH", f"/api/v1/marks/{mark['id']}", {"version": mark["version"], "value": value}, token)
PY
    WRITER=$!
}
stop_writer() { kill "$WRITER" 2>/dev/null || true; wait "$WRITER" 2>/dev/null || true; }
trap 'stop_writer; kill $SERVER 2>/dev/null || true' EXIT

run() {
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$1" | tee "var/bench-http-$2.txt"
}
echo "== trivial: GET /api/v1/health =="
run "$BASE/health" trivial
echo "== diary week: GET /api/v1/students/$STUDENT/diary, a mark of theirs changed every 100 ms =="
start_writer
run "$DIARY" diary
stop_writer

rate() { awk '/Requests\/sec/ { print $2 }' "var/bench-http-$1.txt"; }
p99() { awk '$1 == "99%" { print $2 }' "var/bench-http-$1.txt"; }
TRIVIAL=$(rate trivial)
DIARY_RATE=$(rate diary)
RSS_KB=$(ps -o rss= -p "$SERVER" | tr -d ' ')
echo
echo "trivial: $TRIVIAL req/s, p99 $(p99 trivial)"
echo "diary:   $DIARY_RATE req/s, p99 $(p99 diary)"
DIARY_P99=$(p99 diary)

# The same again with every diary week built and encoded anew (no response cache).
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
start_server var/bench-http-server.log --no-response-cache
echo "== without the response cache =="
run "$BASE/health" trivial-uncached
start_writer
run "$DIARY" diary-uncached
stop_writer
echo "uncached: trivial $(rate trivial-uncached) req/s; diary $(rate diary-uncached) req/s, p99 $(p99 diary-uncached)"
python3 -c "import sys; print(f'uncached diary / trivial: {float(sys.argv[1]) / float(sys.argv[2]):.0%}')" \
    "$(rate diary-uncached)" "$(rate trivial-uncached)"
echo

python3 - "$TRIVIAL" "$DIARY_RATE" "$DIARY_P99" "$RSS_KB" <<'PY'
import sys

def milliseconds(text):
    for suffix, factor in (("us", 1e-3), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    raise ValueError(text)

trivial, diary, p99, rss = float(sys.argv[1]), float(sys.argv[2]), milliseconds(sys.argv[3]), int(sys.argv[4]) / 1024
ratio = diary / trivial
print(f"diary / trivial: {ratio:.0%} (target ≥ 30%) → {'met' if ratio >= 0.3 else 'missed'}")
print(f"diary p99: {p99:.1f} ms (target ≤ 20 ms) → {'met' if p99 <= 20 else 'missed'}")
print(f"server resident memory after the run: {rss:.0f} MB (target ≤ 150 MB) → {'met' if rss <= 150 else 'missed'}")
PY
