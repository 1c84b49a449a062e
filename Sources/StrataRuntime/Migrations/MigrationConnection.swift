import StrataSchema

/// A database connection the migration runner drives: statements, simple queries, and one kind
/// of transaction.
///
/// SQLite (`StrataSQLite`): foreign keys off, `BEGIN IMMEDIATE` (waiting on a busy timeout while
/// another process migrates), `PRAGMA foreign_key_check` before `COMMIT`.
/// PostgreSQL (`StrataPostgres`): `BEGIN`; the runner holds the dialect's session lock
/// (`pg_advisory_lock`) for the whole run, so concurrent runners queue.
public protocol MigrationConnection: CatalogInspecting, SQLQuerying {
    /// The connection's SQL dialect.
    var dialect: any DatabaseDialect { get }
    /// Runs one or more statements.
    func execute(_ sql: String) async throws
    /// Runs a table rebuild's statements in order (SQLite also carries the table's triggers
    /// across the drop).
    func executeRebuild(_ rebuild: TableRebuild) async throws
    /// Starts a transaction holding the migration lock.
    func beginMigrationTransaction() async throws
    /// Checks what must hold (foreign keys on SQLite) and commits.
    func commitMigrationTransaction() async throws
    /// Rolls back; never throws (a failed rollback leaves nothing committed either).
    func rollbackMigrationTransaction() async
    /// Closes the connection.
    func close() async
    /// What the database's own integrity check finds wrong (SQLite's `quick_check`); empty
    /// when nothing is, or when the database has no such check.
    func integrityProblems() async throws -> [String]
}

extension MigrationConnection {
    /// PostgreSQL keeps its pages consistent itself: nothing to report.
    public func integrityProblems() async throws -> [String] { [] }

    /// Runs the rebuild's statements one by one.
    public func executeRebuild(_ rebuild: TableRebuild) async throws {
        for statement in rebuild.statements { try await execute(statement.sql) }
    }
}

/// Something that answers SQL queries with text values (`nil` for NULL).
public protocol SQLQuerying: Sendable {
    /// Runs one query; values as text, `nil` for NULL.
    func query(_ sql: String) async throws -> [[String?]]
}

/// An error from the database, with its own message.
public struct MigrationConnectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the database or the connection said.
    public var message: String
    /// Whether the statement gave up waiting for a lock (PostgreSQL's `lock_timeout`, SQLSTATE
    /// 55P03): the runner tries its unit again.
    public var isLockTimeout: Bool

    /// An error with `message`.
    public init(_ message: String, isLockTimeout: Bool = false) {
        self.message = message
        self.isLockTimeout = isLockTimeout
    }

    /// The message.
    public var description: String { message }
}
