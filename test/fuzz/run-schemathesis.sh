#!/usr/bin/env bash
# Property-based fuzz run of the HTTP API: Schemathesis (pinned, from PyPI, in an ignored venv) with
# every check against a seeded server on loopback (test/fuzz/fuzz-server.ts). Bounded in time by the
# number of examples per operation. Exits non-zero on any failure.
#
#   bash test/fuzz/run-schemathesis.sh            # defaults: 25 examples per operation, seed 1
#   FUZZ_MAX_EXAMPLES=100 FUZZ_SEED=7 bash test/fuzz/run-schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

schemathesis_version=4.32.5
venv=.data/venv-schemathesis
work=.data/fuzz
api_port="${FUZZ_API_PORT:-18080}"
neo4j_port="${FUZZ_NEO4J_PORT:-17720}"
redis_port="${FUZZ_REDIS_PORT:-16399}"
max_examples="${FUZZ_MAX_EXAMPLES:-25}"
seed="${FUZZ_SEED:-1}"

python=python3
command -v "$python" >/dev/null 2>&1 || { echo "fuzz: python3 is required" >&2; exit 1; }
command -v redis-server >/dev/null 2>&1 || { echo "fuzz: redis-server is required (apt-get install -y redis-server)" >&2; exit 1; }
if [ ! -x "$venv/bin/st" ] || [ "$("$venv/bin/st" --version 2>/dev/null | awk '{print $NF}')" != "$schemathesis_version" ]; then
  echo "fuzz: installing schemathesis==$schemathesis_version into $venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

rm -rf "$work"
mkdir -p "$work"
server_pid=""
redis_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
  node "$root/bin/matscout.js" neo4j stop --home "$root/.data/neo4j-fuzz" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Runs are only enqueued: no worker consumes this Redis, so fuzzed URLs are never fetched.
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  >"$work/redis.log" 2>&1 &
redis_pid=$!

node --import tsx test/fuzz/fuzz-server.ts --port "$api_port" --neo4j-port "$neo4j_port" \
  --queue-url "redis://127.0.0.1:$redis_port" --key-file "$work/key" --allow-dir "$work/inbox" \
  --config-file "$work/schemathesis.toml" \
  >"$work/server.log" 2>&1 &
server_pid=$!

healthy() {
  node -e "fetch('http://127.0.0.1:$api_port/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
}
for _ in $(seq 1 300); do
  if healthy; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "fuzz: the seeded server exited:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 1
done
healthy || { echo "fuzz: the seeded server did not become healthy" >&2; cat "$work/server.log" >&2; exit 1; }

echo "fuzz: schemathesis $schemathesis_version against http://127.0.0.1:$api_port (max $max_examples examples per operation, seed $seed)"
# The seeded server wrote the ids of its data for the read-one operations into the config file. One
# worker: Python 3.11's AST module is not safe under Schemathesis' worker threads (a SystemError in the tool).
# Run from the work folder: Schemathesis keeps its cache (.schemathesis/) in the current directory.
cd "$work"
status=0
"$root/$venv/bin/st" --config-file "$root/$work/schemathesis.toml" run "http://127.0.0.1:$api_port/openapi.json" \
  --checks all \
  --header "Authorization: Bearer $(cat "$root/$work/key")" \
  --max-examples "$max_examples" \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 30 \
  --no-color \
  >"$root/$work/schemathesis.log" 2>&1 || status=$?
# Its report ends in a pytest-like banner; callers (CI) get one plain line instead, the log on failure.
cases="$(grep -E '^ *[0-9]+ generated' "$root/$work/schemathesis.log" | tail -1 | sed 's/^ *//')"
if [ "$status" -ne 0 ]; then
  tail -n 200 "$root/$work/schemathesis.log" >&2
  echo "fuzz: FAILED (exit $status): ${cases:-no summary}; full report in $work/schemathesis.log" >&2
  exit "$status"
fi
echo "fuzz: passed: ${cases:-no summary}; full report in $work/schemathesis.log"
