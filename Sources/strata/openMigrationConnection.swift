import StrataPostgres
import StrataRuntime
import StrataSQLite

/// The driver for a URL: SQLite files and in-memory databases, or a PostgreSQL server.
func openMigrationConnection(_ url: DatabaseURL) async throws -> any MigrationConnection {
    switch url {
    case .sqlite(let path):
        return try SQLiteMigrationConnection(path: path)
    case .postgres:
        return try await PostgresMigrationConnection(url: url)
    }
}
