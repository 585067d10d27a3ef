import ArgumentParser

/// `--steps-per-epoch` / `--neural-steps-per-epoch`: a positive number of minibatches,
/// or `full` (nil: one pass over every distinct window per epoch).
enum StepsPerEpoch {
    static func parse(_ text: String, flag: String) throws -> Int? {
        if text == "full" { return nil }
        guard let n = Int(text), n >= 1 else {
            throw ValidationError("\(flag) must be a positive number or 'full', not '\(text)'")
        }
        return n
    }

    /// The flag's text for a setting (nil: `full`).
    static func text(_ steps: Int?) -> String { steps.map(String.init) ?? "full" }
}
