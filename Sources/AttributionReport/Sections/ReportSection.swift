import AttributionCore

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

/// A chart of one kind of detail table, drawn below the share chart of any result
/// that carries such a table.
protocol ModelDetail: Sendable {
    /// The `DetailTable.kind` it draws.
    var table: String { get }
    func render(_ result: ModelResult) -> String?
}

/// The one place the report's layout is declared: page sections in order, and the
/// charts of detail tables. A later model's chart is one entry here, keyed by the
/// table kind its model declares in `ModelRegistry`.
enum ReportRegistry {
    static let sections: [any ReportSection] =
        [AnswerSection(), ComparisonSection()]
        + ModelFamily.allCases.map { FamilySection(family: $0) as any ReportSection }
        + [HeldOutFitSection(), EvaluationSection(), SpendSection(), DataSummarySection(), ModelErrorsSection(), RunSection()]

    static let modelDetails: [any ModelDetail] = [
        MarkovRemovalEffectsDetail(),
        MarkovTransitionsDetail(),
        OrderedShapleyPositionsDetail(),
        ShapleyRateErrorsDetail(),
        NeuralByDayDetail(),
        NeuralIncrementalDetail(),
    ]

    /// The charts of the detail tables this result carries, in the order above.
    static func details(for result: ModelResult) -> [any ModelDetail] {
        modelDetails.filter { detail in result.tables.contains { $0.kind == detail.table } }
    }
}

extension ModelResult {
    /// Its detail table of this kind, if any.
    func table(_ kind: String) -> DetailTable? { tables.first { $0.kind == kind } }

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
