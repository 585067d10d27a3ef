import ArgumentParser
import AttributionCore
import AttributionIO

/// Which flags the config file added, and the entry (key, line) each came from,
/// so a value the flags reject is reported against the file, not the command line.
struct ConfigOrigins {
    let path: String
    private var entries: [(flag: String, tokens: [String], entry: ConfigEntry)] = []

    init(path: String) { self.path = path }

    /// `tokens`: what the entry added to the arguments (the flag and its value).
    mutating func add(tokens: [String], entry: ConfigEntry) {
        guard let flag = tokens.first else { return }
        entries.append((flag, tokens, entry))
        ConfigProvenance.register(flag: flag, entry: entry, path: path)
    }

    /// Parses and validates the arguments once (`given` from the command line, then
    /// every entry's tokens); a problem with a value from the file becomes
    /// `FILE:LINE: key '…': …` (exit 2). Anything else (a command-line mistake,
    /// --help) is left to the real parse.
    func check(given: [String]) throws {
        guard !entries.isEmpty, let message = Self.problem(given + entries.flatMap(\.tokens)) else { return }
        guard let entry = origin(of: message) ?? entryWithout(given) else { return }
        throw ConfigExpansion.keyError(path, entry, message)
    }

    /// The usage problem with these arguments, if any (not --help, which is a clean exit).
    private static func problem(_ arguments: [String]) -> String? {
        do {
            let command = try MTA.parseAsRoot(arguments)
            try (command as? any ConfiguredValueChecks)?.checkConfiguredValues()
            return nil
        } catch {
            return MTA.exitCode(for: error) == .validationFailure ? MTA.message(for: error) : nil
        }
    }

    /// For a message that names no flag ("unknown model 'shapely'"): the one entry
    /// whose removal makes the arguments valid.
    private func entryWithout(_ given: [String]) -> ConfigEntry? {
        for k in entries.indices {
            let others = entries.indices.filter { $0 != k }.flatMap { entries[$0].tokens }
            if Self.problem(given + others) == nil { return entries[k].entry }
        }
        return nil
    }

    /// The entry whose flag the message names first (as a whole flag: `--seed`, not `--seeds`).
    /// A family named as `--neural-*` stands for the first of its flags from the file.
    func origin(of message: String) -> ConfigEntry? {
        var best: (position: String.Index, entry: ConfigEntry)? = nil
        for (flag, _, entry) in entries {
            for family in Self.families(in: message) where flag.hasPrefix(family.prefix) {
                if family.position < (best?.position ?? message.endIndex) { best = (family.position, entry) }
            }
            var searchFrom = message.startIndex
            while let range = message.range(of: flag, range: searchFrom..<message.endIndex) {
                let next = range.upperBound < message.endIndex ? message[range.upperBound] : " "
                if !(next.isLetter || next.isNumber || next == "-") {
                    if range.lowerBound < (best?.position ?? message.endIndex) { best = (range.lowerBound, entry) }
                    break
                }
                searchFrom = range.upperBound
            }
        }
        return best?.entry
    }

    /// `--neural-*` mentions: each one's prefix (`--neural-`) and where it stands.
    private static func families(in message: String) -> [(prefix: String, position: String.Index)] {
        var found: [(String, String.Index)] = []
        var searchFrom = message.startIndex
        while let star = message.range(of: "-*", range: searchFrom..<message.endIndex) {
            let before = message[..<star.lowerBound]
            if let dashes = before.range(of: "--", options: .backwards) {
                let prefix = String(message[dashes.lowerBound..<star.upperBound].dropLast())
                if prefix.dropFirst(2).allSatisfy({ $0.isLetter || $0 == "-" }) { found.append((prefix, dashes.lowerBound)) }
            }
            searchFrom = star.upperBound
        }
        return found
    }
}

/// Value checks a command makes only when it runs (model names, model settings):
/// run early for values from a config file so they can be traced to their line.
protocol ConfiguredValueChecks {
    func checkConfiguredValues() throws
}

extension ModelArguments {
    func checkConfiguredValues() throws {
        let options = try parsedOptions()
        do {
            _ = try ModelRegistry.models(modelList, options: options)
        } catch let error as ModelError {
            throw ValidationError("--models: \(error)")
        }
    }
}

extension Attribute: ConfiguredValueChecks {
    func checkConfiguredValues() throws { try modelArguments.checkConfiguredValues() }
}

extension Run: ConfiguredValueChecks {
    func checkConfiguredValues() throws { try modelArguments.checkConfiguredValues() }
}
