import ArgumentParser
import AttributionCore
import AttributionIO

/// Which flags the config file added, and the entry (key, line) each came from,
/// so a value the flags reject is reported against the file, not the command line.
struct ConfigOrigins {
    let path: String
    private var entries: [(flag: String, entry: ConfigEntry)] = []

    init(path: String) { self.path = path }

    mutating func add(flag: String, entry: ConfigEntry) {
        entries.append((flag, entry))
        ConfigProvenance.register(flag: flag, entry: entry, path: path)
    }

    /// Parses and validates the expanded arguments once; a problem naming a flag
    /// that came from the file becomes `FILE:LINE: key '…': …` (exit 2). Anything
    /// else (a command-line mistake, --help) is left to the real parse.
    func check(_ arguments: [String]) throws {
        guard !entries.isEmpty else { return }
        do {
            let command = try MTA.parseAsRoot(arguments)
            try (command as? any ConfiguredValueChecks)?.checkConfiguredValues()
        } catch {
            guard MTA.exitCode(for: error) == .validationFailure else { return }
            let message = MTA.message(for: error)
            guard let entry = origin(of: message) else { return }
            throw ConfigExpansion.keyError(path, entry, message)
        }
    }

    /// The entry whose flag the message names first (as a whole flag: `--seed`, not `--seeds`).
    /// A family named as `--neural-*` stands for the first of its flags from the file.
    func origin(of message: String) -> ConfigEntry? {
        var best: (position: String.Index, entry: ConfigEntry)? = nil
        for (flag, entry) in entries {
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
