import ArgumentParser
import AttributionCore
import AttributionIO
import Foundation

extension SQLDialect: ExpressibleByArgument {}

/// Where the events are in the warehouse: the same column and conversion flags as
/// `mta attribute`, for a table or a query instead of a file.
struct WarehouseEventArguments: ParsableArguments {
    @Option(
        help: "SQL dialect of the query: \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", ")).",
        transform: Choice.parse("dialect"))
    var dialect: SQLDialect

    @Option(help: "Table or view holding the events: name, schema.name or catalog.schema.name.")
    var table: String?

    @Option(help: "A query returning the events, used as a subquery.")
    var query: String?

    @OptionGroup var columns: EventColumnArguments

    @Option(help: "Orders events with the same timestamp (e.g. a row id). Without it, ties go touches first, then by event name.")
    var tiebreakColumn: String?

    func validate() throws {
        if (table == nil) == (query == nil) { throw ValidationError("give either --table NAME or --query SQL") }
        try columns.requireConversionRule()
    }

    var source: EventRelation {
        let relation: WarehouseRelation = table.map { .table($0) } ?? .query(query ?? "")
        return EventRelation(relation: relation, columns: columns.eventOptions, tiebreakColumn: tiebreakColumn)
    }
}

/// `mta sql`: prints the one query that builds the path table inside the warehouse,
/// for `mta attribute --input paths -` or any other consumer of the path format.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract:
            "Print the SQL that builds the path table (path, total_conversions, total_conversion_value, total_null) inside a warehouse."
    )

    @OptionGroup var events: WarehouseEventArguments
    @OptionGroup var journeys: JourneyArguments
    @OptionGroup var period: WindowArguments

    func run() throws {
        var options = journeys.options
        options.window = try reportingErrors { try period.window(now: Date()) }
        do {
            print(try PathPushDown.query(events.source, journeys: options, dialect: events.dialect))
        } catch let e as SQLTextError {
            printError("error: \(e)")
            throw badInputExitCode
        }
    }
}
