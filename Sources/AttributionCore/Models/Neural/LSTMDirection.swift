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
                MatrixKernels.multiply(rows: n, columns: g4, inner: w, a: hp, aRow: w, aColumn: 1,
                                       b: recurrentKernel, ldb: g4, c: z, ldc: g4, accumulate: true)
            }
            let c = cells + t * n * w
            let tc = tanhCells + t * n * w
            for b in 0..<n {
                let zr = z + b * g4
                T.sigmoid(zr, count: 2 * w)
                T.tanh(zr + 2 * w, count: w)
                T.sigmoid(zr + 3 * w, count: w)
                let cr = c + b * w, tcr = tc + b * w
                if s == 0 {
                    for j in 0..<w { cr[j] = zr[j] * zr[2 * w + j] }
                } else {
                    let cp = cells + (day(s - 1) * n + b) * w
                    for j in 0..<w { cr[j] = zr[w + j] * cp[j] + zr[j] * zr[2 * w + j] }
                }
                tcr.update(from: cr, count: w)
                T.tanh(tcr, count: w)
                let h = output + (t * n + b) * outputStride
                for j in 0..<w { h[j] = zr[3 * w + j] * tcr[j] }
            }
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
            for b in 0..<n {
                let zr = z + b * g4
                let tcr = tanhCells + (t * n + b) * w
                let cp: UnsafePointer<T>? = s == 0 ? nil : cells + (day(s - 1) * n + b) * w
                let above: UnsafePointer<T>? =
                    if let og = outputGradient { og + (t * n + b) * gradientStride }
                    else if last, let fg = finalGradient { fg + b * gradientStride }
                    else { nil }
                let dhr = dhNext + b * w, dcr = dcNext + b * w
                for j in 0..<w {
                    var dh: T = last ? 0 : dhr[j]
                    if let above { dh += above[j] }
                    let i = zr[j], f = zr[w + j], g = zr[2 * w + j], o = zr[3 * w + j], tc = tcr[j]
                    var dc = dh * o * (1 - tc * tc)
                    if !last { dc += dcr[j] }
                    zr[j] = dc * g * i * (1 - i)
                    zr[w + j] = if let cp { dc * cp[j] * f * (1 - f) } else { 0 }
                    zr[2 * w + j] = dc * i * (1 - g * g)
                    zr[3 * w + j] = dh * tc * o * (1 - o)
                    dcr[j] = dc * f
                }
            }
            if s > 0 {
                // dL/dh̃₋ = dZ · Uᵀ, then through the recurrent mask to dL/dh of the previous step.
                MatrixKernels.multiply(rows: n, columns: w, inner: g4, a: z, aRow: g4, aColumn: 1,
                                       b: transposedRecurrentKernel, ldb: w, c: dhNext, ldc: w, accumulate: false)
                if let m = recurrentMask {
                    for k in 0..<(n * w) { dhNext[k] *= m[k] }
                }
            }
        }
    }
}
