import Foundation
import StrataPostgres
import StrataRuntime
import StrataSQLite

/// The driver for a URL: SQLite files and in-memory databases, or a PostgreSQL server.
/// - Parameter readOnly: For verbs that only look: an SQLite file that does not exist is an
///   error (never created), and the connection cannot write.
func openMigrationConnection(_ url: DatabaseURL, readOnly: Bool = false) async throws -> any MigrationConnection {
    switch url {
    case .sqlite(let path):
        if readOnly, path != ":memory:", !FileManager.default.fileExists(atPath: path) {
            throw MigrationConnectionError("no SQLite database at \(path): 'strata upgrade head' creates it (check the path)")
        }
        return try SQLiteMigrationConnection(path: path, readOnly: readOnly)
    case .postgres:
        return try await PostgresMigrationConnection(url: url)
    }
}
