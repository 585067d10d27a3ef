import AttributionCore

/// The models `--models` selects for an input. `all` means every model in `all` that
/// applies: path-level input has no touch times, so the models that need them
/// (`needsJourneys`) are skipped, and named. A model named explicitly is kept, and
/// fails as it would alone.
struct ModelSelection {
    /// Names for the registry, `all` expanded when the input rules some models out.
    var names: [String]
    var skipped: [String] = []

    static let skipReason = "needs event-level input (touch times)"

    init(_ list: [String], pathInput: Bool, options: ModelOptions) {
        let named = list.map { $0.lowercased() }
        guard pathInput, named.contains("all") else {
            names = list
            return
        }
        names = named.filter { $0 != "all" }
        for entry in ModelRegistry.entries where entry.inAll && !names.contains(entry.name) {
            if entry.make(options).contains(where: \.needsJourneys) {
                skipped.append(entry.name)
            } else {
                names.append(entry.name)
            }
        }
    }

    /// The one line saying what `all` left out, if anything.
    var note: String? {
        skipped.isEmpty ? nil : "skipped \(skipped.joined(separator: ", ")): \(Self.skipReason)"
    }
}
