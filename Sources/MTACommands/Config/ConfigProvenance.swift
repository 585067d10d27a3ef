import AttributionIO
import Synchronization

/// Where each flag the config file added came from (`key 'columns.user' at mta.yaml:9`),
/// for errors found only when the input is read (a missing column), long after parsing.
enum ConfigProvenance {
    private static let places = Mutex<[String: String]>([:])

    static func register(flag: String, entry: ConfigEntry, path: String) {
        places.withLock { $0[flag] = "key '\(entry.key)' at \(path):\(entry.line)" }
    }

    /// `--user-column`, or `--user-column; key 'columns.user' at mta.yaml:9` when the file gave it.
    static func name(_ flag: String) -> String {
        places.withLock { $0[flag] }.map { "\(flag); \($0)" } ?? flag
    }
}
