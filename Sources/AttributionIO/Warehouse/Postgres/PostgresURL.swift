import AttributionCore
import Foundation

/// A `postgres://user:pass@host:port/db?sslmode=…&dialect=redshift` URL, parsed.
/// Its `description` never contains the password: it is what messages, logs and
/// result files show.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        /// No TLS (`sslmode=disable`, and the default on loopback).
        case disable
        /// TLS when the server offers it (`sslmode=prefer`, the default elsewhere).
        case prefer
        /// TLS or nothing, certificate not checked (`sslmode=require`, as libpq).
        case require
        /// TLS with the certificate checked against the host name (`verify-ca`, `verify-full`).
        case verify
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// `dialect=redshift` in the query string (`--dialect` overrides it).
    public var dialect: SQLDialect

    public init(_ text: String) throws {
        let shown = Self.redacted(text)
        func bad(_ why: String) -> InputError { InputError(file: shown, message: "bad PostgreSQL URL: \(why)") }
        guard let parts = URLComponents(string: text) else { throw bad("not a URL") }
        guard let scheme = parts.scheme?.lowercased(), ["postgres", "postgresql", "redshift"].contains(scheme) else {
            throw bad("expected postgres://user:password@host:port/database")
        }
        guard let host = parts.host, !host.isEmpty else { throw bad("no host") }
        guard let user = parts.user, !user.isEmpty else { throw bad("no user name") }
        self.host = host
        self.user = user.removingPercentEncoding ?? user
        password = parts.password.map { $0.removingPercentEncoding ?? $0 }
        port = parts.port ?? (scheme == "redshift" ? 5439 : 5432)
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? self.user : (path.removingPercentEncoding ?? path)
        dialect = scheme == "redshift" ? .redshift : .postgres
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        tls = loopback ? .disable : .prefer
        for item in parts.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name.lowercased() {
            case "sslmode":
                switch value.lowercased() {
                case "disable", "allow": tls = .disable
                case "prefer": tls = .prefer
                case "require": tls = .require
                case "verify-ca", "verify-full": tls = .verify
                default: throw bad("sslmode must be disable, prefer, require, verify-ca or verify-full, got '\(value)'")
                }
            case "dialect":
                switch value.lowercased() {
                case "postgres", "postgresql": dialect = .postgres
                case "redshift": dialect = .redshift
                default: throw bad("dialect must be postgres or redshift, got '\(value)'")
                }
            default: throw bad("unknown option '\(item.name)' (sslmode and dialect are understood)")
            }
        }
    }

    /// The URL without its password: `postgres://user@host:port/db`.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// Any text that may hold a URL, with the password part removed (for errors
    /// about a URL that could not even be parsed).
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(text[at...])
    }
}
