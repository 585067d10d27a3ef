/// The memory one worker needs for a shard's forward and backward pass, allocated once in a single
/// block and reused for every shard the worker runs (no allocation in the hot loops). Buffers are
/// time-major, `[day × row × …]`, so one day of a shard is one contiguous matrix. Owned by one thread.
final class ShardWorkspace<T: NeuralScalar> {
    let shape: NetworkShape
    /// Most rows (windows) a shard may have.
    let capacity: Int

    // Per layer and direction, index `layer * 2 + direction`.
    /// Gate pre-activations, then activations `[days × rows × 4·width]`; in the backward pass, overwritten by dZ.
    let gates: [UnsafeMutablePointer<T>]
    /// Cell state c `[days × rows × width]`.
    let cells: [UnsafeMutablePointer<T>]
    /// tanh(c) `[days × rows × width]`.
    let tanhCells: [UnsafeMutablePointer<T>]
    /// The (dropped-out) h fed into the recurrent product at each day, zero on a direction's first day.
    let previousOutputs: [UnsafeMutablePointer<T>]
    /// Layers above the first: the input after its dropout mask `[days × rows × 2·width]`.
    let maskedInputs: [UnsafeMutablePointer<T>]
    /// Dropout masks (0 or 1/(1 − rate)) per row: on the inputs `[rows × inputs]` and on h `[rows × width]`.
    let inputMasks: [UnsafeMutablePointer<T>]
    let recurrentMasks: [UnsafeMutablePointer<T>]

    // Per layer.
    /// h of both directions, `[days × rows × 2·width]` (forward in columns 0..<width).
    let outputs: [UnsafeMutablePointer<T>]
    /// The loss gradient with respect to `outputs` (layers below the last).
    let outputGradients: [UnsafeMutablePointer<T>]

    // Backward scratch.
    let recurrentGradient: UnsafeMutablePointer<T>  // [rows × width]: dL/dh from the next step
    let cellGradient: UnsafeMutablePointer<T>  // [rows × width]: dL/dc from the next step
    let inputGradient: UnsafeMutablePointer<T>  // [days × rows × 2·width]: dL/dx̃ before its mask

    // Dense head.
    let features: UnsafeMutablePointer<T>  // [rows × 2·width]
    let hidden: UnsafeMutablePointer<T>  // [rows × width], after ReLU
    let logits: UnsafeMutablePointer<T>  // [rows]
    let featureGradient: UnsafeMutablePointer<T>  // [rows × 2·width]
    let hiddenGradient: UnsafeMutablePointer<T>  // [rows × width]

    private let storage: UnsafeMutablePointer<T>
    private let total: Int

    init(shape: NetworkShape, capacity: Int) {
        self.shape = shape
        self.capacity = capacity
        let d = shape.days, w = shape.width, n = capacity
        var sizes: [Int] = []
        func reserve(_ count: Int) -> Int {
            sizes.append(count)
            return sizes.count - 1
        }
        var g: [Int] = [], c: [Int] = [], tc: [Int] = [], hp: [Int] = [], mi: [Int] = [], im: [Int] = [], rm: [Int] = []
        var o: [Int] = [], og: [Int] = []
        for layer in 0..<shape.layers {
            let inputs = shape.inputs(ofLayer: layer)
            for _ in 0..<2 {
                g.append(reserve(d * n * 4 * w))
                c.append(reserve(d * n * w))
                tc.append(reserve(d * n * w))
                hp.append(reserve(d * n * w))
                mi.append(reserve(layer == 0 ? 0 : d * n * inputs))
                im.append(reserve(n * inputs))
                rm.append(reserve(n * w))
            }
            o.append(reserve(d * n * 2 * w))
            og.append(reserve(layer == shape.layers - 1 ? 0 : d * n * 2 * w))
        }
        let rg = reserve(n * w), cg = reserve(n * w), ig = reserve(d * n * 2 * w)
        let f = reserve(n * 2 * w), h = reserve(n * w), l = reserve(n), fg = reserve(n * 2 * w), hg = reserve(n * w)

        // Each buffer starts on a 64-byte boundary (a cache line) so no two share a line.
        let align = max(1, 64 / MemoryLayout<T>.stride)
        var offsets: [Int] = []
        var next = 0
        for size in sizes {
            offsets.append(next)
            next += (size + align - 1) / align * align
        }
        total = next
        storage = .allocate(capacity: max(1, total))
        storage.initialize(repeating: 0, count: max(1, total))
        let base = storage
        func at(_ i: Int) -> UnsafeMutablePointer<T> { base + offsets[i] }
        gates = g.map(at)
        cells = c.map(at)
        tanhCells = tc.map(at)
        previousOutputs = hp.map(at)
        maskedInputs = mi.map(at)
        inputMasks = im.map(at)
        recurrentMasks = rm.map(at)
        outputs = o.map(at)
        outputGradients = og.map(at)
        recurrentGradient = at(rg)
        cellGradient = at(cg)
        inputGradient = at(ig)
        features = at(f)
        hidden = at(h)
        logits = at(l)
        featureGradient = at(fg)
        hiddenGradient = at(hg)
    }

    deinit {
        storage.deinitialize(count: max(1, total))
        storage.deallocate()
    }
}
