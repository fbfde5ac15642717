import Foundation
import PostgresNIO

/// Where the shared database is: a `postgresql://user:password@host:port/database` URL, as libpq
/// and psql take it (`?sslmode=require` asks for TLS). The password may also come from
/// `PGPASSWORD`, so that it need not stand in a unit file or a process listing.
package struct PostgresLocation: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var user: String
    package var password: String?
    package var database: String
    package var requireTLS: Bool

    package init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: url), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            throw PostgresStoreError.badURL(url, "it must start with postgresql://")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresStoreError.badURL(url, "it names no host") }
        self.host = host
        port = components.port ?? 5432
        user = components.user ?? environment["PGUSER"] ?? "postgres"
        password = components.password ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        requireTLS = components.queryItems?.contains { $0.name == "sslmode" && ["require", "verify-ca", "verify-full"].contains($0.value ?? "") } ?? false
    }

    /// The URL without its password, for messages and the audit trail.
    package var redacted: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    var clientConfiguration: PostgresClient.Configuration {
        get throws {
            let tls: PostgresClient.Configuration.TLS = requireTLS ? .require(.makeClientConfiguration()) : .disable
            // PostgresNIO's pool as it comes (at most 20 connections per process).
            return PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                database: database, tls: tls)
        }
    }
}
