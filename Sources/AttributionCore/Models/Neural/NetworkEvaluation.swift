import Foundation

/// Splits a batch into shards, runs them on the cores and combines the results deterministically.
enum NetworkEvaluation {
    /// Windows per shard when predicting (a shard's rows are independent, so any split gives the same numbers).
    static let predictionShard = 64

    /// Shards of a gradient batch: a function of the batch size only — never of the core count — because
    /// the gradient is the sum of the shards' gradients in shard order, and that order is what makes it
    /// bit-for-bit repeatable. About 36 windows a shard for small batches (so batch 100 still uses both
    /// cores), at most 16 shards up to 4096 windows (16 gradient copies to sum), at most 256 windows a shard beyond.
    static func gradientShards(_ windows: Int) -> Int {
        let small = (windows + 35) / 36
        let large = max(16, (windows + 255) / 256)
        return max(1, min(small, large))
    }

    static func workers(_ shards: Int, threads: Int?) -> Int {
        max(1, min(shards, threads ?? ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Logits of every window, without dropout.
    static func logits<T: NeuralScalar>(shape: NetworkShape, parameters: [T], batch: WindowBatch, threads: Int? = nil) -> [T] {
        let n = batch.count
        if n == 0 { return [] }
        let layout = ParameterLayout(shape: shape)
        let shards = (n + predictionShard - 1) / predictionShard
        let workerCount = workers(shards, threads: threads)
        let parts = parallelMap(chunks: workerCount) { worker -> [T] in
            let shardRange = chunkRanges(shards, chunks: workerCount)[worker]
            let first = shardRange.lowerBound * predictionShard, end = min(n, shardRange.upperBound * predictionShard)
            var out = [T](repeating: 0, count: end - first)
            let workspace = ShardWorkspace<T>(shape: shape, capacity: min(predictionShard, end - first))
            parameters.withUnsafeBufferPointer { p in
                batch.dayMasks.withUnsafeBufferPointer { masks in
                    var start = first
                    while start < end {
                        let rows = min(predictionShard, end - start)
                        let pass = ShardPass(
                            shape: shape, layout: layout, workspace: workspace, parameters: p.baseAddress!,
                            windows: masks.baseAddress! + start * shape.days, rows: rows, dropout: false)
                        pass.forward()
                        for r in 0..<rows { out[start - first + r] = workspace.logits[r] }
                        start += rows
                    }
                }
            }
            return out
        }
        return parts.flatMap { $0 }
    }

    /// Σ wᵢ · BCE(yᵢ, σ(zᵢ)) / Σ wᵢ and its gradient. Dropout applies when `dropoutSeed` is given and the
    /// shape's rate is above 0; window i's masks come from stream i of the seed.
    static func lossAndGradient<T: NeuralScalar>(
        shape: NetworkShape, parameters: [T], batch: WindowBatch, labels: [Float], weights: [Float],
        dropoutSeed: UInt64?, threads: Int? = nil
    ) -> (loss: Double, gradient: [T]) {
        let n = batch.count
        precondition(labels.count == n && weights.count == n, "one label and one weight per window")
        let layout = ParameterLayout(shape: shape)
        let totalWeight = weights.reduce(0.0) { $0 + Double($1) }
        guard n > 0, totalWeight > 0 else { return (0, [T](repeating: 0, count: layout.count)) }
        let dropout = dropoutSeed != nil && shape.dropout > 0
        let transposed = parameters.withUnsafeBufferPointer {
            TransposedWeights($0.baseAddress!, layout: layout, width: shape.width)
        }
        let shards = gradientShards(n)
        // Shard boundaries on multiples of 12 rows where the batch allows, so the products' 6- and 4-row
        // blocks cover whole shards and few rows fall to the slow one-row remainder.
        let rowRanges = chunkRanges((n + 11) / 12, chunks: shards).map { min(n, $0.lowerBound * 12)..<min(n, $0.upperBound * 12) }
        let workerCount = workers(shards, threads: threads)
        let parts = parallelMap(chunks: workerCount) { worker -> [(loss: Double, gradient: [T])] in
            let mine = chunkRanges(shards, chunks: workerCount)[worker]
            let capacity = mine.map { rowRanges[$0].count }.max() ?? 0
            let workspace = ShardWorkspace<T>(shape: shape, capacity: capacity)
            var out: [(loss: Double, gradient: [T])] = []
            for shard in mine {
                let range = rowRanges[shard]
                var gradient = [T](repeating: 0, count: layout.count)
                var loss = 0.0
                if dropout {
                    DropoutMasks.fill(
                        workspace, rows: range.count, firstWindow: range.lowerBound, seed: dropoutSeed!,
                        rate: shape.dropout)
                }
                parameters.withUnsafeBufferPointer { p in
                    batch.dayMasks.withUnsafeBufferPointer { masks in
                        transposed.values.withUnsafeBufferPointer { tv in
                            gradient.withUnsafeMutableBufferPointer { g in
                                let pass = ShardPass(
                                    shape: shape, layout: layout, workspace: workspace,
                                    parameters: p.baseAddress!,
                                    windows: masks.baseAddress! + range.lowerBound * shape.days,
                                    rows: range.count, dropout: dropout)
                                pass.forward()
                                for r in 0..<range.count {
                                    let z = Double(workspace.logits[r])
                                    let y = Double(labels[range.lowerBound + r]), w = Double(weights[range.lowerBound + r])
                                    // BCE from the logit: max(z, 0) − z·y + log(1 + e^−|z|), finite for any z.
                                    loss += w * (max(z, 0) - z * y + log1p(exp(-abs(z))))
                                    let p = 1 / (1 + exp(-z))
                                    workspace.logits[r] = T(w * (p - y) / totalWeight)
                                }
                                pass.backward(transposed: transposed, transposedValues: tv.baseAddress!, gradient: g.baseAddress!)
                            }
                        }
                    }
                }
                out.append((loss, gradient))
            }
            return out
        }
        // Shard order, whatever thread ran each shard.
        var loss = 0.0
        var gradient = [T](repeating: 0, count: layout.count)
        gradient.withUnsafeMutableBufferPointer { g in
            for part in parts {
                for shard in part {
                    loss += shard.loss
                    shard.gradient.withUnsafeBufferPointer { MatrixKernels.add($0.baseAddress!, into: g.baseAddress!, count: layout.count) }
                }
            }
        }
        return (loss / totalWeight, gradient)
    }
}
