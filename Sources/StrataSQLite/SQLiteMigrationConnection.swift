import StrataRuntime
import StrataSchema

/// The migration runner's SQLite connection.
///
/// A migration runs with foreign keys off (a table rebuild drops and recreates tables that others
/// reference), inside `BEGIN IMMEDIATE` (a second process waits for the first on the busy timeout),
/// and commits only when `PRAGMA foreign_key_check` finds nothing.
public actor SQLiteMigrationConnection: MigrationConnection {
    private let connection: SQLiteDirectConnection
    /// SQLite.
    public nonisolated let dialect: any DatabaseDialect = SQLiteDialect()

    /// Opens the database at `path` (created if missing, unless `readOnly`).
    /// - Parameter readOnly: For verbs that only look (`current`, `check`): a missing file is an
    ///   error and nothing can be written.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 60_000, readOnly: Bool = false) throws {
        connection = try SQLiteDirectConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, readOnly: readOnly)
    }

    /// What `PRAGMA quick_check` finds wrong with the file (corrupted pages, broken indexes);
    /// empty when it reports "ok".
    public func integrityProblems() throws -> [String] {
        let rows = try query("PRAGMA quick_check").compactMap { $0.first ?? nil }
        return rows == ["ok"] ? [] : rows
    }

    /// Runs `sql` (one or more statements).
    public func execute(_ sql: String) throws {
        do { try connection.execute(sql) } catch { throw MigrationConnectionError(Self.withTableNames("\(error)")) }
    }

    /// Runs a table rebuild. The rebuild drops the table and renames its new copy in; the
    /// table's triggers, which SQL written by hand may have added, go with the DROP: they are
    /// read before it and created again after the rename.
    public func executeRebuild(_ rebuild: TableRebuild) throws {
        let triggers = try query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = \(dialect.stringLiteral(rebuild.table))").compactMap { $0[0] }
        for statement in [rebuild.createCopy, rebuild.copyRows] + rebuild.keepSequence + [rebuild.dropOriginal, rebuild.renameCopy] { try execute(statement.sql) }
        for trigger in triggers {
            do { try connection.execute(trigger) } catch {
                throw MigrationConnectionError("cannot recreate a trigger of \(rebuild.table) after rebuilding it (\(error)): \(ControlCharacters.escaped(trigger))")
            }
        }
        for statement in rebuild.indexes { try execute(statement.sql) }
    }

    /// `message` with the rebuild's temporary table called by the table's own name
    /// (`NOT NULL constraint failed: _strata_rebuild_jobs.name` → `jobs.name`): errors never name
    /// Strata's internal tables.
    static func withTableNames(_ message: String) -> String {
        message.replacingOccurrences(of: SQLiteDialect.rebuildPrefix, with: "")
    }

    /// The rows of `sql`, every column as text (NULL as nil).
    public func query(_ sql: String) throws -> [[String?]] {
        do { return try connection.query(sql) } catch { throw MigrationConnectionError("\(error)") }
    }

    /// `BEGIN IMMEDIATE`: the migration lock (a second process waits on the busy timeout).
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

    /// Checks foreign keys, then commits.
    public func commitMigrationTransaction() throws {
        let violations = try query("PRAGMA foreign_key_check")
        if !violations.isEmpty {
            let described = violations.prefix(5).map { "row \($0[1] ?? "?") of \($0[0] ?? "?") references a missing row of \($0[2] ?? "?")" }
            throw MigrationConnectionError("foreign key check failed: " + described.joined(separator: "; ") + (violations.count > 5 ? " (and \(violations.count - 5) more)" : ""))
        }
        try execute("COMMIT")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Rolls back the migration's transaction.
    public func rollbackMigrationTransaction() {
        try? execute("ROLLBACK")
        try? execute("PRAGMA foreign_keys = ON")
    }

    /// Nothing to do: the connection closes when the value is released.
    public func close() {}
}

extension SQLiteMigrationConnection: CatalogInspecting {
    /// The database read into the IR.
    public func introspect() async throws -> IntrospectedSchema {
        try await SQLiteCatalog().read(from: self)
    }

    /// `schema` created in a new in-memory database, read into the IR.
    public nonisolated func freshIntrospection(of schema: Schema) async throws -> IntrospectedSchema {
        try await Self.reference(schema).introspect()
    }

    private static func reference(_ schema: Schema) async throws -> SQLiteMigrationConnection {
        let reference = try SQLiteMigrationConnection(path: ":memory:")
        let dialect = SQLiteDialect()
        try await reference.execute(dialect.createSQL(for: schema).joined(separator: "\n"))
        return reference
    }
}
