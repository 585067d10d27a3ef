import ArgumentParser
import AttributionIO

/// "Did you mean" hints for mistyped names: the known word at the smallest edit distance.
enum Suggestion {
    /// The nearest of `known`, or nil when every one is too far off to be a typo.
    static func nearest(_ word: String, in known: [String]) -> String? {
        let typed = word.lowercased()
        // A unique start of a word ("every" for "every-conversion") is as good as a typo.
        let extended = known.filter { $0.lowercased().hasPrefix(typed) }
        if typed.count >= 2, extended.count == 1 { return extended[0] }
        let scored = known.map { ($0, NearestName.distance(Array(typed), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        // Beyond a third of the word (at least 2 edits) it is another word, not a typo.
        return best.1 <= max(2, typed.count / 3) ? best.0 : nil
    }

    /// "unknown model 'shapely'; did you mean 'shapley'? (known: ...)".
    static func unknown(_ kind: String, _ word: String, known: [String]) -> String {
        var text = "unknown \(kind) '\(word)'"
        if let near = nearest(word, in: known) { text += "; did you mean '\(near)'?" }
        return text + " (known: \(known.joined(separator: ", ")))"
    }
}

/// Parses an enumerated flag value; a typo fails with the nearest valid value named.
/// Used as `@Option(transform: Choice.parse("journey rule"))`.
enum Choice {
    static func parse<T: CaseIterable & RawRepresentable & Sendable>(_ kind: String) -> @Sendable (String) throws -> T
    where T.RawValue == String {
        { text in
            if let value = T(rawValue: text) { return value }
            throw ValidationError(Suggestion.unknown(kind, text, known: T.allCases.map(\.rawValue)))
        }
    }

    /// "a, b or c": the values, for a transformed option's help (which cannot list them itself).
    static func values<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> String where T.RawValue == String {
        type.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
