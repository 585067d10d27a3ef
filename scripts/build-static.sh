#!/usr/bin/env bash
# Builds mta with the Swift runtime linked in (--static-swift-stdlib), as the
# Dockerfile does, and checks the binary runs the whole job with an empty
# environment, outside the build tree.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${MTA_STATIC_SCRATCH:-.build-static}
swift build -c release --static-swift-stdlib --product mta --scratch-path "$scratch"
bin="$scratch/release/mta"
echo "binary: $bin ($(du -h "$bin" | cut -f1))"
echo "shared libraries it still needs (glibc and friends only):"
ldd "$bin" | sed 's/^/  /'
if ldd "$bin" | grep -qiE 'swift|Foundation|icu'; then
  echo "error: the binary still links a Swift runtime library dynamically" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$bin" "$work/mta"
cd "$work"
env -i ./mta generate --users 2000 --out sample.csv
env -i ./mta init
env -i ./mta run --config mta.yaml --job-id sample --quiet
test -s data/sample/multi_touch_attribution/multi_touch_attribution.html
echo "static binary ran the whole job: $(ls data/sample/multi_touch_attribution | tr '\n' ' ')"
