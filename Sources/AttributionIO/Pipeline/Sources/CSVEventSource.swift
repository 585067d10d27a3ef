import AttributionCore

/// An event-level CSV file (or `-` for standard input).
public struct CSVEventSource: AttributionSource {
    public let path: String
    public let options: EventInputOptions

    public init(path: String, options: EventInputOptions) {
        self.path = path
        self.options = options
    }

    public var description: String { path == "-" ? "<stdin>" : path }
    public var format: String { "events" }
    public var hasValue: Bool { options.valueColumn != nil }

    public func load(_ request: SourceRequest) async throws -> SourceData {
        var options = options
        options.progress = request.progress
        let (events, read) = try EventCSVReader.read(path: path, options: options)
        return .events(events, read)
    }
}

/// A path-level CSV file in the ChannelAttribution format (or `-` for standard
/// input, e.g. the result of `mta sql` run by the user's own warehouse client).
public struct CSVPathSource: AttributionSource {
    public let path: String
    public let options: PathInputOptions

    public init(path: String, options: PathInputOptions) {
        self.path = path
        self.options = options
    }

    public var description: String { path == "-" ? "<stdin>" : path }
    public var format: String { "paths" }
    public var hasValue: Bool { options.valueColumn != nil }

    public func load(_ request: SourceRequest) async throws -> SourceData {
        let (table, hasValue, read) = try PathCSVReader.read(path: path, options: options)
        return .paths(table, hasValue: hasValue, shaped: false, read)
    }
}
