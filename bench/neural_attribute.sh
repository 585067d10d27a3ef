#!/usr/bin/env bash
# `mta attribute --models neural` and `--models neural-removal` end to end on
# generated users (the same cached file as bench/neural_tensorflow.sh), with each
# stage's time (`--timings` and the model's own stage line) and the peak memory.
# Usage: bench/neural_attribute.sh [users] [channels]   (default 1000000 12; MTA=path;
#   MODELS="neural" for one of the two)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}; channels=${2:-12}
mta=${MTA:-.build/release/mta}
[ -x "$mta" ] || swift build -c release --product mta
mkdir -p bench/data
events=bench/data/neural_tf_u${users}_c${channels}.csv
[ -f "$events" ] || "$mta" generate --users "$users" --channels "$channels" --seed 1 --out "$events" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "# $users users, $channels channels ($(wc -l < "$events") rows); load $(cut -d' ' -f1-3 /proc/loadavg)"
for model in ${MODELS:-neural neural-removal}; do
    echo "## attribute --models $model"
    /usr/bin/time -f "wall %e s, peak %M KiB" "$mta" attribute "$events" --conversion-event purchase --models "$model" \
        --timings --out "$out/$model" 2>&1 | grep -E "^timing|neural|wall|distinct" | grep -v progress
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
