#!/usr/bin/env bash
# make test-virtuoso: install Virtuoso 7 from Debian if missing, start a scratch server on free
# loopback ports, kg load the built graph into it (digest auth, dba/dba), run the integration
# tests against it (KG_TEST_BACKEND=virtuoso), then stop it and remove its folder (trap).
# Usage: scripts/virtuoso/test.sh [pytest args…]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.venv/bin}

if ! command -v virtuoso-t >/dev/null; then
    echo "test-virtuoso: installing virtuoso-opensource (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        virtuoso-opensource >/dev/null
fi

VDIR=$(mktemp -d /tmp/kg-virtuoso.XXXXXX)
PID=
stop() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID"
        for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$PID" 2>/dev/null || true
    fi
    rm -rf "$VDIR"
}
trap stop EXIT INT TERM

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SQL_PORT=$(free_port)
HTTP_PORT=$(free_port)
mkdir -p "$VDIR/db" "$VDIR/vsp" "$VDIR/data"
sed -e "s|@VDIR@|$VDIR|g" -e "s|@SQL_PORT@|$SQL_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
    scripts/virtuoso/virtuoso.ini.in >"$VDIR/virtuoso.ini"

(cd "$VDIR" && exec setsid virtuoso-t +configfile "$VDIR/virtuoso.ini" +foreground \
    >"$VDIR/virtuoso.out" 2>&1 </dev/null) &
PID=$!
ENDPOINT="http://127.0.0.1:$HTTP_PORT/sparql"
started=$(date +%s%N)
for _ in $(seq 600); do
    curl -sf -o /dev/null -m 1 "$ENDPOINT?query=ASK%7B%7D" && break
    kill -0 "$PID" 2>/dev/null || { cat "$VDIR/virtuoso.out"; exit 2; }
    sleep 0.1
done
curl -sf -o /dev/null -m 1 "$ENDPOINT?query=ASK%7B%7D" || { echo "Virtuoso did not start"; exit 2; }
echo "test-virtuoso: Virtuoso $(dpkg-query -W -f '${Version}' virtuoso-opensource-7 2>/dev/null) on $ENDPOINT, ready in $(ms_since "$started") ms"

"$BIN/kg" build --out "$VDIR/dist" >/dev/null
started=$(date +%s%N)
"$BIN/kg" load --endpoint "$ENDPOINT" --user dba --password dba --dist "$VDIR/dist"
echo "test-virtuoso: kg load took $(ms_since "$started") ms (PUTs and counts)"

KG_TEST_BACKEND=virtuoso KG_TEST_ENDPOINT="$ENDPOINT" "$BIN/pytest" -q -p no:cacheprovider \
    tests/test_api_sparql.py tests/test_server_protocol.py tests/test_api_questions.py \
    tests/test_api_bodies.py tests/test_api_resources.py tests/test_pages.py \
    tests/test_remote_api.py "$@"
