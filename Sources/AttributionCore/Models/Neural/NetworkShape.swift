/// The size of a conversion network: the window it reads and the width of its layers.
public struct NetworkShape: Sendable, Equatable, Codable {
    /// Days in a window (the lookback); the last day is the anchor day.
    public var days: Int
    /// Channels per day; at most 64, since a day of a window is one 64-bit mask.
    public var channels: Int
    /// LSTM units per direction, and the width of the dense ReLU layer.
    public var width: Int
    /// Stacked bidirectional LSTM layers.
    public var layers: Int
    /// One rate for input and recurrent dropout (Keras `dropout` and `recurrent_dropout`).
    public var dropout: Double

    public static let maximumChannels = 64
    /// Bounds far past any network worth training here (td-mta: 64 units, 2 layers, 7 days), so
    /// that a mistyped flag or a damaged model file is refused instead of allocating without end.
    public static let maximumDays = 366
    public static let maximumWidth = 4_096
    public static let maximumLayers = 16

    public init(days: Int, channels: Int, width: Int = 64, layers: Int = 2, dropout: Double = 0.5) {
        self.days = days
        self.channels = channels
        self.width = width
        self.layers = layers
        self.dropout = dropout
    }

    /// Why the shape cannot be built, or nil when it can.
    public var problem: String? {
        if days < 1 || days > Self.maximumDays { return "days must be in 1...\(Self.maximumDays)" }
        if channels < 1 || channels > Self.maximumChannels { return "channels must be in 1...\(Self.maximumChannels)" }
        if width < 1 || width > Self.maximumWidth { return "width must be in 1...\(Self.maximumWidth)" }
        if layers < 1 || layers > Self.maximumLayers { return "layers must be in 1...\(Self.maximumLayers)" }
        if !(dropout >= 0 && dropout < 1) { return "dropout must be in [0, 1)" }
        return nil
    }

    /// Inputs per time step of LSTM layer `layer`: the channels, then both directions of the layer below.
    func inputs(ofLayer layer: Int) -> Int { layer == 0 ? channels : 2 * width }
}
