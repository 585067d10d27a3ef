/// Wᵀ and Uᵀ of every LSTM direction and the dense kernel's transpose, made once per batch so the
/// backward pass's products with transposed weights (dZ · Wᵀ, dZ · Uᵀ, dA · Dᵀ) run as plain
/// row-major products.
struct TransposedWeights<T: NeuralScalar>: Sendable {
    let values: [T]
    /// Per slot `layer * 2 + direction`: offset of Wᵀ `[4·width × inputs]` and of Uᵀ `[4·width × width]`.
    let kernel: [Int]
    let recurrentKernel: [Int]
    /// Offset of the dense kernel's transpose `[width × 2·width]`.
    let denseKernel: Int

    init(_ parameters: UnsafePointer<T>, layout: ParameterLayout, width w: Int) {
        var kernel: [Int] = [], recurrent: [Int] = []
        var size = 0
        for directions in layout.lstm {
            for weights in directions {
                kernel.append(size)
                size += weights.kernel.count
                recurrent.append(size)
                size += weights.recurrentKernel.count
            }
        }
        let dense = size
        size += layout.denseKernel.count
        var values = [T](repeating: 0, count: size)
        values.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress!
            for (layer, directions) in layout.lstm.enumerated() {
                for (direction, weights) in directions.enumerated() {
                    let slot = layer * 2 + direction
                    MatrixKernels.transpose(
                        parameters + weights.kernel.lowerBound, rows: weights.inputs,
                        columns: 4 * w, into: o + kernel[slot])
                    MatrixKernels.transpose(
                        parameters + weights.recurrentKernel.lowerBound, rows: w,
                        columns: 4 * w, into: o + recurrent[slot])
                }
            }
            MatrixKernels.transpose(
                parameters + layout.denseKernel.lowerBound, rows: 2 * w, columns: w,
                into: o + dense)
        }
        self.values = values
        self.kernel = kernel
        self.recurrentKernel = recurrent
        denseKernel = dense
    }
}
