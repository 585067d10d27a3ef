/// Where each weight lives in `ConversionNetwork.parameters` (one flat array, every matrix row-major).
///
/// The order is Keras's `model.get_weights()` for the same model, so weights can be moved across:
/// for each LSTM layer, the forward direction then the backward one, each as
/// kernel `[inputs × 4·width]`, recurrent kernel `[width × 4·width]`, bias `[4·width]`
/// (gate column blocks i, f, c̃, o, each `width` wide); then the dense ReLU kernel `[2·width × width]`
/// and bias `[width]`, then the output kernel `[width × 1]` and bias `[1]`.
/// Layer 0 has `channels` inputs; every later layer has `2·width` (forward outputs, then backward).
public struct ParameterLayout: Sendable, Equatable {
    public struct LSTMWeights: Sendable, Equatable {
        public let inputs: Int
        public let kernel: Range<Int>
        public let recurrentKernel: Range<Int>
        public let bias: Range<Int>
    }

    /// A named block of parameters (for reports, checks and export).
    public struct Group: Sendable, Equatable {
        public let name: String
        public let range: Range<Int>
    }

    /// `[layer][direction]`, direction 0 = forward in time, 1 = backward.
    public let lstm: [[LSTMWeights]]
    public let denseKernel: Range<Int>
    public let denseBias: Range<Int>
    public let outputKernel: Range<Int>
    public let outputBias: Range<Int>
    public let count: Int

    public init(shape: NetworkShape) {
        var next = 0
        func take(_ n: Int) -> Range<Int> {
            defer { next += n }
            return next..<(next + n)
        }
        let gates = 4 * shape.width
        lstm = (0..<shape.layers).map { layer in
            let inputs = shape.inputs(ofLayer: layer)
            return (0..<2).map { _ in
                LSTMWeights(
                    inputs: inputs, kernel: take(inputs * gates), recurrentKernel: take(shape.width * gates),
                    bias: take(gates))
            }
        }
        denseKernel = take(2 * shape.width * shape.width)
        denseBias = take(shape.width)
        outputKernel = take(shape.width)
        outputBias = take(1)
        count = next
    }

    /// Every block in storage order, e.g. `lstm1.backward.recurrent_kernel`.
    public var groups: [Group] {
        var out: [Group] = []
        for (layer, directions) in lstm.enumerated() {
            for (direction, w) in directions.enumerated() {
                let prefix = "lstm\(layer).\(direction == 0 ? "forward" : "backward")"
                out.append(Group(name: prefix + ".kernel", range: w.kernel))
                out.append(Group(name: prefix + ".recurrent_kernel", range: w.recurrentKernel))
                out.append(Group(name: prefix + ".bias", range: w.bias))
            }
        }
        out.append(Group(name: "dense.kernel", range: denseKernel))
        out.append(Group(name: "dense.bias", range: denseBias))
        out.append(Group(name: "output.kernel", range: outputKernel))
        out.append(Group(name: "output.bias", range: outputBias))
        return out
    }
}
