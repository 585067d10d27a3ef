#!/usr/bin/env bash
# Benchmark: `mta train` against TensorFlow training the same network on the same windows.
#
# Data: `mta generate --users N --channels C` (seed 1), `mta extract --conversion-event purchase
# --lookback-days 7` (cached under bench/data/, gitignored). Network: `mta train`'s defaults
# (2 bidirectional LSTM layers, width 64, dropout 0.5, batch 1 000, Adam 1e-3, 5 epochs × 100
# steps drawn by example count). TensorFlow (tensorflow-cpu from PyPI, in the benchmark venv
# bench/.venv-tf, never a dependency of mta) trains the same Keras model in the same run on the
# same .mtax file (bench/neural_tensorflow.py), 2 intra- and 2 inter-op threads.
#
# Figures, ours vs TensorFlow:
#   seconds per step (batch 1 000 drawn by count). `mta train` prints per-epoch seconds that include
#     the per-epoch evaluation (≤ 200 000 windows scored, more than 100 steps cost), so ours is
#     (one epoch of --ours-steps steps − one epoch of 1 step) / (--ours-steps − 1). The default run
#     (5 epochs × 100 steps, evaluation included) gives the whole command's wall time and memory.
#     `mta train` merges identical draws into one weighted row; TensorFlow is timed both as Keras
#     is normally fed (1 000 rows) and with the same merging ("collapsed").
#   seconds per full pass: one weighted pass over every distinct (window, label) pair, batch 1 000,
#     weight = count (`--steps-per-epoch full --epochs 1 --validation-fraction 0`, less a 1-step
#     epoch for the evaluation). TensorFlow's pass may be timed on a fraction and extrapolated.
#   peak memory (`/usr/bin/time -v`) of each process.
#
# Usage: bench/neural_tensorflow.sh [--users N] [--channels "20 12"] [--tf-steps 500]
#                                   [--ours-steps 1000] [--pass-fraction 1] [--no-ours-pass]
#   MTA=path to the mta binary (default /tmp/rel/.build-release/release/mta; never rebuilt here).
#   Try --users 100000 first. The machine has 2 cores: the load is printed before each timed part.
set -euo pipefail
cd "$(dirname "$0")/.."
users=100000; channel_counts="20 12"; tf_steps=500; ours_steps=1000; pass_fraction=1; ours_pass=1
while [ $# -gt 0 ]; do
    case "$1" in
        --users) users=$2; shift 2 ;;
        --channels) channel_counts=$2; shift 2 ;;
        --tf-steps) tf_steps=$2; shift 2 ;;
        --ours-steps) ours_steps=$2; shift 2 ;;
        --pass-fraction) pass_fraction=$2; shift 2 ;;
        --no-ours-pass) ours_pass=0; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
mta=${MTA:-/tmp/rel/.build-release/release/mta}
[ -x "$mta" ] || { echo "no mta binary at $mta (set MTA=)" >&2; exit 1; }

venv=bench/.venv-tf
if ! "$venv/bin/python" -c "import tensorflow, numpy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q tensorflow-cpu numpy
fi

data=bench/data; out=bench/out/neural_tensorflow
mkdir -p "$data" "$out"
load() { echo "# load before $1: $(cat /proc/loadavg)"; }
# Wall seconds and peak KiB of a `/usr/bin/time -v` log.
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
peak() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
# Sum of the `seconds` column of a metrics.csv.
epochs() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seconds") c = i; next } { s += $c } END { printf "%.3f", s }' "$1"; }
train() { # name, then train flags
    local name=$1; shift
    /usr/bin/time -v "$mta" train "$examples" --quiet --out "$out/$tag-$name.mtam" --metrics "$out/$tag-$name.csv" "$@" \
        >"$out/$tag-$name.log" 2>"$out/$tag-$name.time"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, mta: $mta"
for channels in $channel_counts; do
    tag=u${users}_c${channels}
    events=$data/neural_tf_$tag.csv; examples=$data/neural_tf_$tag.mtax
    [ -s "$events" ] || "$mta" generate --users "$users" --channels "$channels" --seed 1 --out "$events" | head -1
    if [ ! -s "$examples" ] || [ "$events" -nt "$examples" ]; then
        "$mta" extract "$events" --conversion-event purchase --lookback-days 7 --out "$examples"
    fi
    echo "## $users users, $channels channels: $examples"

    load "mta train (defaults: 5 epochs × 100 steps)"
    train default
    ours_total=$(wall "$out/$tag-default.time"); ours_peak=$(peak "$out/$tag-default.time")
    echo "mta train defaults: $ours_total s wall (500 steps and 5 evaluations; epochs $(epochs "$out/$tag-default.csv") s), peak $ours_peak KiB"
    load "mta train --epochs 1 --steps-per-epoch $ours_steps"
    train steps --epochs 1 --steps-per-epoch "$ours_steps"
    train one-step --epochs 1 --steps-per-epoch 1
    ours_step=$(awk -v a="$(epochs "$out/$tag-steps.csv")" -v b="$(epochs "$out/$tag-one-step.csv")" -v n="$ours_steps" \
        'BEGIN { printf "%.5f", (a - b) / (n - 1) }')
    echo "mta train: $ours_step s per step (an epoch of $ours_steps steps $(epochs "$out/$tag-steps.csv") s, of 1 step $(epochs "$out/$tag-one-step.csv") s)"

    ours_pass_seconds=""; ours_pass_peak=""
    if [ "$ours_pass" = 1 ]; then
        load "mta train --steps-per-epoch full"
        train full --steps-per-epoch full --epochs 1 --validation-fraction 0
        train full-one-step --steps-per-epoch 1 --epochs 1 --validation-fraction 0
        ours_pass_seconds=$(awk -v a="$(epochs "$out/$tag-full.csv")" -v b="$(epochs "$out/$tag-full-one-step.csv")" -v s="$ours_step" \
            'BEGIN { printf "%.1f", a - b + s }')
        ours_pass_peak=$(peak "$out/$tag-full.time")
        echo "mta train full pass: $ours_pass_seconds s (epoch $(epochs "$out/$tag-full.csv") s less a 1-step epoch $(epochs "$out/$tag-full-one-step.csv") s), peak $ours_pass_peak KiB"
    fi

    load "TensorFlow"
    TF_CPP_MIN_LOG_LEVEL=2 /usr/bin/time -v "$venv/bin/python" bench/neural_tensorflow.py "$examples" \
        --steps "$tf_steps" --pass-fraction "$pass_fraction" >"$out/$tag-tf.txt" 2>"$out/$tag-tf.time"
    tf_peak=$(peak "$out/$tag-tf.time")
    grep -E '^tf_(version|keras_version|intra_op_threads|inter_op_threads|parameters|pairs|examples|rows_load|collapsed_load|pass_load|collapsed_rows_per_step|pass_batches|pass_batches_timed|pass_extrapolated)=' "$out/$tag-tf.txt" | tr '\n' ' '
    echo
    get() { sed -n "s/^tf_$1=//p" "$out/$tag-tf.txt"; }
    batches=$(get pass_batches)
    extrapolated=""; [ "$(get pass_extrapolated)" = 1 ] && extrapolated=" (extrapolated from $(get pass_batches_timed) of $batches batches)"
    ratio() { awk -v t="$1" -v o="$2" 'BEGIN { if (o > 0 && t != "") printf "%.2f×", t / o; else print "—" }'; }
    printf '\n| %s users, %s channels | mta | TensorFlow %s | TF / mta |\n|---|---|---|---|\n' "$users" "$channels" "$(get version)"
    printf '| s per step, 1 000 draws by count | %s | %s (1 000 rows) | %s |\n' "$ours_step" "$(get rows_step_seconds)" "$(ratio "$(get rows_step_seconds)" "$ours_step")"
    printf '| s per step, identical draws merged (%s rows) | %s | %s | %s |\n' "$(get collapsed_rows_per_step)" "$ours_step" "$(get collapsed_step_seconds)" "$(ratio "$(get collapsed_step_seconds)" "$ours_step")"
    if [ -n "$ours_pass_seconds" ]; then
        printf '| s per full weighted pass (%s pairs, %s batches) | %s | %s%s | %s |\n' "$(get pairs)" "$batches" "$ours_pass_seconds" "$(get pass_seconds)" "$extrapolated" "$(ratio "$(get pass_seconds)" "$ours_pass_seconds")"
        printf '| s per full-pass batch | %s | %s | %s |\n' "$(awk -v s="$ours_pass_seconds" -v b="$batches" 'BEGIN { printf "%.5f", s / b }')" "$(get pass_batch_seconds)" \
            "$(ratio "$(get pass_batch_seconds)" "$(awk -v s="$ours_pass_seconds" -v b="$batches" 'BEGIN { printf "%.6f", s / b }')")"
    else
        printf '| s per full weighted pass (%s pairs, %s batches) | not run | %s%s | — |\n' "$(get pairs)" "$batches" "$(get pass_seconds)" "$extrapolated"
    fi
    printf '| peak memory | %s MiB (defaults), %s MiB (full pass) | %s MiB (whole script) | |\n\n' \
        "$((ours_peak / 1024))" "$([ -n "$ours_pass_peak" ] && echo $((ours_pass_peak / 1024)) || echo —)" "$((tf_peak / 1024))"
done
