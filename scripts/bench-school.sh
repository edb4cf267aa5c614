# Sourced by the bench scripts: the 1,000-student demo school they share (made once, in var/)
# and a server over it, stopped when the script exits. Set JOURNAL and PORT before sourcing.
DB=var/bench-http.sqlite
CREDENTIALS=var/bench-http-credentials.csv
BASE="http://127.0.0.1:$PORT/api/v1"

mkdir -p var
if [ ! -f "$DB" ]; then
    rm -f "$CREDENTIALS"
    "$JOURNAL" demo --db "$DB" --students 1000 --today 2026-11-20 --credentials "$CREDENTIALS" >/dev/null
fi

SERVER=
# start_server LOG [serve options…]: serves the school and waits until it answers.
start_server() {
    local log=$1
    shift
    "$JOURNAL" serve --db "$DB" --port "$PORT" "$@" >"$log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null && return; sleep 0.1; done
    echo "the server did not start; see $log" >&2
    exit 1
}
trap 'kill $SERVER 2>/dev/null || true' EXIT
