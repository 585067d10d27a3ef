// The kernels for any CPU of the architecture (SSE2 on x86-64): multiply and add rounded separately,
// everywhere (contraction off, so an FMA-capable baseline such as arm64 computes the same way).
#pragma STDC FP_CONTRACT OFF
// 8-float vectors on a CPU without AVX: every helper is inlined, so no call passes one (no ABI question).
#pragma clang diagnostic ignored "-Wpsabi"
#define NK_MADD(acc, x, y) ((acc) + (x) * (y))
#define NK_PANEL_VECTORS 1
#define NK_TABLE nk_baseline_table
#define NK_NAME "baseline"
#include "KernelBody.h"
