#!/usr/bin/env bash
# Benchmark: Markov attribution on `mta generate` data (default 1M users, 12
# channels), order 1, order 3 and auto (1..4), each timed after the path table is
# built (`--timings`, phase "models"); then ChannelAttribution's markov_model and an
# independent exact solve on the same path table, via bench/markov_compare.py.
# Usage: bench/markov.sh [USERS]
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
data=bench/data
out=bench/out/markov
mkdir -p "$data" "$out"
swift build -c release >/dev/null
mta=.build/release/mta
events="$data/events_${users}.csv"
[ -f "$events" ] || "$mta" generate --users "$users" --out "$events"
echo "machine: $(nproc) cores; load before run: $(cut -d' ' -f1 /proc/loadavg)"
for order in 1 3 auto; do
  models=$("$mta" attribute "$events" --conversion-event purchase --value-column revenue --models markov \
    --markov-order "$order" --write-paths --out "$out/order-$order" --timings 2>&1 >/dev/null | grep "timing: models")
  echo "markov order $order: ${models#timing: }"
done
bash bench/peers/setup.sh >/dev/null
.venv-bench/bin/python bench/markov_compare.py "$out/order-1/paths.csv" --ours "$out/order-1" --order 1
