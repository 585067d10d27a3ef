#!/usr/bin/env bash
# Benchmark: the neural conversion network (Sources/AttributionCore/Models/Neural) at the
# production shape — width 64, 2 bidirectional LSTM layers, 7 days, 20 and 12 channels —
# forward+backward (batch 1000, dropout on) and predict, windows/s on 1 and 2 threads. Runs the
# env-gated NeuralBenchTests in release mode; nothing is asserted about time. The Float kernels
# (Sources/CNeuralKernels) use AVX2 + FMA when the CPU has them; a line says which variant ran.
# The release test build lives in its own scratch folder (a full build the first time, ~15-20 min
# on 2 cores). Usage: bench/neural_network.sh [SCRATCH_PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-/tmp/neural-rel}
echo "machine: $(nproc) cores; load before run: $(cut -d' ' -f1 /proc/loadavg)"
MTA_NEURAL_BENCH=1 swift test -c release --scratch-path "$scratch" --filter NeuralBench 2>&1 | grep -E "neural bench|neural kernels|passed|failed"
