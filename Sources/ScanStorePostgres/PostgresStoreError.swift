import Foundation

/// What the PostgreSQL store reports before any ScanPipeline error applies (a bad URL).
package enum PostgresStoreError: Error, CustomStringConvertible {
    case badURL(String, String)

    package var description: String {
        switch self {
        case .badURL(let url, let why): "not a PostgreSQL URL (\(url)): \(why)"
        }
    }
}
