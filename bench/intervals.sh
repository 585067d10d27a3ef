#!/usr/bin/env bash
# Benchmark: --intervals with 200 bootstrap replicates of every fast model (`--models
# all`: the rules, time decay, Markov, the three Shapley games) on 1M generated users,
# 12 channels. Prints the stages (`--timings`): "models" is one fit of every model,
# "intervals" the replicates, both after the path table is built. The load average
# is printed before and after, since the machine may be shared.
# Usage: bench/intervals.sh [USERS] [REPLICATES]   (MTA_BIN: a built binary to use;
# EVENTS: an existing `mta generate` file instead of bench/data/events_USERS.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
replicates=${2:-200}
data=bench/data
out=bench/out/intervals
mkdir -p "$data" "$out"
if [ -z "${MTA_BIN:-}" ]; then
  swift build -c release --product mta >/dev/null
  MTA_BIN=.build/release/mta
fi
events=${EVENTS:-$data/events_${users}.csv}
[ -f "$events" ] || "$MTA_BIN" generate --users "$users" --out "$events"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$MTA_BIN" attribute "$events" --conversion-event purchase --value-column revenue --models all \
  --intervals --bootstrap "$replicates" --timings --out "$out" 2>&1 >/dev/null | grep "timing:"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
