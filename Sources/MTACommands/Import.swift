import ArgumentParser
import AttributionIO
import Foundation

/// `mta import`: an event-level CSV into a SQLite table, for `attribute --sqlite`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load an event-level CSV into a SQLite table (checked as attribute reads it; all or nothing).",
        discussion:
            "Columns keep the CSV's names: user and event TEXT, the time as ISO 8601 UTC text with milliseconds (2024-03-01T12:00:00.250Z), revenue REAL on conversion rows, a conversion column as INTEGER 0/1."
    )

    @Argument(help: "Event-level CSV file ('-' for standard input).")
    var file: String

    @Option(help: "SQLite database file (created when missing).")
    var sqlite: String

    @Option(help: "Table to create (letters, digits, _; or schema.table).")
    var table = "events"

    @Flag(help: "Replace the table when it exists (in the same transaction: on failure the old table stays).")
    var replace = false

    @Flag(help: "Add the rows to the table when it exists.")
    var append = false

    /// The same column and conversion flags as `attribute`: the rows are checked as it reads them.
    @OptionGroup var columns: EventColumnArguments
    @Flag(help: "Skip rows with errors (counted, the first few listed) instead of stopping.") var skipBadRows = false

    func validate() throws {
        if replace && append { throw ValidationError("give --replace or --append, not both") }
        try columns.requireConversionRule()
    }

    func run() throws {
        var options = columns.eventOptions
        options.skipBadRows = skipBadRows
        let mode: SQLiteEventImport.Mode = replace ? .replace : append ? .append : .refuse
        let report = try reportingErrors {
            try SQLiteEventImport.run(csv: file, options: options, database: sqlite, table: table, mode: mode)
        }
        RunPrinter.readWarnings(report.read)
        let seconds = report.parseSeconds + report.writeSeconds
        let rate = seconds > 0 ? Int(Double(report.rows) / seconds) : report.rows
        print(
            "imported \(report.rows) rows into \(sqlite) table \(table) in \(String(format: "%.2f", seconds)) s "
                + "(\(rate) rows/s; parse \(String(format: "%.2f", report.parseSeconds)) s, write \(String(format: "%.2f", report.writeSeconds)) s)"
        )
    }
}
