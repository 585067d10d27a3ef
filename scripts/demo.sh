#!/usr/bin/env bash
# One command to see mta work: build it, generate a sample, attribute it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
mta=.build/release/mta
"$mta" generate --users 100000 --out sample.csv
"$mta" attribute sample.csv --conversion-event purchase --value-column revenue --models all --out results/
