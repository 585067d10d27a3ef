// Picks the kernels once, by what the CPU reports.
#include "CNeuralKernels.h"

extern const NKKernels nk_baseline_table;
#if defined(__x86_64__)
extern const NKKernels nk_avx2_table;
#endif

const NKKernels *nk_kernels_baseline(void) { return &nk_baseline_table; }

const NKKernels *nk_kernels_avx2(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &nk_avx2_table;
#endif
    return 0;
}

const NKKernels *nk_kernels(void) {
    const NKKernels *avx2 = nk_kernels_avx2();
    return avx2 ? avx2 : nk_kernels_baseline();
}
