/// Forward and backward pass of the whole network over one shard of windows, on one thread:
/// stacked bidirectional LSTMs → the last layer's final states → dense ReLU → dense logit.
struct ShardPass<T: NeuralScalar> {
    let shape: NetworkShape
    let layout: ParameterLayout
    let workspace: ShardWorkspace<T>
    let parameters: UnsafePointer<T>
    /// Window masks of this shard's windows, `rows × days`.
    let windows: UnsafePointer<UInt64>
    let rows: Int
    /// Whether the workspace's dropout masks apply (training with a rate above 0).
    let dropout: Bool

    private func direction(_ d: Int) -> LSTMDirection<T> {
        LSTMDirection(days: shape.days, width: shape.width, rows: rows, reversed: d == 1)
    }

    /// Leaves the logits in `workspace.logits[0..<rows]` and every activation the backward pass needs.
    func forward() {
        let ws = workspace, n = rows, days = shape.days, w = shape.width, g4 = 4 * w
        for layer in 0..<shape.layers {
            let inputs = shape.inputs(ofLayer: layer)
            for d in 0..<2 {
                let slot = layer * 2 + d
                let weights = layout.lstm[layer][d]
                let kernel = parameters + weights.kernel.lowerBound
                let bias = parameters + weights.bias.lowerBound
                let z = ws.gates[slot]
                let inputMask: UnsafePointer<T>? = dropout ? UnsafePointer(ws.inputMasks[slot]) : nil
                for r in 0..<(days * n) { (z + r * g4).update(from: bias, count: g4) }
                if layer == 0 {
                    // Binary input: x̃ · W is the sum of the kernel rows of the touched channels.
                    for t in 0..<days {
                        for b in 0..<n {
                            let row = z + (t * n + b) * g4
                            var bits = windows[b * days + t]
                            while bits != 0 {
                                let c = bits.trailingZeroBitCount
                                bits &= bits &- 1
                                let scale: T = inputMask?[b * inputs + c] ?? 1
                                if scale != 0 { MatrixKernels.addScaled(kernel + c * g4, scale, into: row, count: g4) }
                            }
                        }
                    }
                } else {
                    var x = UnsafePointer(ws.outputs[layer - 1])
                    if let inputMask {
                        let masked = ws.maskedInputs[slot]
                        for r in 0..<(days * n) {
                            let m = inputMask + (r % n) * inputs
                            for k in 0..<inputs { masked[r * inputs + k] = x[r * inputs + k] * m[k] }
                        }
                        x = UnsafePointer(masked)
                    }
                    MatrixKernels.multiply(
                        rows: days * n, columns: g4, inner: inputs, a: x, aRow: inputs, aColumn: 1,
                        b: kernel, ldb: g4, c: z, ldc: g4, accumulate: true)
                }
                direction(d).forward(
                    gates: z, recurrentKernel: parameters + weights.recurrentKernel.lowerBound,
                    recurrentMask: dropout ? UnsafePointer(ws.recurrentMasks[slot]) : nil,
                    cells: ws.cells[slot], tanhCells: ws.tanhCells[slot], previousOutputs: ws.previousOutputs[slot],
                    output: ws.outputs[layer] + d * w, outputStride: 2 * w)
            }
        }
        // Final states: forward h on the last day, backward h on the first day (its last step).
        let last = ws.outputs[shape.layers - 1]
        for b in 0..<n {
            (ws.features + b * 2 * w).update(from: last + ((days - 1) * n + b) * 2 * w, count: w)
            (ws.features + b * 2 * w + w).update(from: last + b * 2 * w + w, count: w)
        }
        let denseBias = parameters + layout.denseBias.lowerBound
        for b in 0..<n { (ws.hidden + b * w).update(from: denseBias, count: w) }
        MatrixKernels.multiply(
            rows: n, columns: w, inner: 2 * w, a: ws.features, aRow: 2 * w, aColumn: 1,
            b: parameters + layout.denseKernel.lowerBound, ldb: w, c: ws.hidden, ldc: w, accumulate: true)
        for k in 0..<(n * w) where ws.hidden[k] < 0 { ws.hidden[k] = 0 }
        ws.logits.update(repeating: parameters[layout.outputBias.lowerBound], count: n)
        MatrixKernels.multiply(
            rows: n, columns: 1, inner: w, a: ws.hidden, aRow: w, aColumn: 1,
            b: parameters + layout.outputKernel.lowerBound, ldb: 1, c: ws.logits, ldc: 1, accumulate: true)
    }

    /// Adds this shard's gradient to `gradient`, given dL/dlogit in `workspace.logits[0..<rows]` (which
    /// replaces the logits) after `forward()`. Consumes the gate activations.
    func backward(transposed: TransposedWeights<T>, transposedValues tv: UnsafePointer<T>, gradient: UnsafeMutablePointer<T>) {
        let ws = workspace, n = rows, days = shape.days, w = shape.width, g4 = 4 * w
        let steps = days * n

        // Output layer: logit = hidden · v + b.
        for b in 0..<n { gradient[layout.outputBias.lowerBound] += ws.logits[b] }
        MatrixKernels.multiply(
            rows: w, columns: 1, inner: n, a: ws.hidden, aRow: 1, aColumn: w,
            b: ws.logits, ldb: 1, c: gradient + layout.outputKernel.lowerBound, ldc: 1, accumulate: true)
        // Dense ReLU layer; the derivative at 0 is taken as 0.
        let v = parameters + layout.outputKernel.lowerBound
        for b in 0..<n {
            for j in 0..<w {
                ws.hiddenGradient[b * w + j] = ws.hidden[b * w + j] > 0 ? ws.logits[b] * v[j] : 0
            }
            MatrixKernels.add(ws.hiddenGradient + b * w, into: gradient + layout.denseBias.lowerBound, count: w)
        }
        MatrixKernels.multiply(
            rows: 2 * w, columns: w, inner: n, a: ws.features, aRow: 1, aColumn: 2 * w,
            b: ws.hiddenGradient, ldb: w, c: gradient + layout.denseKernel.lowerBound, ldc: w,
            accumulate: true)
        MatrixKernels.multiply(
            rows: n, columns: 2 * w, inner: w, a: ws.hiddenGradient, aRow: w, aColumn: 1,
            b: tv + transposed.denseKernel, ldb: 2 * w, c: ws.featureGradient, ldc: 2 * w,
            accumulate: false)

        for layer in stride(from: shape.layers - 1, through: 0, by: -1) {
            let inputs = shape.inputs(ofLayer: layer)
            let top = layer == shape.layers - 1
            if layer > 0 { ws.outputGradients[layer - 1].update(repeating: 0, count: steps * 2 * w) }
            for d in 0..<2 {
                let slot = layer * 2 + d
                let weights = layout.lstm[layer][d]
                let z = ws.gates[slot]
                let inputMask: UnsafePointer<T>? = dropout ? UnsafePointer(ws.inputMasks[slot]) : nil
                direction(d).backward(
                    gates: z, transposedRecurrentKernel: tv + transposed.recurrentKernel[slot],
                    recurrentMask: dropout ? UnsafePointer(ws.recurrentMasks[slot]) : nil,
                    cells: ws.cells[slot], tanhCells: ws.tanhCells[slot],
                    outputGradient: top ? nil : UnsafePointer(ws.outputGradients[layer] + d * w),
                    finalGradient: top ? UnsafePointer(ws.featureGradient + d * w) : nil, gradientStride: 2 * w,
                    recurrentGradient: ws.recurrentGradient, cellGradient: ws.cellGradient)

                // dU += h̃₋ᵀ · dZ over every day and window at once, but the direction's first day, whose h̃₋ is 0
                // (day 0 going forward, the last day going backward); db += Σ dZ over all of them.
                let first = d == 0 ? n : 0
                MatrixKernels.multiply(
                    rows: w, columns: g4, inner: steps - n, a: ws.previousOutputs[slot] + first * w,
                    aRow: 1, aColumn: w, b: z + first * g4, ldb: g4,
                    c: gradient + weights.recurrentKernel.lowerBound, ldc: g4, accumulate: true)
                let biasGradient = gradient + weights.bias.lowerBound
                for r in 0..<steps { MatrixKernels.add(z + r * g4, into: biasGradient, count: g4) }

                let kernelGradient = gradient + weights.kernel.lowerBound
                if layer == 0 {
                    // Binary input: only the touched channels' kernel rows get gradient.
                    for t in 0..<days {
                        for b in 0..<n {
                            var bits = windows[b * days + t]
                            while bits != 0 {
                                let c = bits.trailingZeroBitCount
                                bits &= bits &- 1
                                let scale: T = inputMask?[b * inputs + c] ?? 1
                                if scale != 0 {
                                    MatrixKernels.addScaled(z + (t * n + b) * g4, scale, into: kernelGradient + c * g4, count: g4)
                                }
                            }
                        }
                    }
                    continue
                }
                let x = UnsafePointer(inputMask == nil ? ws.outputs[layer - 1] : ws.maskedInputs[slot])
                MatrixKernels.multiply(
                    rows: inputs, columns: g4, inner: steps, a: x, aRow: 1, aColumn: inputs,
                    b: z, ldb: g4, c: kernelGradient, ldc: g4, accumulate: true)
                // dL/dx = (dZ · Wᵀ) ⊙ input mask, summed over both directions into the layer below's outputs.
                let below = ws.outputGradients[layer - 1]
                if let inputMask {
                    MatrixKernels.multiply(
                        rows: steps, columns: inputs, inner: g4, a: z, aRow: g4, aColumn: 1,
                        b: tv + transposed.kernel[slot], ldb: inputs, c: ws.inputGradient,
                        ldc: inputs, accumulate: false)
                    for r in 0..<steps {
                        let m = inputMask + (r % n) * inputs
                        for k in 0..<inputs { below[r * inputs + k] += ws.inputGradient[r * inputs + k] * m[k] }
                    }
                } else {
                    MatrixKernels.multiply(
                        rows: steps, columns: inputs, inner: g4, a: z, aRow: g4, aColumn: 1,
                        b: tv + transposed.kernel[slot], ldb: inputs, c: below, ldc: inputs,
                        accumulate: true)
                }
            }
        }
    }
}
