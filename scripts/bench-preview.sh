#!/usr/bin/env bash
# Preview benchmark: a demo store of about 10,000,000 events (1.35M people; the demo generator makes about
# 7.4 events a person), every example segment previewed on its own and all of them together, in a release
# build, with the query plans and the peak memory of each run.
#
#   scripts/bench-preview.sh                 # build, generate, ingest (minutes, once), measure
#   PEOPLE=20000 scripts/bench-preview.sh    # a quick run on a small store
#
# Targets on a 2-core machine: each preview under 1 s, all segments together under 5 s, memory bounded.
# Environment: PEOPLE (default 1350000), DATA (default ./bench-data, git-ignored), SEGMENTS (./segments),
# NOW (the demo's newest instant and the evaluation instant, default 2026-11-29T12:00:00Z),
# SEGSYNC (a segsync binary to use instead of building one), RUNS (timed runs per segment, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

people=${PEOPLE:-1350000}
data=${DATA:-bench-data}
segments=${SEGMENTS:-segments}
now=${NOW:-2026-11-29T12:00:00Z}
runs=${RUNS:-3}
mkdir -p "$data"

if [ -z "${SEGSYNC:-}" ]; then
    echo "== release build"
    swift build -c release --product segsync >&2
    SEGSYNC="$(swift build -c release --show-bin-path)/segsync"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

ndjson="$data/demo-$people.ndjson"
db="$data/bench-$people.sqlite"
if [ ! -f "$db.done" ]; then
    if [ ! -s "$ndjson" ]; then
        echo "== generating demo data for $people people"
        "$SEGSYNC" demo --output "$ndjson.tmp" --people "$people" --now "$now" --seed 2026
        mv "$ndjson.tmp" "$ndjson"
    fi
    echo "== ingesting $ndjson (this takes minutes)"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f "ingest: %e s wall, %M KiB peak RSS" "$SEGSYNC" ingest --db "$db" --json "$ndjson" \
        | python3 -c "import json,sys; d=json.load(sys.stdin); d.pop('rejections', None); print(d)"
    touch "$db.done"
fi

echo "== the store"
sqlite3 "$db" "SELECT 'people: ' || count(*) FROM people WHERE deleted_at IS NULL;
               SELECT 'events: ' || count(*) FROM events;
               SELECT 'file: ' || (page_count * page_size / 1048576) || ' MiB' FROM pragma_page_count, pragma_page_size;"
sqlite3 "$db" "SELECT name, applied_at FROM schema_migrations ORDER BY name" 2>/dev/null | sed 's/^/migration: /' || true

# Warm the page cache once, as a server that previews repeatedly would have it.
cat "$db" > /dev/null

names=$(for file in "$segments"/*.yml; do
    name=$(basename "$file" .yml)
    [ "$name" = aliases ] || echo "$name"
done)

field() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }

echo
echo "== each segment: evaluation time inside the process (elapsed_ms), process wall time, peak RSS; best of $runs"
printf "%-28s %9s %9s %11s %10s %10s %10s\n" segment count suppressed matchable elapsed_ms wall_ms rss_MiB
status=0
for name in $names; do
    best_elapsed=""; best_wall=""; rss=0
    for _ in $(seq "$runs"); do
        out=$(/usr/bin/time -f "%e %M" -o "$data/time.txt" \
            "$SEGSYNC" preview --db "$db" --segments "$segments" --as-of "$now" --json "$name")
        elapsed=$(echo "$out" | field elapsed_ms)
        read -r wall_s run_rss < "$data/time.txt"
        wall=$(python3 -c "print(round($wall_s * 1000))")
        if [ -z "$best_elapsed" ] || [ "$elapsed" -lt "$best_elapsed" ]; then best_elapsed=$elapsed; fi
        if [ -z "$best_wall" ] || [ "$wall" -lt "$best_wall" ]; then best_wall=$wall; fi
        [ "$run_rss" -gt "$rss" ] && rss=$run_rss
        count=$(echo "$out" | field count); suppressed=$(echo "$out" | field suppressed)
        matchable=$(echo "$out" | field matchable)
    done
    flag=""
    if [ "$best_elapsed" -ge 1000 ]; then flag="  MISSED (1 s)"; status=1; fi
    printf "%-28s %9s %9s %11s %10s %10s %10s%s\n" "$name" "$count" "$suppressed" "$matchable" "$best_elapsed" \
        "$best_wall" "$((rss / 1024))" "$flag"
done

echo
echo "== all segments together (one process, one evaluation, suppression segments evaluated once)"
best=""; rss=0
for _ in $(seq "$runs"); do
    out=$(/usr/bin/time -f "%e %M" -o "$data/time.txt" \
        "$SEGSYNC" preview --db "$db" --segments "$segments" --as-of "$now" --json --all)
    elapsed=$(echo "$out" | field elapsed_ms)
    read -r wall_s run_rss < "$data/time.txt"
    if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; best_wall=$wall_s; fi
    [ "$run_rss" -gt "$rss" ] && rss=$run_rss
done
echo "all: ${best} ms evaluating, ${best_wall} s wall, $((rss / 1024)) MiB peak RSS"
if [ "$best" -ge 5000 ]; then echo "MISSED (5 s)"; status=1; fi

echo
echo "== query plans (EXPLAIN QUERY PLAN of each segment's compiled query)"
for name in $names; do
    echo "-- $name: $(grep '^rule:' "$segments/$name.yml" | sed 's/^rule: //')"
    "$SEGSYNC" preview --db "$db" --segments "$segments" --as-of "$now" --explain "$name"
done
rm -f "$data/time.txt"
exit $status
