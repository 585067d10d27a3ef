#!/usr/bin/env bash
# One command to see mta work: build it, generate a sample, run the whole job on it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
mta=.build/release/mta
"$mta" generate --users 100000 --out sample.csv
[ -f mta.yaml ] || "$mta" init
"$mta" run --config mta.yaml --job-id sample
echo "open data/sample/multi_touch_attribution/multi_touch_attribution.html in a browser"
