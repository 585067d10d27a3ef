/// Keras-style LSTM dropout masks: for each window, layer and direction, one mask on the inputs and one on
/// the recurrent h, fixed over the days (variational dropout, as Keras's `dropout` / `recurrent_dropout`).
/// Inverted: kept units are scaled by 1/(1 − rate) so prediction needs no rescaling.
enum DropoutMasks {
    /// Fills `workspace`'s masks for rows `0..<rows`, which are windows `firstWindow…` of the batch. A window's
    /// masks come from its own stream of `seed`, so they depend on its index in the batch and nothing else
    /// (not on sharding or threads). Draw order: layer, direction, inputs then recurrent units.
    static func fill<T: NeuralScalar>(_ workspace: ShardWorkspace<T>, rows: Int, firstWindow: Int, seed: UInt64, rate: Double) {
        let shape = workspace.shape
        let keep = T(1 / (1 - rate))
        for row in 0..<rows {
            var rng = SeededGenerator(seed: seed, stream: UInt64(firstWindow + row))
            for layer in 0..<shape.layers {
                let inputs = shape.inputs(ofLayer: layer)
                for direction in 0..<2 {
                    let slot = layer * 2 + direction
                    let im = workspace.inputMasks[slot] + row * inputs
                    for k in 0..<inputs { im[k] = rng.nextUnit() < rate ? 0 : keep }
                    let rm = workspace.recurrentMasks[slot] + row * shape.width
                    for k in 0..<shape.width { rm[k] = rng.nextUnit() < rate ? 0 : keep }
                }
            }
        }
    }
}
