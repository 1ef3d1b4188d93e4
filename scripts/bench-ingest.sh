#!/usr/bin/env bash
# Ingest benchmark: a demo file of about 1,000,000 messages (120,000 people by default, one time-ordered
# stream across them as Customer.io delivers it) ingested by a release build into an empty store, reported
# as messages per second and peak memory; then, for scale, the time the sqlite3 shell takes to `.import` the
# same file's events (each message id once) as CSV into a table with the same indexes. Each is run RUNS
# times (default 3), interleaved; the medians and their ratio close the output.
#
#   scripts/bench-ingest.sh [PEOPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-120000}
dir=${SEGSYNC_BENCH_DIR:-.build/bench}
mkdir -p "$dir"
command -v sqlite3 >/dev/null && [ -x /usr/bin/time ] || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 time
}

swift build -c release --product segsync >&2
bin=.build/release/segsync
file="$dir/demo-$people.ndjson"
if [ ! -f "$file" ]; then
    "$bin" demo --output "$file" --people "$people" --now 2026-11-29T00:00:00Z >&2
fi
# For scale: the sqlite3 shell importing the same events (no identity resolution, no dedup by lookup).
python3 - "$file" "$dir/events.csv" <<'PY'
import csv, json, sys
out = csv.writer(open(sys.argv[2], "w", newline=""))
seen = set()
def emit(m):
    if isinstance(m, dict) and m.get("type") in ("track", "page", "screen") and m.get("messageId") not in seen:
        seen.add(m.get("messageId"))
        out.writerow([m.get("messageId"), m.get("userId") or m.get("anonymousId") or "", m.get("event") or m.get("type"),
                      m.get("timestamp"), json.dumps(m.get("properties") or {}), json.dumps(m.get("context") or {})])
for line in open(sys.argv[1]):
    try:
        value = json.loads(line)
    except ValueError:
        continue
    for m in value if isinstance(value, list) else value.get("batch", [value]) if isinstance(value, dict) else []:
        emit(m)
PY
runs=${RUNS:-3}
: >"$dir/times"
for run in $(seq "$runs"); do
    rm -f "$dir"/ingest.sqlite*
    /usr/bin/time -v "$bin" ingest --db "$dir/ingest.sqlite" --json "$file" >"$dir/ingest.json" 2>"$dir/ingest.time"
    python3 - "$dir" "$file" <<'PY'
import json, os, re, sys
d, path = sys.argv[1], sys.argv[2]
result = json.load(open(os.path.join(d, "ingest.json")))
timing = open(os.path.join(d, "ingest.time")).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", timing).group(1)
parts = [float(p) for p in wall.split(":")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing).group(1)) / 1024
size = os.path.getsize(path) / 1e6
print(f"segsync ingest: {result['read']} messages ({size:.0f} MB) in {seconds:.1f} s = "
      f"{result['read'] / seconds:,.0f} messages/s; peak RSS {rss:.0f} MB")
print(f"  stored {result['stored']}, duplicates {result['duplicates']}, rejected {result['rejected']}")
open(os.path.join(d, "times"), "a").write(f"segsync {seconds} {result['read']} {rss}\n")
PY
    rm -f "$dir"/import.sqlite*
    start=$(date +%s.%N)
    sqlite3 "$dir/import.sqlite" "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=NORMAL;" \
        "CREATE TABLE events (message_id TEXT, person TEXT, name TEXT, ts TEXT, properties TEXT, context TEXT);" \
        "CREATE UNIQUE INDEX events_message ON events(message_id);" \
        "CREATE INDEX events_name_ts ON events(name, ts, person);" \
        "CREATE INDEX events_person ON events(person, name, ts);" \
        ".mode csv" ".import $dir/events.csv events" >/dev/null
    end=$(date +%s.%N)
    rows=$(sqlite3 "$dir/import.sqlite" "SELECT count(*) FROM events")
    python3 -c "import sys; r, s = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); \
print(f'sqlite3 .import (events only, same indexes): {r} rows in {s:.1f} s = {r / s:,.0f} rows/s'); \
open(sys.argv[4], 'a').write(f'sqlite3 {s} {r} 0\\n')" "$rows" "$start" "$end" "$dir/times"
done
python3 - "$dir/times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(tool): return statistics.median(float(r[1]) for r in rows if r[0] == tool)
ours, theirs = median("segsync"), median("sqlite3")
count = int(next(r[2] for r in rows if r[0] == "segsync"))
rss = max(float(r[3]) for r in rows if r[0] == "segsync")
print(f"median of {sum(r[0] == 'segsync' for r in rows)} runs: segsync {ours:.1f} s ({count / ours:,.0f} messages/s, "
      f"peak RSS at most {rss:.0f} MB), sqlite3 .import {theirs:.1f} s; segsync takes {ours / theirs:.2f}x the import's time")
PY
