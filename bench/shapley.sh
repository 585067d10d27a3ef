#!/usr/bin/env bash
# Benchmark: the three Shapley models on `mta generate` data (default 1M users,
# 20 channels), timed after the path table is built (`--timings`, phase "models"),
# then DP6 marketing-attribution-models and the Python `mta` package on the same
# path table, via bench/shapley_compare.py.
# A second pass on the default 12-channel data lets the Python `mta` package (whose
# cost is exponential in the number of channels) run too.
# Usage: bench/shapley.sh [USERS]
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
data=bench/data
out=bench/out/shapley
mkdir -p "$data" "$out"
swift build -c release >/dev/null
mta=.build/release/mta
bash bench/peers/setup.sh >/dev/null
for channels in 20 12; do
  events="$data/events_${users}_${channels}ch.csv"
  [ "$channels" = 12 ] && events="$data/events_${users}.csv"  # the file the other benchmarks use
  [ -f "$events" ] || "$mta" generate --users "$users" --channels "$channels" --out "$events"
  echo "== $channels channels: $events"
  echo "machine: $(nproc) cores; load before run: $(cut -d' ' -f1 /proc/loadavg)"
  "$mta" attribute "$events" --conversion-event purchase --value-column revenue \
    --models shapley,shapley-ordered,shapley-rate --write-paths --out "$out/${channels}ch" --timings 2>&1 >/dev/null | grep timing
  .venv-bench/bin/python bench/shapley_compare.py "$out/${channels}ch/paths.csv" --mta "$mta"
done
