#!/usr/bin/env bash
# Conversions benchmark: a demo store of about 1,000,000 events (135,000 people; the demo generator makes about
# 7.4 events a person), then `segsync conversions send --dry-run` in a release build: every mapped event read from
# the store, checked (age, matchability, purchase fields), the repeated carts collapsed, the rest built with hashed
# user_data and custom_data, batched by 1000 and encoded as request bodies. Nothing is sent or recorded.
#
# Two runs: with the default limits (the demo spans 120 days, so most events are only checked and skipped as
# too_old), and with max_age 200d, so that every event is built, batched and encoded: the figure that counts.
#
#   scripts/bench-conversions.sh                  # build, generate, ingest (minutes, once), measure
#   PEOPLE=20000 scripts/bench-conversions.sh     # a quick run on a small store
#
# Target on a 2-core machine: at least 50,000 events a second. Environment: PEOPLE (default 135000), DATA
# (default ./bench-data, git-ignored), NOW (the demo's newest instant, default: now, so that recent events are
# young enough to send), SEGSYNC (a segsync binary to use instead of building one), RUNS (timed runs, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

people=${PEOPLE:-135000}
data=${DATA:-bench-data}
runs=${RUNS:-3}
now=${NOW:-$(date -u +%Y-%m-%dT%H:00:00Z)}
mkdir -p "$data"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -z "${SEGSYNC:-}" ]; then
    echo "== release build"
    swift build -c release --product segsync >&2
    SEGSYNC="$(swift build -c release --show-bin-path)/segsync"
fi

db="$data/conversions-$people-${now//:/}.sqlite"
if [ ! -s "$db" ]; then
    ndjson="$data/conversions-$people-${now//:/}.ndjson"
    echo "== generating demo data for $people people up to $now"
    "$SEGSYNC" demo --output "$ndjson" --people "$people" --now "$now" --seed 2026
    echo "== ingesting (this takes minutes)"
    rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
    "$SEGSYNC" ingest --db "$db.tmp" --json "$ndjson"
    mv "$db.tmp" "$db"
    rm -f "$db.tmp-wal" "$db.tmp-shm" "$ndjson"
fi

config="$data/conversions-bench.yml"
printf 'max_age: 200d\n' >"$config"
stored=$("$SEGSYNC" conversions status --db "$db" --config "$config" --json | python3 -c \
    'import json, sys; print(json.load(sys.stdin)["pending"])')
echo "== the store: $stored mapped events not sent yet"

measure() {
    local label=$1
    shift
    local best=""
    for run in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$data/conversions.time" \
            "$SEGSYNC" conversions send --db "$db" --dry-run --json "$@" >"$data/conversions.json"
        read -r wall rss <"$data/conversions.time"
        python3 - "$label" "$run" "$wall" "$rss" "$data/conversions.json" <<'PY'
import json, sys
label, run, wall, rss, path = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
r = json.load(open(path))
skipped = ", ".join(f"{k} {v}" for k, v in sorted(r["skipped"].items()))
print(f"{label} run {run}: {r['considered']:,} events in {wall:.2f} s wall ({r['elapsed_ms'] / 1000:.2f} s in the run) "
      f"= {r['considered'] / wall:,.0f} events/s; batched {r['batched']:,} in {r['batches']} bodies "
      f"({(r.get('bytes') or 0) / 1e6:.0f} MB), collapsed {r['collapsed']:,}, skipped: {skipped}; "
      f"peak RSS {rss / 1024:.0f} MB")
PY
    done
}

echo "== dry run, default limits (7 days: most of the 120 days of demo events are checked and skipped)"
measure "default limits"
echo "== dry run, max_age 200d (every event built, batched and encoded)"
measure "every event built" --config "$config"
