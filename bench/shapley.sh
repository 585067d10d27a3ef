#!/usr/bin/env bash
# Benchmark: the three Shapley models on `mta generate` data (default 1M users,
# 20 channels), timed after the path table is built (`--timings`, phase "models"),
# then DP6 marketing-attribution-models and the Python `mta` package on the same
# path table, via bench/shapley_compare.py.
# Usage: bench/shapley.sh [USERS]
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
data=bench/data
out=bench/out/shapley
mkdir -p "$data" "$out"
swift build -c release >/dev/null
mta=.build/release/mta
events="$data/events_${users}_20ch.csv"
[ -f "$events" ] || "$mta" generate --users "$users" --channels 20 --out "$events"
echo "machine: $(nproc) cores; load before run: $(cut -d' ' -f1 /proc/loadavg)"
"$mta" attribute "$events" --conversion-event purchase --value-column revenue \
  --models shapley,shapley-ordered,shapley-rate --write-paths --out "$out" --timings 2>&1 >/dev/null | grep timing
bash bench/peers/setup.sh >/dev/null
.venv-bench/bin/python bench/shapley_compare.py "$out/paths.csv" --mta "$mta"
