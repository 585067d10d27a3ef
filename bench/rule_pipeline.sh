#!/usr/bin/env bash
# Benchmark: events CSV → journeys → all rule-based models → files, on
# `mta generate` data, against polars + ChannelAttribution on the same file.
# Usage: bench/rule_pipeline.sh [USERS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
data=bench/data
out=bench/out
mkdir -p "$data" "$out"
swift build -c release >/dev/null
mta=.build/release/mta
events="$data/events_${users}.csv"
[ -f "$events" ] || "$mta" generate --users "$users" --out "$events"
echo "data: $events ($(wc -c <"$events") bytes, $(($(wc -l <"$events") - 1)) events)"
echo "machine: $(nproc) cores; load before run: $(cut -d' ' -f1 /proc/loadavg)"

# Warm the page cache so both tools read from memory.
cat "$events" >/dev/null
/usr/bin/time -f "%e %M %U %S" -o "$out/mta_time.txt" "$mta" attribute "$events" \
  --conversion-event purchase --value-column revenue \
  --models first-touch,last-touch,linear,position-based,time-decay \
  --out "$out/rules" --timings >/dev/null
read -r wall rss user sys <"$out/mta_time.txt"
echo "mta: wall ${wall} s, cpu ${user} s user + ${sys} s sys, peak memory $((rss / 1024)) MiB"

bash bench/peers/setup.sh >/dev/null
# (Through a file, not `tee /dev/stderr`, which overwrites a redirected log from its start.)
.venv-bench/bin/python bench/peer_rules.py "$events" "$out/rules" >"$out/peer.txt"
cat "$out/peer.txt"
peer_json=$(tail -1 "$out/peer.txt")
peer=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['peer_seconds'])" "$peer_json")
python3 -c "import sys; w, p = float(sys.argv[1]), float(sys.argv[2]); print(f'peer / mta wall time: {p / w:.1f}x')" "$wall" "$peer"
