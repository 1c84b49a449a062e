import StrataRuntime

/// The migration runner's SQLite connection.
///
/// A migration runs with foreign keys off (a table rebuild drops and recreates tables that others
/// reference), inside `BEGIN IMMEDIATE` (a second process waits for the first on the busy timeout),
/// and commits only when `PRAGMA foreign_key_check` finds nothing.
public actor SQLiteMigrationConnection: MigrationConnection {
    private let connection: SQLiteConnection
    public nonisolated let dialect: any SQLDialect = SQLiteDialect()

    /// Opens the database at `path` (created if missing).
    public init(path: String, busyTimeoutMilliseconds: Int32 = 60_000) throws {
        connection = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    public func execute(_ sql: String) throws {
        do { try connection.execute(sql) } catch { throw DatabaseError("\(error)") }
    }

    public func query(_ sql: String) throws -> [[String?]] {
        do { return try connection.query(sql) } catch { throw DatabaseError("\(error)") }
    }

    public func beginMigrationTransaction() throws {
        // PRAGMA foreign_keys is ignored inside a transaction, so it is set before BEGIN.
        try execute("PRAGMA foreign_keys = OFF")
        do {
            try execute("BEGIN IMMEDIATE")
        } catch {
            try? execute("PRAGMA foreign_keys = ON")
            throw error
        }
    }

    public func commitMigrationTransaction() throws {
        let violations = try query("PRAGMA foreign_key_check")
        if !violations.isEmpty {
            let described = violations.prefix(5).map { "row \($0[1] ?? "?") of \($0[0] ?? "?") references a missing row of \($0[2] ?? "?")" }
            throw DatabaseError("foreign key check failed: " + described.joined(separator: "; ") + (violations.count > 5 ? " (and \(violations.count - 5) more)" : ""))
        }
        try execute("COMMIT")
        try execute("PRAGMA foreign_keys = ON")
    }

    public func rollbackMigrationTransaction() {
        try? execute("ROLLBACK")
        try? execute("PRAGMA foreign_keys = ON")
    }

    public func close() {}
}

extension SQLiteMigrationConnection: CatalogInspecting {
    public func catalogFingerprint() async throws -> [String] {
        try await CatalogQueries.sqlite(self)
    }

    public nonisolated func freshCatalogFingerprint(of schema: Schema) async throws -> [String] {
        let reference = try SQLiteMigrationConnection(path: ":memory:")
        let dialect = SQLiteDialect()
        try await reference.execute(schema.createStatements().map { dialect.render($0, in: schema) }.joined(separator: "\n"))
        return try await reference.catalogFingerprint()
    }
}
