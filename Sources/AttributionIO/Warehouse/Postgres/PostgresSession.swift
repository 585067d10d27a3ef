import AttributionCore
import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to the server named by a `PostgresURL`, with every failure
/// turned into one `InputError` line naming the URL (without its password):
/// unreachable server, refused login, missing database, table or column.
public final class PostgresSession: Sendable {
    public let url: PostgresURL
    let connection: PostgresConnection
    let logger: Logger

    private init(url: PostgresURL, connection: PostgresConnection, logger: Logger) {
        self.url = url
        self.connection = connection
        self.logger = logger
    }

    public static func connect(_ url: PostgresURL) async throws -> PostgresSession {
        var logger = Logger(label: "mta.postgres")
        logger.logLevel = .critical
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch url.tls {
            case .disable: tls = .disable
            case .prefer, .require:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                let context = try NIOSSLContext(configuration: config)
                tls = url.tls == .prefer ? .prefer(context) : .require(context)
            case .verify:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw InputError(file: url.description, message: "cannot set up TLS: \(error)")
        }
        let config = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user,
            password: url.password, database: url.database, tls: tls)
        do {
            let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
            return PostgresSession(url: url, connection: connection, logger: logger)
        } catch {
            throw describe(error, url: url, connecting: true)
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// Runs `sql` and hands each row to `body`.
    public func forEachRow(_ sql: String, _ body: (PostgresRow) throws -> Void) async throws {
        try await forEachRow(query: sql, PostgresBindings(), body)
    }

    /// Runs `sql` with bound parameters (`$1`, …) and hands each row to `body`.
    public func forEachRow(query sql: String, _ binds: PostgresBindings, _ body: (PostgresRow) throws -> Void) async throws {
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            for try await row in rows { try body(row) }
        } catch let e as InputError {
            throw e
        } catch {
            throw Self.describe(error, url: url, connecting: false)
        }
    }

    /// Runs statements that return no rows (or whose rows do not matter).
    public func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws {
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        } catch {
            throw Self.describe(error, url: url, connecting: false)
        }
    }

    /// One line for a failure: the server's own message when it sent one (it names
    /// the table, column or user), else what went wrong on the way.
    static func describe(_ error: any Error, url: PostgresURL, connecting: Bool) -> InputError {
        let place = "\(url.host):\(url.port)"
        guard let e = error as? PSQLError else {
            return InputError(file: url.description, message: "PostgreSQL at \(place): \(error)")
        }
        if let message = e.serverInfo?[.message] {
            let state = e.serverInfo?[.sqlState] ?? ""
            let what: String =
                switch state {
                case "28P01", "28000": "login refused"
                case "3D000": "no such database"
                case "42P01": "no such table"
                case "42703": "no such column"
                case "42601": "syntax error in the query"
                default: connecting ? "connection refused by the server" : "query failed"
                }
            return InputError(file: url.description, message: "\(what): \(message)")
        }
        if connecting || e.code == .connectionError {
            let detail = e.underlying.map { "\($0)" } ?? "\(e.code)"
            let reason =
                detail.contains("refused")
                ? "connection refused (is a server listening there?)"
                : detail.contains("resolve") || detail.contains("not known")
                    ? "host not found"
                    : detail.contains("imeout") || detail.contains("imed out")
                        ? "timed out"
                        : detail
            return InputError(file: url.description, message: "cannot connect to PostgreSQL at \(place): \(reason)")
        }
        return InputError(file: url.description, message: "PostgreSQL at \(place): \(e.code)")
    }
}
