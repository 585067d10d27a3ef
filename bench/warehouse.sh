#!/usr/bin/env bash
# Warehouse benchmark: ~9.2M events (mta generate --users 1000000) loaded into a
# throwaway PostgreSQL 15 with COPY (psql \copy), then
#   1. mta attribute --postgres … with every path-level model: the path table is
#      built by the server (push-down), only distinct paths cross; result tables
#      written back (--write-tables); --timings splits query / transfer / models / write;
#   2. the same with time-decay added: every event is pulled into the process;
#   3. mta attribute on the same CSV;
#   4. mta import of the CSV into SQLite (rows/s);
#   5. mta attribute on that SQLite table with time-decay (events read sorted by user, in pages).
# Usage: bench/warehouse.sh [users]   (default 1000000). Log: bench/data/warehouse.log
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
mta=.build/release/mta
[ -x "$mta" ] || swift build -c release --product mta
mkdir -p bench/data
csv=bench/data/warehouse_$users.csv
log=bench/data/warehouse.log
[ -f "$csv" ] || "$mta" generate --users "$users" --out "$csv"
events=$(($(wc -l <"$csv") - 1))

# Its own port, so a test cluster on the default port is left alone.
export MTA_PG_PORT=${MTA_PG_PORT:-54339}
trap 'scripts/postgres.sh stop' EXIT
eval "$(scripts/postgres.sh start)"
url=$MTA_TEST_POSTGRES_URL
psql=/usr/lib/postgresql/15/bin/psql
flags=(--conversion-event purchase --value-column revenue)
path_models=first-touch,last-touch,linear,position-based,markov,shapley,shapley-ordered,shapley-rate
out=$(mktemp -d)

{
echo "# bench/warehouse.sh $(date -u +%Y-%m-%dT%H:%M:%SZ): $events events, $users users ($(du -h "$csv" | cut -f1) CSV)"
echo
echo "## COPY into PostgreSQL"
start=$(date +%s.%N)
"$psql" -q "$url" -v ON_ERROR_STOP=1 \
    -c 'DROP TABLE IF EXISTS events' \
    -c 'CREATE TABLE events (user_id TEXT, event TEXT, "timestamp" TIMESTAMPTZ, revenue DOUBLE PRECISION)' \
    -c "\\copy events FROM '$csv' WITH (FORMAT csv, HEADER true)" \
    -c 'ANALYZE events'
echo "copy + analyze: $(echo "$(date +%s.%N) - $start" | bc) s"
echo
echo "## 1. push-down (path models), result tables written back"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KiB" \
    "$mta" attribute --postgres "$url" --table events "${flags[@]}" --models "$path_models" \
    --write-tables --timings --out "$out/pushdown" 2>&1 >/dev/null
echo
echo "## 2. every event into the process (time-decay included), result tables written back"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KiB" \
    "$mta" attribute --postgres "$url" --table events "${flags[@]}" --models "$path_models,time-decay" \
    --write-tables --job-id events-run --timings --out "$out/events" 2>&1 >/dev/null
echo
echo "## 3. the same CSV, all models"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KiB" \
    "$mta" attribute "$csv" "${flags[@]}" --models "$path_models,time-decay" --timings --out "$out/csv" 2>&1 >/dev/null
echo
echo "## 4. mta import into SQLite"
rm -f "$out/w.db"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KiB" \
    "$mta" import "$csv" --sqlite "$out/w.db" --table events "${flags[@]}" 2>&1
echo
echo "## 5. the SQLite table, every event into the process (time-decay included)"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KiB" \
    "$mta" attribute --sqlite "$out/w.db" --table events "${flags[@]}" --models "$path_models,time-decay" \
    --timings --out "$out/sqlite" 2>&1 >/dev/null
echo
echo "## result rows in PostgreSQL"
"$psql" -q "$url" -c "SELECT job_id, count(*) AS rows FROM mta_attribution GROUP BY job_id ORDER BY job_id"
} 2>&1 | tee "$log"
rm -rf "$out"
