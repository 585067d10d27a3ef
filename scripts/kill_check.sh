#!/usr/bin/env bash
# All-or-nothing outputs under SIGKILL: runs `mta attribute` on a large generated
# file, kills it at N random instants (default 50) while it alternates between two
# model sets, and checks after each kill that the output folder holds exactly one
# complete result set (the previous one or the new one), never a mix or a part.
# Usage: scripts/kill_check.sh [kills] [users]   (MTA=path to a release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-50}; users=${2:-1000000}
mta=${MTA:-.build/release/mta}
[ -x "$mta" ] || swift build -c release --product mta
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$mta" generate --users "$users" --seed 3 --out "$dir/events.csv" >/dev/null

# The two complete result sets, each listed as "file checksum" lines.
snapshot() { (cd "$1" && for f in $(ls | sort); do echo "$f $(sha256sum < "$f" | cut -c1-16)"; done); }
models=("last-touch,linear" "all")
for k in 0 1; do
    "$mta" attribute "$dir/events.csv" --conversion-event purchase --models "${models[$k]}" --job-id fixed --out "$dir/ref$k" >/dev/null
done
# attribution.json records the run time: compare the files that do not.
stable() { snapshot "$1" | grep -v '^attribution.json '; }
ref0=$(stable "$dir/ref0"); ref1=$(stable "$dir/ref1")
# How long a run takes, to spread the kills over it.
start=$(date +%s.%N)
"$mta" attribute "$dir/events.csv" --conversion-event purchase --models all --job-id fixed --out "$dir/out" >/dev/null
runtime=$(echo "$(date +%s.%N) - $start" | bc)
echo "run time ${runtime}s; killing $kills times at random instants within it"

bad=0; old=0; new=0
for i in $(seq 1 "$kills"); do
    k=$((i % 2))
    "$mta" attribute "$dir/events.csv" --conversion-event purchase --models "${models[$k]}" --job-id fixed --out "$dir/out" >/dev/null 2>&1 &
    pid=$!
    sleep "$(python3 -c "import random; print(random.uniform(0, $runtime * 1.1))")"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    now=$(stable "$dir/out")
    if [ "$now" == "$ref0" ]; then kind=0; elif [ "$now" == "$ref1" ]; then kind=1; else kind=bad; fi
    if [ ! -f "$dir/out/attribution.json" ]; then kind=bad; fi
    case $kind in
        bad) bad=$((bad + 1)); echo "kill $i: MIXED OR PARTIAL"; ls -la "$dir/out" ;;
        "$k") new=$((new + 1)) ;;
        *) old=$((old + 1)) ;;
    esac
done
leftovers=$(ls -a "$dir" | grep -c '^\.out\.staging-' || true)
echo "$kills kills: $new left the new results, $old the previous ones, $bad a mix or a part; $leftovers staging folders of killed runs left beside (removed by the next run)"
[ "$bad" -eq 0 ]
