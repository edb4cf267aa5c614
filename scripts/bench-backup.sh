#!/usr/bin/env bash
# make bench-backup: `journal backup` of the 1,000-student demo school while it serves, with a
# small load of mark writes through the API: how long the backup takes, and how long each
# write waited meanwhile (the target: none over 100 ms). Once with the default pace (pages per
# step with pauses), once in a single step.
set -euo pipefail
cd "$(dirname "$0")/.."

JOURNAL=${JOURNAL:-.build/release/journal}
PORT=${PORT:-18081}
WRITERS=${WRITERS:-4}
source scripts/bench-school.sh
start_server var/bench-backup-server.log --today 2026-11-20

SIZE_MIB=$(( $(stat -c %s "$DB") / 1048576 ))
echo "database: $DB, $SIZE_MIB MiB; $WRITERS writers posting marks"
python3 - "$CREDENTIALS" "$PORT" "$WRITERS" "$JOURNAL" "$DB" <<'PY'
import os, subprocess, sys, threading, time
sys.path.insert(0, "scripts")
from benchlib import Client, Credentials, percentile

credentials, port, writers = Credentials(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
journal, db = sys.argv[4], sys.argv[5]

# A teacher of a group with marks (a scale) and works up to today.
client = Client(port)
for row in credentials.with_role("teacher"):
    token = credentials.sign_in(client, row["login"])
    grids = [(a, client.json("GET", f"/api/v1/assignments/{a['id']}/journal", token=token))
             for a in client.json("GET", "/api/v1/me/assignments", token=token)]
    grids = [(a, g) for (a, g) in grids if g["scaleValues"] and g["students"]
             and any(work["date"] <= "2026-11-20" for work in g["works"])]
    if grids: break
else:
    sys.exit("no teacher with works to mark")
assignment, grid = grids[0]
works = [work["id"] for work in grid["works"] if work["date"] <= "2026-11-20"]
students = [student["id"] for student in grid["students"]]
values = grid["scaleValues"]
print(f"{row['login']}: {assignment['subject']}, {assignment['group']}: {len(students)} students, "
      f"{len(works)} works, marks {' '.join(values)}")
failures = []

samples = []          # (start, seconds, status)
stop = threading.Event()
lock = threading.Lock()

def writer(index):
    connection = Client(port)
    n = index
    while not stop.is_set():
        body = {'workID': works[n % len(works)], 'studentID': students[n % len(students)],
                'value': values[n % len(values)], 'isDebt': False}
        started = time.monotonic()
        status, answer = connection.call('POST', '/api/v1/marks', body, token)
        with lock:
            samples.append((started, time.monotonic() - started, status))
            if status != 201 and len(failures) < 3: failures.append((status, answer))
        n += writers
        time.sleep(0.02)

def run(label, arguments):
    samples.clear()
    stop.clear()
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for thread in threads: thread.start()
    time.sleep(2)
    out = f'var/bench-backup-{label}.sqlite'
    if os.path.exists(out): os.remove(out)
    started = time.monotonic()
    result = subprocess.run([journal, 'backup', '--db', db, '--out', out] + arguments, capture_output=True, text=True)
    ended = time.monotonic()
    time.sleep(2)
    stop.set()
    for thread in threads: thread.join()
    if result.returncode != 0:
        print(result.stderr); sys.exit(1)
    during = sorted(s for (t, s, _) in samples if t + s >= started and t <= ended)
    before = sorted(s for (t, s, _) in samples if t + s < started)
    failed = sum(1 for (_, _, status) in samples if status != 201)
    def ms(x): return f'{x * 1000:.1f} ms'
    def p(values, q): return percentile(values, q) if values else 0
    print(f"== {label}: journal backup {' '.join(arguments)}")
    print('  ' + result.stdout.strip())
    print(f'  backup took {ms(ended - started)} (wall, the command from start to exit)')
    print(f'  writes before the backup: {len(before)}, median {ms(p(before, 0.5))}, max {ms(before[-1] if before else 0)}')
    print(f'  writes during the backup: {len(during)}, median {ms(p(during, 0.5))}, p99 {ms(p(during, 0.99))}, '
          f'max {ms(during[-1] if during else 0)}; over 100 ms: {sum(1 for s in during if s > 0.1)}; failed: {failed}')
    for status, answer in failures: print(f'  failed: {status} {answer}')
    os.remove(out)

run('paced', [])
run('one-step', ['--pages-per-step=-1', '--pause-ms=0'])
PY
