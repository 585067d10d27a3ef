/// The recurrence of one direction of one LSTM layer over a shard of `rows` windows, with Keras's gates:
/// i = σ(z_i), f = σ(z_f), c̃ = tanh(z_c), o = σ(z_o), c = f ⊙ c₋ + i ⊙ c̃, h = o ⊙ tanh(c), where
/// z = x̃ · W + b + h̃₋ · U and h̃₋ = h₋ ⊙ (recurrent mask). The input part x̃ · W + b is computed for all
/// days at once by the caller (it has no recurrence); this type does the day-by-day part.
struct LSTMDirection<T: NeuralScalar> {
    let days: Int
    let width: Int
    let rows: Int
    /// Reads the days last to first (the backward direction of a bidirectional layer).
    let reversed: Bool

    /// The day processed at step `s`.
    @inline(__always) func day(_ s: Int) -> Int { reversed ? days - 1 - s : s }

    /// Runs the recurrence. `gates` holds x̃ · W + b for every day on entry and the activated gates
    /// (i, f, c̃, o) on exit; h goes to `output` (row stride `outputStride`, so both directions can share
    /// one `[days × rows × 2·width]` buffer).
    func forward(
        gates: UnsafeMutablePointer<T>, recurrentKernel: UnsafePointer<T>, recurrentMask: UnsafePointer<T>?,
        cells: UnsafeMutablePointer<T>, tanhCells: UnsafeMutablePointer<T>, previousOutputs: UnsafeMutablePointer<T>,
        output: UnsafeMutablePointer<T>, outputStride: Int
    ) {
        let w = width, g4 = 4 * width, n = rows
        for s in 0..<days {
            let t = day(s)
            let z = gates + t * n * g4
            let hp = previousOutputs + t * n * w
            if s == 0 {
                hp.update(repeating: 0, count: n * w)
            } else {
                let tp = day(s - 1)
                for b in 0..<n {
                    let h = output + (tp * n + b) * outputStride
                    let dst = hp + b * w
                    if let m = recurrentMask {
                        for j in 0..<w { dst[j] = h[j] * m[b * w + j] }
                    } else {
                        dst.update(from: h, count: w)
                    }
                }
                MatrixKernels.multiply(
                    rows: n, columns: g4, inner: w, a: hp, aRow: w, aColumn: 1,
                    b: recurrentKernel, ldb: g4, c: z, ldc: g4, accumulate: true)
            }
            T.cellForward(
                rows: n, width: w, gates: z,
                previousCells: s == 0 ? nil : UnsafePointer(cells + day(s - 1) * n * w),
                cells: cells + t * n * w, tanhCells: tanhCells + t * n * w,
                output: output + t * n * outputStride, outputStride: outputStride)
        }
    }

    /// Back-propagates through the recurrence. dL/dh arrives from above either on every day
    /// (`outputGradient`, a layer that returns sequences) or only on the direction's last step
    /// (`finalGradient`, the last layer, which returns final states). On exit `gates` holds dL/dz for
    /// every day (i, f, c̃, o blocks), from which the caller forms the weight and input gradients.
    func backward(
        gates: UnsafeMutablePointer<T>, transposedRecurrentKernel: UnsafePointer<T>, recurrentMask: UnsafePointer<T>?,
        cells: UnsafePointer<T>, tanhCells: UnsafePointer<T>,
        outputGradient: UnsafePointer<T>?, finalGradient: UnsafePointer<T>?, gradientStride: Int,
        recurrentGradient dhNext: UnsafeMutablePointer<T>, cellGradient dcNext: UnsafeMutablePointer<T>
    ) {
        let w = width, g4 = 4 * width, n = rows
        for s in stride(from: days - 1, through: 0, by: -1) {
            let t = day(s)
            let last = s == days - 1
            let z = gates + t * n * g4
            let above: UnsafePointer<T>? =
                if let og = outputGradient { og + t * n * gradientStride } else if last, let fg = finalGradient { fg } else { nil }
            T.cellBackward(
                rows: n, width: w, gates: z, tanhCells: tanhCells + t * n * w,
                previousCells: s == 0 ? nil : cells + day(s - 1) * n * w,
                above: above, aboveStride: gradientStride,
                recurrentGradient: dhNext, cellGradient: dcNext, fromNext: !last)
            if s > 0 {
                // dL/dh̃₋ = dZ · Uᵀ, then through the recurrent mask to dL/dh of the previous step.
                MatrixKernels.multiply(
                    rows: n, columns: w, inner: g4, a: z, aRow: g4, aColumn: 1,
                    b: transposedRecurrentKernel, ldb: w, c: dhNext, ldc: w, accumulate: false)
                if let m = recurrentMask {
                    for k in 0..<(n * w) { dhNext[k] *= m[k] }
                }
            }
        }
    }
}
