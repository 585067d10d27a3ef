#!/usr/bin/env bash
# `mta run` against `mta attribute` on the same events: what the whole job
# (data profile, HTML report, run.json, lock, job folder) adds to the models.
# Usage: bench/run_job.sh [USERS]   (default 1 000 000 users, about 9.2M events)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
scratch=${MTA_RELEASE_SCRATCH:-.build-release}
swift build -c release --scratch-path "$scratch" >/dev/null
mta="$scratch/release/mta"
mkdir -p bench/data bench/out
data=bench/data/events_${users}.csv
[ -f "$data" ] || "$mta" generate --users "$users" --out "$data"
echo "input: $data ($(wc -c <"$data") bytes)"
fast="first-touch,last-touch,linear,position-based,time-decay,markov,shapley,shapley-ordered"
common=(--conversion-event purchase --value-column revenue --models "$fast")

measure() {  # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o bench/out/mem.txt "$@" >bench/out/last.log 2>&1
  t1=$(date +%s.%N)
  printf '%-32s %7.2f s  peak %6d MiB\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(( $(cat bench/out/mem.txt) / 1024 ))"
}

for round in 1 2; do
  echo "round $round"
  measure "mta attribute" "$mta" attribute "$data" "${common[@]}" --out bench/out/attribute
  rm -rf bench/out/data
  measure "mta run (report, run.json)" "$mta" run "$data" "${common[@]}" --data-dir bench/out/data --job-id bench --timings
  grep -E "timing: (data profile|render report|write results)" bench/out/last.log | sed 's/^/    /'
done
ls -la bench/out/data/bench/multi_touch_attribution/ | awk '{print "    " $5, $9}'
