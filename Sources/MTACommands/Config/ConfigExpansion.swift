import AttributionCore
import AttributionIO

/// `--config mta.yaml` becomes ordinary flags before the command line is
/// parsed: each key in the file adds its flag unless the user gave that flag
/// (the command line wins), so every command sees one set of options.
enum ConfigExpansion {
    /// The arguments (without the program name) with the config's flags added.
    static func expand(_ arguments: [String], environment: [String: String]) throws -> [String] {
        guard let command = arguments.first, !command.hasPrefix("-"),
            let path = configPath(arguments)
        else { return arguments }
        let config = try ConfigFile.load(path: path, environment: environment)
        SecretMask.register(config.secrets)
        let given = Set(arguments.compactMap { $0.hasPrefix("--") ? String($0.split(separator: "=", maxSplits: 1)[0]) : nil })
        var added: [String] = []
        var origins = ConfigOrigins(path: path)
        var positional: String? = nil
        for entry in config.entries {
            guard let key = ConfigSchema.key(entry.key) else { throw unknownKey(entry, path) }
            guard key.commands.contains(command) else { continue }
            if key.kind == .positional {
                positional = try scalar(entry, path)
                continue
            }
            if given.contains(key.flag) || (key.kind == .switchFlag && given.contains(key.negatedFlag)) { continue }
            let tokens = try tokens(for: key, entry, path)
            origins.add(tokens: tokens, entry: entry)
            added += tokens
        }
        var result = arguments
        if let positional, !hasPositional(Array(arguments.dropFirst())) {
            result.insert(positional, at: 1)
        }
        try origins.check(given: result)
        return result + added
    }

    /// Nearest schema key by edit distance: a typo in a key is the usual cause.
    private static func unknownKey(_ entry: ConfigEntry, _ path: String) -> InputError {
        let hint = NearestName.to(entry.key, in: ConfigSchema.keys.map(\.key)).map { "; did you mean '\($0)'?" } ?? ""
        return InputError(
            file: path, line: entry.line,
            message: "unknown key '\(entry.key)'\(hint) (`mta init --keys` lists every key)")
    }

    /// `FILE:LINE: key 'journeys.lookback_days': …`: a config problem is about a key, not a column.
    static func keyError(_ path: String, _ entry: ConfigEntry, _ message: String) -> InputError {
        InputError(file: path, line: entry.line, message: "key '\(entry.key)': \(message)")
    }

    static func configPath(_ arguments: [String]) -> String? {
        for (i, a) in arguments.enumerated() {
            if a == "--config", i + 1 < arguments.count { return arguments[i + 1] }
            if a.hasPrefix("--config=") { return String(a.dropFirst("--config=".count)) }
        }
        return nil
    }

    private static func tokens(for key: ConfigKey, _ entry: ConfigEntry, _ path: String) throws -> [String] {
        func wrong(_ expected: String, _ value: String) -> InputError {
            keyError(path, entry, "expected \(expected), got '\(value)'")
        }
        switch key.kind {
        case .switchFlag:
            switch try scalar(entry, path).lowercased() {
            case "true", "yes", "on": return [key.flag]
            case "false", "no", "off": return [key.negatedFlag]
            case let v: throw wrong("true or false", v)
            }
        case .flag:
            switch try scalar(entry, path).lowercased() {
            case "true", "yes", "on": return [key.flag]
            case "false", "no", "off": return []
            case let v: throw wrong("true or false", v)
            }
        case .whole:
            let v = try scalar(entry, path)
            guard Int(v) != nil else { throw wrong("a whole number", v) }
            return [key.flag, v]
        case .number:
            let v = try scalar(entry, path)
            guard let d = Double(v), d.isFinite else { throw wrong("a number", v) }
            return [key.flag, v]
        case .choice(let words):
            let v = try scalar(entry, path)
            guard words.contains(v) else { throw wrong("one of \(words.joined(separator: ", "))", v) }
            return [key.flag, v]
        case .text:
            return [key.flag, try scalar(entry, path)]
        case .repeated:
            return items(entry).flatMap { [key.flag, $0] }
        case .commaList:
            return [key.flag, items(entry).joined(separator: ",")]
        case .positional:
            return []
        }
    }

    private static func scalar(_ entry: ConfigEntry, _ path: String) throws -> String {
        guard case .scalar(let v) = entry.value else {
            throw keyError(path, entry, "expected a single value, not a list")
        }
        return v
    }

    private static func items(_ entry: ConfigEntry) -> [String] {
        switch entry.value {
        case .scalar(let v): [v]
        case .list(let l): l
        }
    }

    /// Whether the user typed a positional argument (a token that is neither a
    /// flag nor the value of a flag that takes one).
    private static func hasPositional(_ arguments: [String]) -> Bool {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a.hasPrefix("--") {
                if !a.contains("="), takesValue(a) { i += 1 }
            } else if a == "-" || !a.hasPrefix("-") {
                return true
            }
            i += 1
        }
        return false
    }

    private static func takesValue(_ flag: String) -> Bool {
        if flag == "--config" { return true }  // the one flag the schema has no key for
        return ConfigSchema.flag(flag)?.takesValue ?? false
    }
}
