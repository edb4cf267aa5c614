#!/usr/bin/env bash
# Tests the JSON API against its OpenAPI document with schemathesis: a small demo school is
# served on a free local port, and schemathesis sends it generated requests, valid and
# invalid, signed in as a teacher and then as the administrator. Every check is on: no server
# errors, only documented status codes, content types, headers and response schemas, invalid
# data rejected with a 4xx, valid data not refused with a 400. Exits non-zero on any failure.
#
#   scripts/schemathesis.sh                 after `swift build`; `make schemathesis` does both
#   SCHEMATHESIS_EXAMPLES=100 scripts/schemathesis.sh     more cases per operation
#   SCHEMATHESIS_SEED=random scripts/schemathesis.sh      another sequence than the usual one
set -euo pipefail

cd "$(dirname "$0")/.."
JOURNAL=${JOURNAL:-.build/debug/journal}
VENV=.build/venv
SCHEMATHESIS_VERSION=4.32.5
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-50}
SEED=${SCHEMATHESIS_SEED:-20261120}
NEW_PASSWORD='Schemathesis-2026!'

[[ -x "$JOURNAL" ]] || { echo "$JOURNAL is missing: run swift build first" >&2; exit 1; }

# schemathesis, pinned, in a virtualenv of its own under .build.
if [[ "$("$VENV/bin/st" --version 2>/dev/null)" != *" $SCHEMATHESIS_VERSION" ]]; then
    echo "== Installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
PYTHON="$VENV/bin/python"
# hypothesis keeps its caches in the working directory unless told otherwise.
export HYPOTHESIS_STORAGE_DIRECTORY=.build/hypothesis

tmp=$(mktemp -d)
server=""
cleanup() {
    if [[ -n "$server" ]]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

echo "== Creating a demo school in $tmp"
"$JOURNAL" demo --db "$tmp/api.sqlite" --students 60 --today 2026-11-20 --credentials "$tmp/c.csv" >"$tmp/demo.log" ||
    { cat "$tmp/demo.log" >&2; exit 1; }

port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$JOURNAL" serve --db "$tmp/api.sqlite" --port "$port" >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -fsS "$base/api/v1/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "journal serve stopped" >&2; exit 1; }
    sleep 0.2
done
curl -fsS "$base/api/v1/health" >/dev/null

# Signs in the first demo account whose only role is ROLE, changes its forced password, and
# prints "TOKEN ACCOUNT-ID".
sign_in() {
    "$PYTHON" - "$base" "$tmp/c.csv" "$1" "$NEW_PASSWORD" <<'PYTHON'
import csv, json, sys, urllib.request

base, credentials, role, new_password = sys.argv[1:]

def call(method, path, body, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None

with open(credentials, newline="", encoding="utf-8") as file:
    account = next(row for row in csv.DictReader(file) if row["roles"].split(";") == [role])
token = call("POST", "/api/v1/session", {"login": account["login"], "password": account["password"], "kind": "bearer"})["token"]
call("POST", "/api/v1/session/password", {"currentPassword": account["password"], "newPassword": new_password}, token)
print(token, call("GET", "/api/v1/me", None, token)["accountID"])
PYTHON
}

read -r teacher_token teacher_account < <(sign_in teacher)
read -r admin_token admin_account < <(sign_in administrator)
read -r student_token _ < <(sign_in student)
echo "== Signed in: teacher account $teacher_account, administrator account $admin_account, a student"

seed=(--seed "$SEED")
[[ "$SEED" == random ]] && seed=()
failed=()
run() {
    local label=$1 token=$2
    shift 2
    echo "== schemathesis: $label"
    local started=$SECONDS
    "$VENV/bin/st" --config-file scripts/schemathesis.toml run "$base/api/v1/openapi.yaml" \
        --header "Authorization: Bearer $token" --checks all --max-examples "$EXAMPLES" "${seed[@]}" \
        --workers 1 --generation-database none --no-color "$@" || failed+=("$label")
    echo "== $label: $((SECONDS - started)) s"
}

# One worker: Python 3.11's ast module is not thread-safe, and hypothesis parses the source of
# its lambdas, so two workers fail now and then with "AST constructor recursion depth mismatch".
#
# DELETE /api/v1/session signs the run's own token out, after which every request is a 401: the
# other runs leave it out, and it is tested alone with a student's token of its own (stateful
# testing needs links between operations, and one operation has none).
#
# The administrator may change any account's roles and password and extend or restrict any
# role's rights, including their own: a password reset of their own account ends the run's
# session, a role change or a denial takes the rights the other operations are tested with. So
# the administrator's first run leaves these out, and a last run tests them after everything.
ACCESS_CHANGES=(setUserRoles resetUserPassword addRightsExtension removeRightsExtension)
exclude=() include=()
for operation in "${ACCESS_CHANGES[@]}"; do
    exclude+=(--exclude-operation-id "$operation")
    include+=(--include-operation-id "$operation")
done

run "teacher, every operation but sign-out" "$teacher_token" --exclude-operation-id signOut
run "administrator, every operation but sign-out and access changes" "$admin_token" \
    --exclude-operation-id signOut "${exclude[@]}"
run "student, sign-out" "$student_token" --include-operation-id signOut --phases examples,coverage,fuzzing
run "administrator, access changes" "$admin_token" "${include[@]}"

if ((${#failed[@]})); then
    echo "== The server's log of its errors (a 500 logs the whole error):" >&2
    grep -i "error" "$tmp/server.log" | tail -40 >&2 || true
    echo "== schemathesis found failures in: $(IFS=';'; echo "${failed[*]}")" >&2
    exit 1
fi
echo "== schemathesis: the API agrees with its document"
