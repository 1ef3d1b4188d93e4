#!/usr/bin/env bash
# Increment benchmark: a day's feed of about 100,000 messages (12,000 people, most of them already in the
# store: updates, new events, merges) ingested into the preview benchmark's store of about 10M events, row
# by row as a daily ingest is (no bulk load applies to a file this small against a store this large).
# The store is copied first, so every run starts from the same one.
#
#   scripts/bench-increment.sh        # needs scripts/bench-preview.sh's store (it builds it when missing)
#
# Environment: DATA (default ./bench-data), PEOPLE (the store's people, default 1350000), RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-bench-data}
people=${PEOPLE:-1350000}
runs=${RUNS:-3}
db="$data/bench-$people.sqlite"
swift build -c release --product segsync >&2
bin="$(swift build -c release --show-bin-path)/segsync"
if [ ! -f "$db.done" ]; then
    # bench-preview exits 1 when a preview misses its target; the store it built is still the one wanted.
    SEGSYNC="$bin" PEOPLE="$people" RUNS=1 scripts/bench-preview.sh >&2 || [ -f "$db.done" ]
fi
increment="$data/increment-12000.ndjson"
[ -s "$increment" ] || "$bin" demo --output "$increment" --people 12000 --seed 77 --now 2026-11-30T00:00:00Z >&2
for run in $(seq "$runs"); do
    rm -f "$data/increment.sqlite"*
    cp "$db" "$data/increment.sqlite"
    sync
    /usr/bin/time -f "%e %M" -o "$data/increment.time" "$bin" ingest --db "$data/increment.sqlite" --json "$increment" \
        >"$data/increment.json"
    python3 - "$data" <<'PY'
import json, os, sys
d = sys.argv[1]
result = json.load(open(os.path.join(d, "increment.json")))
seconds, rss = open(os.path.join(d, "increment.time")).read().split()
print(f"increment: {result['read']} messages in {float(seconds):.2f} s = {result['read'] / float(seconds):,.0f} messages/s; "
      f"peak RSS {int(rss) / 1024:.0f} MB; stored {result['stored']}, duplicates {result['duplicates']}, "
      f"rejected {result['rejected']}, bulk load: {'bulk_load' in result}")
PY
done
rm -f "$data/increment.sqlite"*
