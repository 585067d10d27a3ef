/// Why a setting cannot be used. Settings are named as their command-line flags
/// (without `--`), which the config file's keys mirror, so one check serves the
/// flags, the config file and the library alike.
public struct OptionProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag's name without `--` (`half-life-days`); nil when the message names it.
    public var option: String?
    public var message: String

    public init(option: String?, _ message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { option.map { "--\($0) \(message)" } ?? message }

    /// The same problem under a longer flag (`exact-limit` → `neural-exact-limit`).
    public func prefixed(_ prefix: String) -> OptionProblem {
        OptionProblem(option: option.map { prefix + $0 }, message)
    }
}
