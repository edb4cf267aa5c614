#!/usr/bin/env bash
# make bench-grid: how long the journal grid page of a 30-student group over a quarter takes
# to render, on the 1,000-student demo school of make bench-http: the median and p90 of
# repeated requests, one after another on a kept-alive connection, next to a trivial route.
set -euo pipefail
cd "$(dirname "$0")/.."

JOURNAL=${JOURNAL:-.build/release/journal}
PORT=${PORT:-18081}
REQUESTS=${REQUESTS:-100}
source scripts/bench-school.sh
start_server var/bench-grid-server.log --today 2026-11-20

python3 - "$DB" "$CREDENTIALS" "$PORT" "$REQUESTS" <<'EOF'
import csv, http.client, json, sqlite3, statistics, sys, time

db, credentials, port, requests = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
# The mathematics of the largest whole class in grades 5–9, and its teacher.
assignment, students, login = sqlite3.connect(db).execute("""
    SELECT a.id, COUNT(m.studentID) AS students, acc.login FROM teachingAssignment a
    JOIN teachingGroup g ON g.id = a.groupID JOIN schoolClass c ON c.id = g.classID
    JOIN subject s ON s.id = a.subjectID JOIN groupMember m ON m.groupID = g.id
    JOIN account acc ON acc.staffID = a.teacherID
    WHERE g.kind = 'class' AND s.name = 'Математика' AND c.grade BETWEEN 5 AND 9
    GROUP BY a.id ORDER BY students DESC, a.id LIMIT 1""").fetchone()
rows = list(csv.DictReader(open(credentials, encoding="utf-8")))
person = next(row for row in rows if row["login"] == login)

connection = http.client.HTTPConnection("127.0.0.1", port)

def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()

status, body = call("POST", "/api/v1/session", {"login": login, "password": person["password"]})
assert status == 201 or status == 200, body
token = json.loads(body)["token"]
new_password = f"Bench-{int(time.time())}-grid"
status, _ = call("POST", "/api/v1/session/password",
                 {"currentPassword": person["password"], "newPassword": new_password}, token)
if status in (200, 204):
    person["password"] = new_password
    with open(credentials, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)

def timed(path):
    times = []
    for index in range(requests + 5):
        start = time.perf_counter()
        status, body = call("GET", path, token=token)
        elapsed = time.perf_counter() - start
        assert status == 200, (path, status, body[:300])
        if index >= 5:
            times.append(elapsed * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], len(body)

grid = f"/journal/assignments/{assignment}?period=q2"
status, page = call("GET", grid, token=token)
columns = page.count(b'scope="col" class="col')
grid_median, grid_p90, size = timed(grid)
api_median, api_p90, api_size = timed(f"/api/v1/assignments/{assignment}/journal?period=q2")
trivial_median, trivial_p90, _ = timed("/api/v1/health")
print(f"journal grid: {students} students × {columns} columns (quarter 2), {size // 1024} KiB of HTML")
print(f"  page  GET {grid}: median {grid_median:.1f} ms, p90 {grid_p90:.1f} ms over {requests} requests")
print(f"  JSON  GET /api/v1/assignments/{assignment}/journal: median {api_median:.1f} ms, p90 {api_p90:.1f} ms"
      f" ({api_size // 1024} KiB)")
print(f"  trivial GET /api/v1/health: median {trivial_median:.2f} ms, p90 {trivial_p90:.2f} ms")
EOF
