// The kernels' source, compiled twice: by baseline.c (no extra CPU features, separate multiply and add)
// and by avx2.c (every function built for AVX2 + FMA, multiply-adds fused). The includer defines
// NK_MADD(acc, x, y) — acc + x·y, fused or not —, NK_TABLE, the name of the table to define, and
// NK_PANEL_VECTORS, the 8-float vectors across a product's register block (2 with AVX's 16 wide
// registers; 1 with SSE's 16 narrow ones, where 6 × 16 accumulators would spill).
// GCC/Clang vector extensions let the one source become SSE, AVX or NEON code.
#include "CNeuralKernels.h"

typedef float nk_v8 __attribute__((vector_size(32)));
typedef int nk_v8i __attribute__((vector_size(32)));

#define NK_INLINE static inline __attribute__((always_inline))

NK_INLINE nk_v8 nk_load(const float *p) {
    nk_v8 v;
    __builtin_memcpy(&v, p, sizeof v);  // unaligned, and no aliasing question
    return v;
}

NK_INLINE void nk_store(float *p, nk_v8 v) { __builtin_memcpy(p, &v, sizeof v); }

NK_INLINE nk_v8 nk_splat(float x) { return (nk_v8){x, x, x, x, x, x, x, x}; }

// MARK: products

/// R rows (≤ 6) × 8·V columns (V ≤ 2) of C held in registers while p runs over the inner dimension:
/// 12 accumulators, two rows of B and a broadcast fit AVX's 16 registers. R and V are constants at every
/// call, so the arrays become registers and the loops over r and v disappear.
NK_INLINE void nk_block(int R, int V, long k, const float *a, long aRow, long aColumn,
                        const float *b, long ldb, float *c, long ldc, int accumulate) {
    nk_v8 acc[6][2];
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) acc[r][v] = accumulate ? nk_load(c + r * ldc + 8 * v) : nk_splat(0);
    for (long p = 0; p < k; p++) {
        const float *bp = b + p * ldb;
        const float *ap = a + p * aColumn;
        nk_v8 b0 = nk_load(bp), b1 = V > 1 ? nk_load(bp + 8) : b0;
        for (int r = 0; r < R; r++) {
            nk_v8 x = nk_splat(ap[r * aRow]);
            acc[r][0] = NK_MADD(acc[r][0], x, b0);
            if (V > 1) acc[r][1] = NK_MADD(acc[r][1], x, b1);
        }
    }
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) nk_store(c + r * ldc + 8 * v, acc[r][v]);
}

/// Every row of one 8·V-column panel, 6 rows at a time, then the last 0–5.
NK_INLINE void nk_panel(int V, long m, long k, const float *a, long aRow, long aColumn,
                        const float *b, long ldb, float *c, long ldc, int accumulate) {
    long i = 0;
    for (; i + 6 <= m; i += 6) nk_block(6, V, k, a + i * aRow, aRow, aColumn, b, ldb, c + i * ldc, ldc, accumulate);
    if (i + 4 <= m) {
        nk_block(4, V, k, a + i * aRow, aRow, aColumn, b, ldb, c + i * ldc, ldc, accumulate);
        i += 4;
    }
    if (i + 2 <= m) {
        nk_block(2, V, k, a + i * aRow, aRow, aColumn, b, ldb, c + i * ldc, ldc, accumulate);
        i += 2;
    }
    if (i < m) nk_block(1, V, k, a + i * aRow, aRow, aColumn, b, ldb, c + i * ldc, ldc, accumulate);
}

/// Inner-dimension rows of a packed B panel: 16 KiB, half the L1 cache.
#define NK_PACK_ROWS 256

static void nk_multiply(long m, long n, long k, const float *a, long aRow, long aColumn,
                        const float *b, long ldb, float *c, long ldc, int accumulate) {
    long j = 0;
    if (NK_PANEL_VECTORS == 2 && m >= 12) {
        // B's rows are often 1 KiB apart (4·width floats): a panel read in place falls into a few cache
        // sets and keeps being evicted. Copied into one contiguous block (256 inner rows at a time), it
        // stays in L1 for every row block. Blocking the inner dimension keeps each element's summation
        // order: C is stored after one block and reloaded, exactly, for the next.
        float packed[NK_PACK_ROWS * 16] __attribute__((aligned(64)));
        for (; j + 16 <= n; j += 16) {
            for (long p0 = 0; p0 < k; p0 += NK_PACK_ROWS) {
                long kb = k - p0 < NK_PACK_ROWS ? k - p0 : NK_PACK_ROWS;
                for (long p = 0; p < kb; p++) {
                    nk_store(packed + p * 16, nk_load(b + (p0 + p) * ldb + j));
                    nk_store(packed + p * 16 + 8, nk_load(b + (p0 + p) * ldb + j + 8));
                }
                nk_panel(2, m, kb, a + p0 * aColumn, aRow, aColumn, packed, 16, c + j, ldc, accumulate || p0 > 0);
            }
        }
    }
    if (NK_PANEL_VECTORS == 2)
        for (; j + 16 <= n; j += 16) nk_panel(2, m, k, a, aRow, aColumn, b + j, ldb, c + j, ldc, accumulate);
    for (; j + 8 <= n; j += 8) nk_panel(1, m, k, a, aRow, aColumn, b + j, ldb, c + j, ldc, accumulate);
    // Columns past the last multiple of 8 (small shapes, the 1-wide output layer): one lane at a time,
    // in the same order as the vector lanes.
    for (; j < n; j++) {
        for (long i = 0; i < m; i++) {
            float s = accumulate ? c[i * ldc + j] : 0;
            const float *ai = a + i * aRow;
            for (long p = 0; p < k; p++) s = NK_MADD(s, ai[p * aColumn], b[p * ldb + j]);
            c[i * ldc + j] = s;
        }
    }
}

// MARK: activations

/// e^x = 2^n · e^r with n = round(x / ln 2), |r| ≤ ln 2 / 2; e^r by its Taylor series to degree 7
/// (truncation < 1e-8 relative), 2^n built in the exponent bits. A few ulp from the true value.
NK_INLINE nk_v8 nk_exp(nk_v8 x) {
    // Past these bounds e^x is 0 or inf in Float anyway; clamping keeps 2^n a normal number.
    x = __builtin_elementwise_min(__builtin_elementwise_max(x, nk_splat(-87.3f)), nk_splat(88.3f));
    // Adding 1.5·2^23 rounds to an integer held in the low mantissa bits: no float→int conversion.
    const nk_v8 magic = nk_splat(12582912.0f);
    nk_v8 shifted = x * nk_splat(1.44269504f) + magic;
    nk_v8 n = shifted - magic;
    // ln 2 in two parts (Cody–Waite) so that n · ln2High is exact.
    nk_v8 r = x - n * nk_splat(0.693359375f) - n * nk_splat(-2.12194440e-4f);
    // Estrin's scheme: a shorter dependency chain than Horner's.
    nk_v8 r2 = r * r, r4 = r2 * r2;
    nk_v8 q01 = 1 + r, q23 = nk_splat(0.5f) + r * nk_splat(1.0f / 6);
    nk_v8 q45 = nk_splat(1.0f / 24) + r * nk_splat(1.0f / 120);
    nk_v8 q67 = nk_splat(1.0f / 720) + r * nk_splat(1.0f / 5040);
    nk_v8 p = (q01 + r2 * q23) + r4 * (q45 + r2 * q67);
    nk_v8i bits = ((nk_v8i)shifted + 127) << 23;
    return p * (nk_v8)bits;
}

NK_INLINE nk_v8 nk_sigmoid8(nk_v8 x) { return 1 / (1 + nk_exp(-x)); }

/// tanh x = 2 / (1 + e^−2x) − 1: saturates cleanly at both ends; near 0 its error is absolute (~1e-7).
NK_INLINE nk_v8 nk_tanh8(nk_v8 x) { return 2 / (1 + nk_exp(-2 * x)) - 1; }

/// Loads `count` (< 8) values padded with zeros, so tails go through the same vector code.
NK_INLINE nk_v8 nk_load_part(const float *p, long count) {
    float t[8] = {0};
    for (long i = 0; i < count; i++) t[i] = p[i];
    return nk_load(t);
}

NK_INLINE void nk_store_part(float *p, nk_v8 v, long count) {
    float t[8];
    nk_store(t, v);
    for (long i = 0; i < count; i++) p[i] = t[i];
}

static void nk_sigmoid(float *x, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) nk_store(x + i, nk_sigmoid8(nk_load(x + i)));
    if (i < count) nk_store_part(x + i, nk_sigmoid8(nk_load_part(x + i, count - i)), count - i);
}

static void nk_tanh(float *x, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) nk_store(x + i, nk_tanh8(nk_load(x + i)));
    if (i < count) nk_store_part(x + i, nk_tanh8(nk_load_part(x + i, count - i)), count - i);
}

/// Columns j..j+8 of one row's LSTM step (`part` < 8: only the first `part` of them).
NK_INLINE void nk_cell8(long w, float *z, const float *cp, float *c, float *tc, float *h, long j, long part) {
    nk_v8 zi, zf, zg, zo, cprev;
    if (part == 8) {
        zi = nk_load(z + j), zf = nk_load(z + w + j), zg = nk_load(z + 2 * w + j), zo = nk_load(z + 3 * w + j);
        cprev = cp ? nk_load(cp + j) : nk_splat(0);
    } else {
        zi = nk_load_part(z + j, part), zf = nk_load_part(z + w + j, part);
        zg = nk_load_part(z + 2 * w + j, part), zo = nk_load_part(z + 3 * w + j, part);
        cprev = cp ? nk_load_part(cp + j, part) : nk_splat(0);
    }
    nk_v8 i = nk_sigmoid8(zi), f = nk_sigmoid8(zf), g = nk_tanh8(zg), o = nk_sigmoid8(zo);
    nk_v8 cell = f * cprev + i * g;
    nk_v8 t = nk_tanh8(cell);
    nk_v8 out = o * t;
    if (part == 8) {
        nk_store(z + j, i), nk_store(z + w + j, f), nk_store(z + 2 * w + j, g), nk_store(z + 3 * w + j, o);
        nk_store(c + j, cell), nk_store(tc + j, t), nk_store(h + j, out);
    } else {
        nk_store_part(z + j, i, part), nk_store_part(z + w + j, f, part);
        nk_store_part(z + 2 * w + j, g, part), nk_store_part(z + 3 * w + j, o, part);
        nk_store_part(c + j, cell, part), nk_store_part(tc + j, t, part), nk_store_part(h + j, out, part);
    }
}

static void nk_cell_forward(long rows, long w, float *gates, const float *previousCells, float *cells,
                            float *tanhCells, float *output, long outputStride) {
    for (long b = 0; b < rows; b++) {
        float *z = gates + b * 4 * w, *c = cells + b * w, *tc = tanhCells + b * w, *h = output + b * outputStride;
        const float *cp = previousCells ? previousCells + b * w : 0;
        long j = 0;
        for (; j + 8 <= w; j += 8) nk_cell8(w, z, cp, c, tc, h, j, 8);
        if (j < w) nk_cell8(w, z, cp, c, tc, h, j, w - j);
    }
}

/// Columns j..j+8 of one row's step back (`part` < 8: only the first `part` of them).
NK_INLINE void nk_cell_back8(long w, float *z, const float *tc, const float *cp, const float *above,
                             const float *dhNext, float *dc, int fromNext, long j, long part) {
#define NK_GET(p) (part == 8 ? nk_load(p) : nk_load_part(p, part))
    nk_v8 i = NK_GET(z + j), f = NK_GET(z + w + j), g = NK_GET(z + 2 * w + j), o = NK_GET(z + 3 * w + j);
    nk_v8 t = NK_GET(tc + j);
    nk_v8 dh = fromNext ? NK_GET(dhNext + j) : nk_splat(0);
    if (above) dh += NK_GET(above + j);
    nk_v8 dcell = dh * o * (1 - t * t);
    if (fromNext) dcell += NK_GET(dc + j);
    nk_v8 di = dcell * g * i * (1 - i);
    nk_v8 df = cp ? dcell * NK_GET(cp + j) * f * (1 - f) : nk_splat(0);
    nk_v8 dg = dcell * i * (1 - g * g);
    nk_v8 dout = dh * t * o * (1 - o);
    nk_v8 dcPrev = dcell * f;
#undef NK_GET
    if (part == 8) {
        nk_store(z + j, di), nk_store(z + w + j, df), nk_store(z + 2 * w + j, dg), nk_store(z + 3 * w + j, dout);
        nk_store(dc + j, dcPrev);
    } else {
        nk_store_part(z + j, di, part), nk_store_part(z + w + j, df, part);
        nk_store_part(z + 2 * w + j, dg, part), nk_store_part(z + 3 * w + j, dout, part);
        nk_store_part(dc + j, dcPrev, part);
    }
}

static void nk_cell_backward(long rows, long w, float *gates, const float *tanhCells, const float *previousCells,
                             const float *above, long aboveStride, const float *recurrentGradient,
                             float *cellGradient, int fromNext) {
    for (long b = 0; b < rows; b++) {
        float *z = gates + b * 4 * w, *dc = cellGradient + b * w;
        const float *tc = tanhCells + b * w, *cp = previousCells ? previousCells + b * w : 0;
        const float *ab = above ? above + b * aboveStride : 0;
        const float *dh = recurrentGradient ? recurrentGradient + b * w : 0;
        long j = 0;
        for (; j + 8 <= w; j += 8) nk_cell_back8(w, z, tc, cp, ab, dh, dc, fromNext, j, 8);
        if (j < w) nk_cell_back8(w, z, tc, cp, ab, dh, dc, fromNext, j, w - j);
    }
}

const NKKernels NK_TABLE = {
#ifdef NK_NAME
    .name = NK_NAME,
#endif
    .multiply = nk_multiply,
    .cellForward = nk_cell_forward,
    .cellBackward = nk_cell_backward,
    .sigmoid = nk_sigmoid,
    .tanh = nk_tanh,
};
