// The kernels built for AVX2 + FMA (x86-64 only; chosen at run time by dispatch.c). Every
// multiply-add of a product is one fused instruction, in the vector blocks and the scalar tails alike.
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define NK_MADD(acc, x, y) __builtin_elementwise_fma((x), (y), (acc))
#define NK_PANEL_VECTORS 2
#define NK_TABLE nk_avx2_table
#define NK_NAME "avx2"
#include "KernelBody.h"
#pragma clang attribute pop
#endif
