import AttributionCore
import Foundation
import Yams

/// One leaf of a config file: its dotted key (`journeys.lookback_days`), its
/// value after `${VAR}` expansion, and the line it stands on.
public struct ConfigEntry: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case scalar(String)
        case list([String])
    }
    public let key: String
    public let value: Value
    public let line: Int
}

/// `mta.yaml`, read as nested mappings of scalars and lists. Values may name
/// environment variables as `${NAME}`; their expanded values are secrets,
/// kept so they can be masked wherever text is shown.
public struct ConfigFile: Sendable {
    public let path: String
    public let entries: [ConfigEntry]
    /// Values that came from the environment (passwords): never print them.
    public let secrets: [String]

    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(file: path, message: "cannot read the config file: \(error.localizedDescription)")
        }
        return try parse(text, path: path, environment: environment)
    }

    public static func parse(_ text: String, path: String, environment: [String: String]) throws -> ConfigFile {
        // At the end of a text without a final line break, libyaml's marks are on the line
        // after the last: what is there is on the last line.
        let lines = Self.lineCount(text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(
                file: path, line: Self.line(of: error).map { min($0, lines) }, message: "not valid YAML: \(Self.problem(of: error))")
        } catch {
            throw InputError(file: path, message: "not valid YAML: \(error)")
        }
        var reader = Reader(path: path, environment: environment, lines: lines)
        guard let root else { return ConfigFile(path: path, entries: [], secrets: []) }
        guard case .mapping(let mapping) = root else {
            throw InputError(
                file: path, line: root.mark.map { min($0.line, lines) },
                message: "the config must be a mapping of keys (e.g. 'source:'), not a \(Self.kind(root))")
        }
        try reader.walk(mapping, prefix: "")
        return ConfigFile(path: path, entries: reader.entries, secrets: reader.secrets)
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .sequence: "list"
        case .mapping: "mapping"
        case .alias: "alias"
        }
    }

    /// The line of a YAML error: every error about the text has one.
    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line >= 1 ? context.mark.line : nil
        case .reader(_, _, _, let yaml): lineOfFirstForbiddenCharacter(yaml)
        default: nil
        }
    }

    /// Lines of a text as YAML counts them: LF, CR, CRLF, NEL, LS and PS each end one.
    static func lineCount(_ text: String) -> Int { walkLines(text, stoppingAt: { _ in false }).line }

    /// libyaml's reader refuses control characters (all but tab, LF, CR and NEL),
    /// surrogates and U+FFFE/U+FFFF; its error gives a character offset that Yams cannot
    /// always turn into a line, so the line is found here, counting breaks as YAML does.
    static func lineOfFirstForbiddenCharacter(_ yaml: String) -> Int? {
        let walk = walkLines(yaml) { c in
            switch c {
            case 0x09, 0x0A, 0x0D, 0x85, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: false
            default: true
            }
        }
        return walk.stopped ? walk.line : nil
    }

    /// Walks `text` counting lines as YAML does, up to the first scalar `stop` accepts:
    /// the line reached, and whether it stopped there.
    private static func walkLines(_ text: String, stoppingAt stop: (UInt32) -> Bool) -> (line: Int, stopped: Bool) {
        var line = 1
        var afterCR = false
        for c in text.unicodeScalars {
            if stop(c.value) { return (line, true) }
            switch c.value {
            case 0x0A: if !afterCR { line += 1 }
            case 0x0D, 0x85, 0x2028, 0x2029: line += 1
            default: break
            }
            afterCR = c.value == 0x0D
        }
        return (line, false)
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}

/// Walks the YAML tree into flat entries.
private struct Reader {
    let path: String
    let environment: [String: String]
    /// The text's last line (marks past it are clamped to it).
    let lines: Int
    var entries: [ConfigEntry] = []
    var secrets: [String] = []

    init(path: String, environment: [String: String], lines: Int) {
        self.path = path
        self.environment = environment
        self.lines = lines
    }

    func line(_ node: Node) -> Int? { node.mark.map { min($0.line, lines) } }

    mutating func walk(_ mapping: Node.Mapping, prefix: String) throws {
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw InputError(file: path, line: line(keyNode), message: "keys must be plain names")
            }
            let key = prefix + keyScalar.string
            let line = self.line(keyNode) ?? 0
            switch value {
            case .mapping(let inner):
                try walk(inner, prefix: key + ".")
            case .scalar(let scalar):
                if scalar.tag == Tag(.null) || (scalar.string.isEmpty && scalar.style == .plain) { continue }
                entries.append(ConfigEntry(key: key, value: .scalar(try expand(scalar.string, key: key, line: line)), line: line))
            case .sequence(let items):
                var list: [String] = []
                for item in items {
                    guard case .scalar(let s) = item else {
                        throw InputError(
                            file: path, line: self.line(item) ?? line, message: "key '\(key)': list items must be single values")
                    }
                    list.append(try expand(s.string, key: key, line: line))
                }
                entries.append(ConfigEntry(key: key, value: .list(list), line: line))
            case .alias:
                throw InputError(file: path, line: line, message: "key '\(key)': YAML aliases are not supported")
            }
        }
    }

    /// `${NAME}` → the environment variable's value (a secret); `$${` stays a literal `${`.
    mutating func expand(_ text: String, key: String, line: Int) throws -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            if open.lowerBound > rest.startIndex && rest[rest.index(before: open.lowerBound)] == "$" {
                out += rest[..<rest.index(before: open.lowerBound)] + "${"
                rest = rest[open.upperBound...]
                continue
            }
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw InputError(file: path, line: line, message: "key '\(key)': unterminated ${ in the value")
            }
            let name = String(rest[open.upperBound..<close])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw InputError(file: path, line: line, message: "key '\(key)': '${\(name)}' is not an environment variable name")
            }
            guard let value = environment[name] else {
                throw InputError(file: path, line: line, message: "key '\(key)': environment variable \(name) is not set")
            }
            if !value.isEmpty { secrets.append(value) }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
