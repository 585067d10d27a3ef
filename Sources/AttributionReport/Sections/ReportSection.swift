import AttributionCore
import AttributionIO

/// One part of the page (data summary, models, comparison, …).
protocol ReportSection: Sendable {
    /// nil when the run has nothing for this section (e.g. no spend table).
    func render(_ doc: AttributionDocument) -> RenderedSection?
}

struct RenderedSection {
    var id: String
    var title: String
    var html: String
}

/// A model's own charts, drawn below its share chart from the detail tables it returns.
protocol ModelDetail: Sendable {
    func render(_ result: ModelResult) -> String?
}

/// The one place the report's layout is declared: page sections in order, and each
/// model family's detail charts. A later model's charts are one entry here.
enum ReportRegistry {
    static let sections: [any ReportSection] = [
        DataSummarySection(),
        ModelsSection(),
        ComparisonSection(),
        HeldOutFitSection(),
        EvaluationSection(),
        SpendSection(),
        ModelErrorsSection(),
        RunSection(),
    ]

    static let modelDetails: [String: [any ModelDetail]] = [
        "markov": [MarkovRemovalEffectsDetail(), MarkovTransitionsDetail()],
        "shapley-ordered": [OrderedShapleyPositionsDetail()],
        "shapley-rate": [ShapleyRateErrorsDetail()],
        "neural": [NeuralByDayDetail()],
        "neural-removal": [NeuralIncrementalDetail()],
    ]

    /// `markov-2` and `markov` are one family; other names are their own.
    static func family(of model: String) -> String {
        guard let dash = model.lastIndex(of: "-") else { return model }
        let suffix = model[model.index(after: dash)...]
        return !suffix.isEmpty && suffix.allSatisfy(\.isNumber) ? String(model[..<dash]) : model
    }

    static func details(for model: String) -> [any ModelDetail] { modelDetails[family(of: model)] ?? [] }
}

extension ModelResult {
    /// The detail table whose file name ends with `suffix` (`_transitions.csv`), if any.
    func table(endingWith suffix: String) -> DetailTable? { tables.first { $0.fileName.hasSuffix(suffix) } }

    func detail(_ key: String) -> DetailValue? { details.first { $0.key == key }?.value }
}

extension DetailValue {
    var number: Double? {
        switch self {
        case .number(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }

    /// For reading: numbers to six significant digits.
    var shown: String {
        if case .number(let d) = self { return String(format: "%.6g", d) }
        return text
    }

    var text: String {
        switch self {
        case .number(let d): NumberFormat.exact(d)
        case .integer(let i): String(i)
        case .text(let s): s
        case .flag(let b): b ? "true" : "false"
        }
    }
}
