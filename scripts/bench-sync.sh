#!/usr/bin/env bash
# Sync benchmark: an audience of 1,000,000 members against a ledger of 1,000,000 hashes with 5% churn (50,000
# to add, 50,000 to remove), in a release build. The store is filled by SQL (SegsyncBench fill: ingest would take
# minutes); then `segsync plan` is timed (target: under 2 s, memory bounded) and `segsync sync` is run against a
# Pinterest stand-in (SegsyncBench serve) that counts the update calls: exactly ceil(adds/B) + ceil(removes/B).
#
#   scripts/bench-sync.sh                    # build, fill (once), measure
#   MEMBERS=100000 scripts/bench-sync.sh     # a quick run on a smaller store
#
# Environment: MEMBERS (default 1000000), CHURN (0.05), BATCH (SEGSYNC_BATCH_SIZE, default 1000), DATA (default
# ./bench-data, git-ignored), NOW (the evaluation instant, default 2026-11-29T12:00:00Z), RUNS (timed plans, 3),
# BIN (a folder holding release segsync and SegsyncBench, instead of building them).
set -euo pipefail
cd "$(dirname "$0")/.."

members=${MEMBERS:-1000000}
churn=${CHURN:-0.05}
batch=${BATCH:-1000}
data=${DATA:-bench-data}
now=${NOW:-2026-11-29T12:00:00Z}
runs=${RUNS:-3}
mkdir -p "$data"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -z "${BIN:-}" ]; then
    echo "== release build"
    swift build -c release --product segsync >&2
    swift build -c release --product SegsyncBench >&2
    BIN="$(swift build -c release --show-bin-path)"
fi
segsync="$BIN/segsync"
bench="$BIN/SegsyncBench"

pristine="$data/sync-$members.sqlite"
segments="$data/sync-segments"
if [ ! -s "$pristine" ]; then
    echo "== filling $pristine"
    rm -f "$pristine.tmp" "$pristine.tmp-wal" "$pristine.tmp-shm"
    /usr/bin/time -f "fill: %e s wall, %M KiB peak RSS" \
        "$bench" fill --db "$pristine.tmp" --segments "$segments" --members "$members" --churn "$churn" --now "$now"
    sqlite3 "$pristine.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
    mv "$pristine.tmp" "$pristine"
    rm -f "$pristine.tmp-wal" "$pristine.tmp-shm"
fi
work="$data/sync-work.sqlite"
rm -f "$work" "$work-wal" "$work-shm" "$work.sync-lock"
cp "$pristine" "$work"
cat "$work" > /dev/null   # warm the page cache, as a scheduled sync finds it

field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
unset SEGSYNC_PINTEREST_REQUEST_LOG
export SEGSYNC_BATCH_SIZE=$batch

echo
echo "== plan: evaluation of the audience and its suppression, and the diff against the ledger, in SQL; best of $runs"
status=0
best=""; rss=0
for _ in $(seq "$runs"); do
    out=$(/usr/bin/time -f "%e %M" -o "$data/time.txt" \
        "$segsync" plan --db "$work" --segments "$segments" --as-of "$now" --max-staleness 520w --json)
    elapsed=$(echo "$out" | field "['elapsed_ms']")
    read -r wall run_rss < "$data/time.txt"
    if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; best_wall=$wall; fi
    [ "$run_rss" -gt "$rss" ] && rss=$run_rss
done
adds=$(echo "$out" | field "['audiences'][0]['add']")
removes=$(echo "$out" | field "['audiences'][0]['remove']")
unchanged=$(echo "$out" | field "['audiences'][0]['unchanged']")
echo "members $(echo "$out" | field "['audiences'][0]['members']"), ledger $((removes + unchanged)): add $adds, remove $removes, unchanged $unchanged"
echo "plan: ${best} ms planning (elapsed_ms), ${best_wall} s process wall, $((rss / 1024)) MiB peak RSS"
if [ "$best" -ge 2000 ]; then echo "MISSED (2 s)"; status=1; fi

echo
echo "== sync to the stand-in, batches of $batch (the client's default rate limit, 10 requests/s, applies)"
url_file="$data/stand-in-url.txt"
rm -f "$url_file"
"$bench" serve --db "$work" --url-file "$url_file" --members "$members" > "$data/stand-in.json" &
server=$!
for _ in $(seq 600); do [ -s "$url_file" ] && break; sleep 0.2; done
[ -s "$url_file" ] || { echo "the stand-in did not start" >&2; kill "$server"; exit 1; }
out=$(PINTEREST_ACCESS_TOKEN=bench-token PINTEREST_AD_ACCOUNT_ID=549755885175 PINTEREST_API_BASE="$(cat "$url_file")" \
    /usr/bin/time -f "%e %M" -o "$data/time.txt" \
    "$segsync" sync --db "$work" --segments "$segments" --as-of "$now" --max-staleness 520w --json)
read -r wall sync_rss < "$data/time.txt"
kill -TERM "$server"
wait "$server" || true
expected=$(( (adds + batch - 1) / batch + (removes + batch - 1) / batch ))
calls=$(field "['update_calls']" < "$data/stand-in.json")
echo "sync: $(echo "$out" | field "['status']"), ${wall} s wall, $((sync_rss / 1024)) MiB peak RSS, added $(echo "$out" | field "['audiences'][0]['added']"), removed $(echo "$out" | field "['audiences'][0]['removed']")"
echo "stand-in: $(cat "$data/stand-in.json")"
echo "update calls: $calls (expected ceil($adds/$batch) + ceil($removes/$batch) = $expected)"
[ "$calls" -eq "$expected" ] || { echo "MISSED: update calls"; status=1; }
[ "$(field "['list_matches_members']" < "$data/stand-in.json")" = 1 ] || { echo "MISSED: list != members"; status=1; }
[ "$(field "['removals_first']" < "$data/stand-in.json")" = 1 ] || { echo "MISSED: removals first"; status=1; }

echo
echo "== rerun: unchanged, so no call"
out=$("$segsync" plan --db "$work" --segments "$segments" --as-of "$now" --max-staleness 520w --json)
echo "plan after sync: add $(echo "$out" | field "['audiences'][0]['add']"), remove $(echo "$out" | field "['audiences'][0]['remove']"), calls $(echo "$out" | field "['audiences'][0]['calls']")"
rm -f "$data/time.txt" "$url_file" "$work" "$work-wal" "$work-shm" "$work.sync-lock"
exit $status
