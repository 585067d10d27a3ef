import ArgumentParser
import AttributionCore
import AttributionIO

/// The flags shared by `attribute` and `run`, turned into one pipeline.
struct PipelineSetup {
    var pipeline: AttributionPipeline
    /// What `all` left out for this input (one line), printed by each command its own way.
    var skippedModels: String?

    init(
        source: InputArguments, journeys: JourneyArguments, models modelArguments: ModelArguments,
        intervals: IntervalArguments? = nil, progress: StageProgress? = nil
    ) throws {
        var options = try modelArguments.parsedOptions()
        options.neural.progress = progress.map(NeuralStageProgress.init)
        let selection = ModelSelection(modelArguments.modelList, pathInput: source.input == .paths, options: options)
        skippedModels = selection.note
        let models: [any AttributionModel]
        do {
            models = try ModelRegistry.models(selection.names, options: options)
        } catch let error as ModelError {
            throw ValidationError("--models: '\(error.model)': \(error.message)")
        }
        guard !models.isEmpty else { throw ValidationError("--models names no model that applies to this input") }
        let input: any AttributionSource = try source.attributionSource()
        var pipeline = AttributionPipeline(source: input, journeys: journeys.options, models: models)
        pipeline.progress = progress
        pipeline.intervals = intervals?.options(seed: options.seed)
        pipeline.settings = RunSettings(
            models: modelArguments.modelList,
            conversion: source.input == .events ? source.columns.conversionSetting : nil,
            modelOptions: options)
        self.pipeline = pipeline
    }
}

/// What every run prints: read warnings, the journeys summary, the credit table, model messages.
enum RunPrinter {
    static func readWarnings(_ read: ReadReport) {
        for problem in read.firstSkipped { printError("warning: skipped \(problem)") }
        if read.skippedRows > 0 {
            printError(
                "warning: skipped \(read.skippedRows) bad row\(read.skippedRows == 1 ? "" : "s") of \(read.rows + read.skippedRows)"
                    + (read.skippedRows > read.firstSkipped.count ? " (first \(read.firstSkipped.count) shown)" : ""))
        }
        if let first = read.firstImplausibleTime {
            printError(
                "warning: \(read.implausibleTimes) row\(read.implausibleTimes == 1 ? "" : "s") with a time outside the years 1970–2200, "
                    + "kept; check the unit or format (first: \(first.file):\(first.line ?? 0): column '\(first.column ?? "")', value '\(first.value ?? "")')"
            )
        }
    }

    static func results(_ document: AttributionDocument) {
        print(describe(document.summary))
        print(CreditTables.render(document.results, intervals: document.intervals))
        if let note = intervalNote(document) { print(note) }
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

    /// What `±` means, and which models have none and why.
    static func intervalNote(_ document: AttributionDocument) -> String? {
        guard let report = document.intervals else { return nil }
        let o = report.options
        var lines = [
            "± half the width of the \(Format.percent(o.level)) interval: \(o.replicates) bootstrap replicates of the journeys "
                + "(seed \(o.seed)); it covers their sampling noise, not the model's error"
        ]
        let without = document.resultsWithoutInterval
        if !without.isEmpty {
            let excluded = without.filter(report.excludedResults.contains)
            if !excluded.isEmpty {
                lines.append(
                    "no interval for \(excluded.joined(separator: ", ")): a trained model is too slow to refit for every replicate")
            }
            let failed = without.filter { !excluded.contains($0) }
            if !failed.isEmpty { lines.append("no interval for \(failed.joined(separator: ", ")): it failed on every replicate") }
        }
        for m in report.models where m.failures > 0 {
            lines.append(
                "\(m.model): \(m.failures) of \(o.replicates) replicates failed (\(m.firstFailure ?? "")); its interval uses the other \(m.replicates)"
            )
        }
        return lines.joined(separator: "\n")
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
    var relation: WarehouseRelation {
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
            let chosen: SQLDialect =
                switch dialect {
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
