import ArgumentParser
import Foundation
import AttributionCore
import AttributionIO

extension SQLDialect: ExpressibleByArgument {}

/// Where the events are in the warehouse: the same column and conversion flags as
/// `mta attribute`, for a table or a query instead of a file.
struct WarehouseEventArguments: ParsableArguments {
    @Option(help: "SQL dialect of the query: \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dialect: SQLDialect

    @Option(help: "Table or view holding the events: name, schema.name or catalog.schema.name.")
    var table: String?

    @Option(help: "A query returning the events, used as a subquery.")
    var query: String?

    @Option(help: "Event name that marks a conversion.")
    var conversionEvent: String?

    @Option(help: "0/1/true/false column marking a touch that converted.")
    var conversionColumn: String?

    @Option(help: "Revenue column, read on conversion rows.")
    var valueColumn: String?

    @Option(help: "User key column.") var userColumn = "user_id"
    @Option(help: "Channel / event name column.") var eventColumn = "event"
    @Option(help: "Timestamp column.") var timeColumn = "timestamp"

    @Option(help: "Orders events with the same timestamp (e.g. a row id). Without it, ties go touches first, then by event name.")
    var tiebreakColumn: String?

    func validate() throws {
        if (table == nil) == (query == nil) { throw ValidationError("give either --table NAME or --query SQL") }
        switch (conversionEvent, conversionColumn) {
        case (nil, nil): throw ValidationError("give --conversion-event NAME or --conversion-column COLUMN")
        case (.some, .some): throw ValidationError("give either --conversion-event or --conversion-column, not both")
        default: break
        }
    }

    var source: PushDownSource {
        var columns = EventInputOptions(conversion: conversionEvent.map { .event($0) } ?? .column(conversionColumn ?? ""))
        columns.userColumn = userColumn
        columns.eventColumn = eventColumn
        columns.timeColumn = timeColumn
        columns.valueColumn = valueColumn
        let relation: PushDownSource.Relation = table.map { .table($0) } ?? .query(query ?? "")
        return PushDownSource(relation: relation, columns: columns, tiebreakColumn: tiebreakColumn)
    }
}

/// `mta sql`: prints the one query that builds the path table inside the warehouse,
/// for `mta attribute --input paths -` or any other consumer of the path format.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the SQL that builds the path table (path, total_conversions, total_conversion_value, total_null) inside a warehouse."
    )

    @OptionGroup var events: WarehouseEventArguments
    @OptionGroup var journeys: JourneyArguments
    @OptionGroup var period: WindowArguments

    func run() throws {
        var options = journeys.options
        options.window = try reportingErrors { try period.window(now: Date()) }
        do {
            print(try PathPushDown.query(events.source, journeys: options, dialect: events.dialect))
        } catch let e as PushDownError {
            printError("error: \(e)")
            throw badInputExitCode
        }
    }
}
