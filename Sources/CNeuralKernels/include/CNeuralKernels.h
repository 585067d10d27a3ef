#ifndef CNEURALKERNELS_H
#define CNEURALKERNELS_H

/// The conversion network's Float hot loops, in C so that they can be compiled for AVX2 + FMA next to a
/// baseline build of the same source and the variant chosen at run time (Swift has no per-function
/// target attribute, and the package is built for baseline x86-64).
///
/// Both variants sum every element of a product in the same order (p = 0, 1, …, k − 1, from C or 0),
/// whatever block of the output it falls in, so a row's result never depends on its batch, shard or
/// thread. The AVX2 variant fuses each multiply-add (one rounding), the baseline does not: results are
/// identical on one machine and may differ in the last bits between CPUs with and without AVX2.
typedef struct NKKernels {
    /// "avx2" or "baseline".
    const char *name;

    /// C ← (accumulate ? C : 0) + A · B, with C `[m × n]` (row stride ldc), B `[k × n]` (row stride ldb)
    /// and A(i, p) = a[i · aRow + p · aColumn] (so A may be read transposed without a copy).
    void (*multiply)(long m, long n, long k, const float *a, long aRow, long aColumn,
                     const float *b, long ldb, float *c, long ldc, int accumulate);

    /// One LSTM step's element-wise part for `rows` rows (Keras gates i, f, c̃, o, each `width` wide):
    /// `gates` `[rows × 4·width]` holds the pre-activations on entry and σ(i), σ(f), tanh(c̃), σ(o) on exit;
    /// c = f ⊙ c₋ + i ⊙ c̃ (c₋ = 0 when `previousCells` is NULL) into `cells`, tanh c into `tanhCells`
    /// (both `[rows × width]`), h = o ⊙ tanh c into `output` (row stride `outputStride`).
    void (*cellForward)(long rows, long width, float *gates, const float *previousCells, float *cells,
                        float *tanhCells, float *output, long outputStride);

    /// Back through one LSTM step's element-wise part for `rows` rows: `gates` holds the activated gates
    /// on entry and dL/dz (i, f, c̃, o blocks) on exit. dL/dh = `above` (row stride `aboveStride`; NULL: none)
    /// + `recurrentGradient` (dL/dh from the next step); dL/dc = dL/dh ⊙ o ⊙ (1 − tanh² c) + `cellGradient`
    /// (dL/dc from the next step), which is replaced by dL/dc ⊙ f for the step before. When `fromNext` is 0
    /// (a direction's last step) neither buffer is read. `previousCells` is NULL on a direction's first step.
    void (*cellBackward)(long rows, long width, float *gates, const float *tanhCells, const float *previousCells,
                         const float *above, long aboveStride, const float *recurrentGradient,
                         float *cellGradient, int fromNext);

    /// σ and tanh of `count` values in place (the same approximations `cellForward` uses).
    void (*sigmoid)(float *x, long count);
    void (*tanh)(float *x, long count);
} NKKernels;

/// The fastest variant this CPU runs (AVX2 + FMA when present), chosen once.
const NKKernels *nk_kernels(void);
/// The baseline variant (SSE2 on x86-64), always available.
const NKKernels *nk_kernels_baseline(void);
/// The AVX2 + FMA variant, or NULL when the CPU (or the architecture) lacks it.
const NKKernels *nk_kernels_avx2(void);

#endif
