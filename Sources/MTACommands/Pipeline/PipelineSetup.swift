import ArgumentParser
import AttributionCore
import AttributionIO

/// The flags shared by `attribute` and `run`, turned into one pipeline.
struct PipelineSetup {
    let pipeline: AttributionPipeline
    let settings: [(String, JSONValue)]

    init(source: InputArguments, journeys: JourneyArguments, models modelArguments: ModelArguments) throws {
        let options = try modelArguments.parsedOptions()
        let models: [any AttributionModel]
        do {
            models = try ModelRegistry.models(modelArguments.modelList, options: options)
        } catch let error as ModelError {
            throw ValidationError("--models: '\(error.model)': \(error.message)")
        }
        guard !models.isEmpty else { throw ValidationError("--models names no model") }
        let input: any AttributionSource = try source.attributionSource()
        pipeline = AttributionPipeline(source: input, journeys: journeys.options, models: models)
        settings = Self.settings(source: source, journeys: journeys, models: modelArguments, options)
    }

    private static func settings(source: InputArguments, journeys: JourneyArguments, models: ModelArguments,
                                 _ o: ModelOptions) -> [(String, JSONValue)] {
        var s: [(String, JSONValue)] = [("models", .array(models.modelList.map { .string($0) }))]
        if source.input == .events {
            s.append(("journey", .string(journeys.journey.rawValue)))
            s.append(("conversion", .string(source.columns.conversionSetting)))
        }
        s.append(("lookback_days", journeys.lookbackDays.map { .number($0) } ?? .null))
        s.append(("top_channels", journeys.topChannels.map { .integer($0) } ?? .null))
        let t = journeys.options.transforms
        s.append(("path_transform", .string(t.kind.rawValue)))
        s.append(("max_path_length", t.maxPathLength.map { .integer($0) } ?? .null))
        s.append(("remove_if_not_all", .array(t.removeIfNotAll.map { .string($0) })))
        s.append(("remove_if_last_and_not_all", .array(t.removeIfLastAndNotAll.map { .string($0) })))
        s.append(("linear_distinct_channels", .bool(o.linearDistinctChannels)))
        // The middle weight is what first and last leave, rounded so 1 − 0.4 − 0.4 reads 0.2.
        let middle = ((1 - o.positionFirst - o.positionLast) * 1e12).rounded() / 1e12
        s.append(("position_weights", .array([.number(o.positionFirst), .number(middle), .number(o.positionLast)])))
        s.append(("half_life_days", .number(o.halfLifeDays)))
        s.append(("markov_order", .string(models.markovOrder)))
        s.append(("seed", .integer(Int(truncatingIfNeeded: o.seed))))
        return s
    }
}

/// What every run prints: read warnings, the journeys summary, the credit table, model messages.
enum RunPrinter {
    static func readWarnings(_ read: ReadReport) {
        for problem in read.firstSkipped { printError("warning: skipped \(problem)") }
        if read.skippedRows > 0 {
            printError("warning: skipped \(read.skippedRows) bad row\(read.skippedRows == 1 ? "" : "s") of \(read.rows + read.skippedRows)" +
                       (read.skippedRows > read.firstSkipped.count ? " (first \(read.firstSkipped.count) shown)" : ""))
        }
    }

    static func results(_ document: AttributionDocument) {
        print(describe(document.summary))
        print("")
        print(Format.credits(document.results))
        for result in document.results where !result.messages.isEmpty {
            print("")
            print("\(result.model):")
            for line in result.messages { print("  " + line) }
        }
    }

    /// Prints each failed model; true when any failed.
    static func failures(_ document: AttributionDocument) -> Bool {
        var failed = false
        for case .failure(let model, let message) in document.outcomes {
            printError("error: model \(model) failed: \(message)")
            failed = true
        }
        return failed
    }

    static func describe(_ s: JourneySummary) -> String {
        var rows: [[String]] = []
        if let users = s.users { rows.append(["users", String(users)]) }
        rows += [
            ["journeys", Format.count(s.journeys)],
            ["converting journeys", Format.count(s.convertingJourneys)],
            ["conversions with no touch before them", Format.count(s.conversionsWithoutTouch)],
            ["distinct paths", String(s.distinctPaths)],
            ["channels", String(s.channels)],
        ]
        if let revenue = s.revenue { rows.append(["revenue", Format.amount(revenue)]) }
        return Format.table(["journeys summary", ""], rows)
    }
}


extension InputArguments {
    /// The relation given by --table or --query.
    var relation: PushDownSource.Relation {
        if let table { return .table(table) }
        return .query(query ?? "")
    }

    /// The source the flags point at: a CSV file, a SQLite file or a PostgreSQL database.
    func attributionSource() throws -> any AttributionSource {
        if let sqlite {
            return SQLiteSource(path: sqlite, relation: relation, options: eventOptions)
        }
        if let postgres {
            let url = try reportingErrors { try PostgresURL(postgres) }
            let chosen: SQLDialect = switch dialect {
            case .redshift: .redshift
            case .postgres: .postgres
            case nil: url.dialect
            }
            return PostgresSource(url: url, relation: relation, options: eventOptions, dialect: chosen)
        }
        let path = file ?? "-"
        return switch input {
        case .events: CSVEventSource(path: path, options: eventOptions)
        case .paths: CSVPathSource(path: path, options: pathOptions)
        }
    }
}
