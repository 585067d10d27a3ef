import ArgumentParser
import AttributionCore
import AttributionIO
import AttributionReport
import Foundation

extension RunLog.Format: ExpressibleByArgument {}

/// `mta run`: the whole job — every model, the HTML report, result files and
/// run.json in `data/<job_id>/multi_touch_attribution/` — safe to schedule.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole attribution job: every model, the HTML report, results and run.json under data/<job_id>/.",
        discussion: "Exit status: 0 when every model succeeded, 1 when some failed (the others are written), 2 for bad input or config."
    )

    @Option(help: "A config file (see `mta init`); flags given here win over its keys.")
    var config: String?

    @OptionGroup(title: "Input") var source: InputArguments
    @OptionGroup(title: "Journeys") var journeys: JourneyArguments
    @OptionGroup(title: "Models") var modelArguments: ModelArguments
    @OptionGroup(title: "Intervals") var intervalArguments: IntervalArguments

    /// Result tables and `--job-id` (which also names data/<job_id>/; default: the UTC start time, made unique).
    @OptionGroup(title: "Warehouse result tables") var sinks: SinkArguments

    @Option(help: "Folder holding one folder per job.")
    var dataDir = "data"

    @OptionGroup(title: "Period") var period: WindowArguments

    @Option(help: "Spend per channel (CSV: channel,spend[,period]) for cost per conversion and ROAS.")
    var spend: String?

    @Flag(help: "Also write the path table as paths.csv.")
    var writePaths = false

    @Flag(help: "Print the time of each stage (always in run.json).")
    var timings = false

    @Flag(help: "Print nothing but errors and warnings.")
    var quiet = false

    @Option(help: "Log lines on standard error: text (default) or json.", transform: Choice.parse("log format"))
    var logFormat: RunLog.Format = .text

    static let reportName = "multi_touch_attribution.html"

    func run() async throws {
        let log = RunLog(format: logFormat, quiet: quiet)
        let meter = quiet ? nil : ProgressMeter(log: log)
        let setup = try PipelineSetup(
            source: source, journeys: journeys, models: modelArguments, intervals: intervalArguments,
            progress: meter?.progress)
        if let note = setup.skippedModels { log.info(note) }
        var pipeline = setup.pipeline
        pipeline.journeys.window = try reportingErrors { try period.window(now: Date()) }
        pipeline.onStage = { stage, seconds in log.stage(stage, seconds: seconds) }
        meter?.start()
        defer { meter?.stop() }
        let spendTable = try spend.map { path in try reportingErrors { try SpendCSVReader.read(path: path) } }
        let tables = try reportingErrors { try sinks.databaseSink(source: source) }
        let jobId = sinks.jobId

        let identity = config.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? jobId ?? pipeline.source.description
        let lock = try reportingErrors { try RunLock(dataDir: dataDir, key: RunLock.key(for: identity)) }
        defer { lock.release() }
        if let pid = lock.tookOverFrom { log.warning("a previous run (pid \(pid)) died holding the lock; taking it over") }

        let job = try reportingErrors { try JobFolder.reserve(dataDir: dataDir, jobId: jobId, now: Date()) }
        log.info("job \(job.jobId) started", ["source": .string(pipeline.source.description)])
        let (document, input): (AttributionDocument, AttributionInputSnapshot)
        do {
            (document, input) = try await reportingErrors { try await pipeline.run(jobId: job.jobId) }
        } catch {
            job.removeIfEmpty()
            throw error
        }
        var doc = document
        // Stages after the pipeline's: timed once, logged and kept in run.json alike.
        func timed<T>(_ stage: String, _ body: () -> T) -> T {
            let start = Date()
            let result = body()
            let seconds = Date().timeIntervalSince(start)
            doc.timings.append((stage, seconds))
            log.stage(stage, seconds: seconds)
            return result
        }
        doc.profile = timed("data profile") {
            DataProfile(paths: input.input.paths, journeys: input.input.journeys, hasValue: input.input.hasValue, events: input.events)
        }
        if let spendTable {
            doc.spend = spendTable.spend(in: input.input.journeys.flatMap(AnalysisWindow.init(journeys:)))
        }
        if !quiet { RunPrinter.readWarnings(doc.read) }

        let report = timed("render report") { HTMLReport.render(doc) }

        meter?.progress.begin("write results", total: 0, unit: "")
        let digest = source.file.flatMap(InputDigest.of(path:))
        var extras: [ResultFolderSink.ExtraFile] = [
            { _, _ in (Self.reportName, report) },
            { doc, _ in SpendROASFile.csv(doc).map { (SpendROASFile.fileName, $0) } },
        ]
        if writePaths { extras.append(ResultFolderSink.pathTable) }
        // run.json last, with the write stage's start as its finish: the folder is swapped in right after.
        extras.append { doc, _ in (RunRecord.fileName, RunRecord.json(doc, finishedAt: Date(), inputDigest: digest).serialized() + "\n") }
        var resultSinks: [any ResultSink] = [ResultFolderSink(directory: job.results.path, extraFiles: extras)]
        if let tables { resultSinks.append(tables) }
        do {
            _ = try await reportingErrors {
                try await publish(doc, input: input, to: resultSinks) { sink, receipt in
                    log.stage(sink.stage, seconds: receipt.seconds)
                    if receipt.kind == .tables {
                        log.info("wrote tables \(receipt.items.joined(separator: ", ")) to \(receipt.place)")
                    }
                }
            }
        } catch {
            // Nothing of this job reached the folder: leave no empty job behind.
            job.removeIfEmpty()
            throw error
        }

        meter?.stop()
        if !quiet {
            RunPrinter.results(doc)
            print("")
            print("wrote \(job.results.appendingPathComponent(Self.reportName).relativePath)")
        }
        if timings { for t in doc.timings { printTiming(t.stage, t.seconds) } }
        if RunPrinter.failures(doc) { throw ExitCode.failure }
    }
}
