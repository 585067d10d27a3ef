import AttributionCore

/// Why a setting's value cannot be put into SQL; names the flag (or config key)
/// and its value.
public struct SQLTextError: Error, CustomStringConvertible, Equatable {
    public var setting: String
    public var value: String
    public var reason: String

    public var description: String { "\(setting) '\(value)': \(reason)" }
}

extension InputError {
    /// The error as a source or sink reports it: the database (`file`), the value and the setting.
    init(_ e: SQLTextError, file: String) {
        self.init(file: file, value: e.value, message: "\(e.setting): \(e.reason)")
    }
}

extension SQLTextError {
    /// Runs `body`; a refused setting becomes an `InputError` naming `file` (the database).
    static func reporting<T>(in file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SQLTextError { throw InputError(e, file: file) }
    }
}
