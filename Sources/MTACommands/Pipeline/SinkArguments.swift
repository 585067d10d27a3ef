import ArgumentParser
import AttributionIO
import Foundation

extension DatabaseSink.Mode: ExpressibleByArgument {}

/// Where result tables go besides the output folder.
struct SinkArguments: ParsableArguments {
    @Flag(help: "Write result tables into the source database (--sqlite or --postgres).")
    var writeTables = false

    @Option(help: "Write result tables into this database: postgres://user:pass@host:port/db or sqlite:PATH.")
    var tablesUrl: String?

    @Option(help: "Prefix of the result tables' names (letters, digits, _).")
    var tablePrefix = "mta_"

    @Option(help: "overwrite (default): replace this job id's earlier rows; append: add rows.", transform: Choice.parse("write mode"))
    var writeMode: DatabaseSink.Mode = .overwrite

    @Option(help: "Job id carried by every result row (default: the start time, e.g. 20261123T041500Z).")
    var jobId: String?

    func validate() throws {
        if writeTables && tablesUrl != nil { throw ValidationError("give --write-tables or --tables-url, not both") }
        if let jobId, jobId.isEmpty || jobId.count > 200 { throw ValidationError("--job-id must be 1 to 200 characters") }
    }

    /// The job id: given, or the current UTC time, sortable.
    func resolvedJobId(now: Date = Date()) -> String {
        if let jobId { return jobId }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: now)
    }

    /// The database sink the flags ask for, if any.
    func databaseSink(source: InputArguments) throws -> DatabaseSink? {
        let target: DatabaseSink.Target
        if writeTables {
            if let path = source.sqlite {
                target = .sqlite(path: path)
            } else if let url = source.postgres {
                target = .postgres(try PostgresURL(url))
            } else {
                throw ValidationError("--write-tables needs a database source (--sqlite or --postgres); use --tables-url for a CSV source")
            }
        } else if let url = tablesUrl {
            if url.hasPrefix("sqlite:") {
                let path = String(url.dropFirst("sqlite:".count))
                guard !path.isEmpty else { throw ValidationError("--tables-url sqlite:PATH needs a path") }
                target = .sqlite(path: path)
            } else {
                target = .postgres(try PostgresURL(url))
            }
        } else {
            return nil
        }
        return try DatabaseSink(target: target, prefix: tablePrefix, mode: writeMode)
    }
}
