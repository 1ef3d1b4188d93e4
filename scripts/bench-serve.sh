#!/usr/bin/env bash
# Ingest server benchmark on loopback: a release `segsync serve` on a fresh store, and a load
# generator (scripts/bench_serve_load.py, Python standard library) sending BATCHES batches of SIZE
# unique messages over CONNECTIONS keep-alive connections, bounded by MAX_SECONDS. Reports sustained
# messages per second, latency percentiles, and loss: the messages answered 200 must all be in the
# store (`segsync inspect --json`), else it exits 1.
#
#   scripts/bench-serve.sh [BATCHES] [SIZE] [CONNECTIONS] [MAX_SECONDS]     (default 3000 100 8 120)
#
# SEGSYNC_BIN: a segsync binary to use instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
batches=${1:-3000}
size=${2:-100}
connections=${3:-8}
max_seconds=${4:-120}
dir=${SEGSYNC_BENCH_DIR:-.build/bench-serve}
mkdir -p "$dir"

bin=${SEGSYNC_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product segsync >&2
    bin="$(swift build -c release --show-bin-path)/segsync"
fi

rm -f "$dir"/serve.sqlite*
key="bench-$RANDOM$RANDOM"
"$bin" serve --db "$dir/serve.sqlite" --host 127.0.0.1 --port 0 --write-key "$key" 2>"$dir/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 600); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$dir/serve.log" | head -1)
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$dir/serve.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "segsync serve did not start" >&2; exit 1; }

python3 scripts/bench_serve_load.py --port "$port" --key "$key" --batches "$batches" --size "$size" \
    --connections "$connections" --max-seconds "$max_seconds" >"$dir/load.json"
curl -s "http://127.0.0.1:$port/metrics" >"$dir/metrics.txt" 2>/dev/null || true
kill -TERM "$server"
wait "$server" || { echo "segsync serve exited with status $? after SIGTERM" >&2; exit 1; }
trap - EXIT
"$bin" inspect --db "$dir/serve.sqlite" --json >"$dir/inspect.json"

python3 - "$dir" <<'PY'
import json, os, re, sys
d = sys.argv[1]
load = json.load(open(os.path.join(d, "load.json")))
store = json.load(open(os.path.join(d, "inspect.json")))
metrics = open(os.path.join(d, "metrics.txt")).read() if os.path.exists(os.path.join(d, "metrics.txt")) else ""
commits = re.search(r"^segsync_commits_total (\d+)", metrics, re.M)
latency = load["latency_ms"]
print(f"segsync serve: {load['acknowledged_messages']:,} messages in {load['requests']:,} requests of "
      f"{load['batch_size']} over {load['connections']} connections in {load['elapsed_seconds']} s = "
      f"{load['messages_per_second']:,} messages/s sustained")
print(f"  latency per request: p50 {latency['p50']} ms, p90 {latency['p90']} ms, p99 {latency['p99']} ms, "
      f"max {latency['max']} ms; answers {load['statuses']}")
if commits:
    print(f"  {commits.group(1)} commits (group commit: {load['requests'] / max(1, int(commits.group(1))):.1f} "
          f"requests per transaction, synchronous=FULL)")
print(f"  store: {store['messages']:,} messages, {store['events']:,} events, {store['rejected']} rejected")
lost = load["acknowledged_messages"] - store["messages"]
if lost != 0 or store["rejected"] != 0:
    print(f"LOSS: {load['acknowledged_messages']} acknowledged but {store['messages']} stored", file=sys.stderr)
    sys.exit(1)
print("  zero loss: every message answered 200 is in the store")
PY
