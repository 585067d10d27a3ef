import AttributionCore

extension EventInputOptions {
    /// How many of the most frequent events a "never occurs" error lists.
    static let eventsShown = 5

    /// The error for input where nothing converts: every model would credit nothing.
    /// `eventCounts`: rows per event name, so the user can see which names do occur
    /// (and whether theirs differs only in case).
    public func noConversion(in source: String, rows: Int, eventCounts: [String: Int]) -> InputError {
        switch conversion {
        case .event(let name):
            var message = "the conversion event never occurs (\(rows) rows read)"
            let sameButCase = eventCounts.keys.filter { $0.lowercased() == name.lowercased() }.sorted()
            if let match = sameButCase.first {
                message += "; did you mean '\(match)'? names differ only in case"
            }
            let top = eventCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.eventsShown)
            if !top.isEmpty {
                let more = eventCounts.count > top.count ? " (of \(eventCounts.count) distinct)" : ""
                message +=
                    "; most frequent events in '\(eventColumn)'\(more): "
                    + top.map { "\($0.key) (\($0.value) row\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")
            }
            return InputError(file: source, column: eventColumn, value: name, message: message)
        case .column(let name):
            return InputError(file: source, column: name, message: "no row is marked as a conversion (1 or true) in \(rows) rows")
        }
    }
}
