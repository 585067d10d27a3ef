#!/usr/bin/env bash
# Fuzzes one reader of outside bytes with libFuzzer and AddressSanitizer:
#   scripts/fuzz.sh TARGET SECONDS     (scripts/fuzz.sh list names the targets)
# The targets (Fuzz/<Name>/) exist only when MTA_FUZZ is set, so `swift build` and
# `swift test` never build them; they get their own build folder (every module is
# instrumented). The seeds in Fuzz/corpus/TARGET are copied to a working corpus
# (.fuzz/TARGET, not committed) that grows run after run; crashes land in .fuzz/.
# Set MTA_FUZZ_NICE=10 (say) to build and run under nice.
set -euo pipefail
cd "$(dirname "$0")/.."

targets="event-csv:FuzzEventCSV path-csv:FuzzPathCSV timestamp:FuzzTimestamp config:FuzzConfig example-file:FuzzExampleFile model-file:FuzzModelFile"
if [ "${1:-}" = list ] || [ $# -ne 2 ]; then
    for t in $targets; do echo "${t%%:*}"; done
    [ "${1:-}" = list ] && exit 0
    echo "usage: scripts/fuzz.sh TARGET SECONDS" >&2; exit 2
fi
target=$1 seconds=$2 product=""
for t in $targets; do [ "${t%%:*}" = "$target" ] && product=${t#*:}; done
[ -n "$product" ] || { echo "no fuzz target '$target' (scripts/fuzz.sh list)" >&2; exit 2; }

scratch=.build-fuzz
run=(nice -n "${MTA_FUZZ_NICE:-0}")
# -sanitize=fuzzer: coverage instrumentation + libFuzzer; address: ASan; -parse-as-library: the targets use @main.
MTA_FUZZ=1 "${run[@]}" swift build --scratch-path "$scratch" --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v "Cannot export local symbol" >&2

work=.fuzz/$target
mkdir -p "$work/corpus" "$work/artifacts"
before=$(ls "$work/artifacts" | wc -l)
cp -n Fuzz/corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
log=$work/last-run.log
# Swift's own crash backtracer would run first and confuse ASan; let libFuzzer report instead.
# -timeout: an input that takes longer is a hang; -rss_limit_mb: runaway memory is a crash.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "${run[@]}" "$scratch/debug/$product" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" 2>&1 | tee "$log" | grep --line-buffered -E "^#[0-9]+.*(pulse|DONE)|ERROR|VIOLATION|SUMMARY|Test unit" >&2 || true

echo "== $target: $seconds s" >&2
grep -E "^#[0-9]+" "$log" | tail -1 >&2
grep -E "stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" "$log" >&2 || true
found=$(( $(ls "$work/artifacts" | wc -l) - before ))
echo "crashes, hangs and out-of-memory inputs found: $found (in $work/artifacts)" >&2
[ "$found" -eq 0 ]
