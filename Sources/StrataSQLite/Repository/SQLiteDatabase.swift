import Foundation
import GRDB
import StrataRuntime


/// A SQLite database for repositories: a GRDB `DatabasePool` in WAL mode for a file (readers run
/// in parallel with the writer), a shared-cache `DatabaseQueue` in memory.
///
///     let db = try SQLiteDatabase(path: "jarvis.sqlite")
///     try await db.migrate(GeneratedSchema.migrations)
///     let patterns = db.repository(Pattern.self)
///
/// Statements are bound and read through the C API by column position. A transaction's statements
/// are prepared once on the writer connection and run on it directly (`WriterConnection`); `BEGIN`,
/// `COMMIT`, savepoints and statements outside a transaction go through GRDB's queue and cache.
/// Writes take the single writer connection one transaction at a time (`transaction` holds it
/// across `await`s; other writers wait without blocking a thread, and a waiting task that is
/// cancelled stops waiting with `CancellationError`). Using the database itself, rather than the
/// transaction's session, for a write inside its own transaction's closure (or for any statement,
/// in memory) throws `StrataError.reentrantUse` at once instead of waiting forever. Connections
/// run with foreign keys on, `synchronous = NORMAL`, a 30 s busy timeout and case-sensitive `LIKE`.
public final class SQLiteDatabase: StrataDatabase, DatabaseDriver {
    /// `sqlite:<path>` or `sqlite::memory:`.
    public let url: String
    /// SQLite.
    public let dialect: any DatabaseDialect = SQLiteDialect()
    let writer: any DatabaseWriter
    let pool: DatabasePool?
    let writeLock = AsyncLock()
    /// Idle connections for `read` (query-only, each used by one read transaction at a time).
    let idleReaders = Protected<[DatabaseQueue]>([])
    static let idleReaderLimit = 8
    /// What the migration connection opens: the file, or the shared in-memory database's URI.
    let migrationPath: String
    /// The writer connection, used directly under the writer lock (see `WriterConnection`).
    let writerConnection: WriterConnection

    /// Opens (creating if needed) the database file at `path`; `":memory:"` for a new in-memory database.
    /// - Throws: `StrataError.connectionFailed` when SQLite cannot open it.
    public init(path: String) throws {
        if path == ":memory:" {
            let name = "strata-\(UUID().uuidString.lowercased())"
            url = "sqlite::memory:"
            migrationPath = "file:\(name)?mode=memory&cache=shared"
            do {
                writer = try DatabaseQueue(named: name, configuration: Self.configuration())
            } catch {
                throw StrataError.connectionFailed(url: url, message: "\(error)")
            }
            pool = nil
            writerConnection = try Self.writerConnection(of: writer, url: url)
        } else {
            url = "sqlite:\(path)"
            migrationPath = path
            do {
                let pool = try DatabasePool(path: path, configuration: Self.configuration())
                self.pool = pool
                writer = pool
            } catch {
                throw StrataError.connectionFailed(url: url, message: Self.message(of: error))
            }
            writerConnection = try Self.writerConnection(of: writer, url: url)
        }
    }

    /// The raw connection of `writer`, asked of GRDB on its queue.
    static func writerConnection(of writer: any DatabaseWriter, url: String) throws -> WriterConnection {
        let connection = writer.writeWithoutTransaction { db in db.sqliteConnection }
        guard let connection else { throw StrataError.connectionFailed(url: url, message: "SQLite gave no connection") }
        return WriterConnection(connection: connection, url: url)
    }

    /// A new private in-memory database.
    public static func inMemory() throws -> SQLiteDatabase {
        try SQLiteDatabase(path: ":memory:")
    }

    static func message(of error: any Error) -> String {
        (error as? GRDB.DatabaseError)?.message ?? "\(error)"
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Transactions stay open between the synchronous accesses of one `transaction` call,
        // which `writeLock` serializes.
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA case_sensitive_like = ON")
        }
        return configuration
    }

    // MARK: DatabaseDriver

    /// Serves `sqlite:` URLs.
    public static func accepts(_ url: DatabaseURL) -> Bool {
        if case .sqlite = url { return true }
        return false
    }

    /// Opens a `sqlite:` URL (creating the file).
    public static func open(_ url: DatabaseURL) async throws -> any StrataDatabase {
        guard case .sqlite(let path) = url else { throw StrataError.connectionFailed(url: url.description, message: "not a SQLite URL") }
        return try SQLiteDatabase(path: path)
    }

    // MARK: The writer lock

    /// The writer locks the current task holds through `transaction` (inherited by its child
    /// tasks, which would wait for their parent forever too).
    @TaskLocal static var heldWriters: [WriterHold] = []

    /// Runs `body` holding the writer lock; refuses at once when this task already holds it.
    func withWriterLock<Result>(_ body: () async throws -> Result) async throws -> Result {
        for hold in Self.heldWriters where hold.database === self && hold.isHeld {
            throw StrataError.reentrantUse(url: url)
        }
        return try await writeLock.withLock(body)
    }

    // MARK: Synchronous access (never across an await)

    /// Runs `body` on GRDB's writer queue: transaction control, and statements outside a
    /// transaction (which commit, and GRDB's commit hook must run on its queue).
    func onWriter<Result>(_ body: (GRDB.Database) throws -> Result) throws -> Result {
        try writer.writeWithoutTransaction(body)
    }

    /// `onWriter` after checking that the database is not closed; the caller holds the writer lock.
    func onOpenWriter<Result>(_ body: (GRDB.Database) throws -> Result) throws -> Result {
        try writerConnection.checkOpen()
        return try writer.writeWithoutTransaction(body)
    }

    func onReader<Result>(_ body: (GRDB.Database) throws -> Result) throws -> Result {
        try pool!.unsafeRead(body)
    }

    // MARK: DatabaseSession

    /// Runs one write on the writer connection, waiting for a transaction that holds it.
    public func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        try await withWriterLock {
            try onOpenWriter { db in try SQLiteStatements.execute(db, sql, arguments) }
        }
    }

    /// Runs one write that returns rows on the writer connection, waiting for a transaction that holds it.
    public func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try await withWriterLock {
            try onOpenWriter { db in try SQLiteStatements.fetch(db, sql, arguments) }
        }
    }

    /// Runs `sql` once per element of `batch`, in one transaction.
    public func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        try await transaction { tx in try await tx.executeBatch(sql, batch) }
    }

    /// Runs a query on the idle writer connection, or on a WAL reader while a transaction holds the writer (in memory: waits for it).
    public func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try await query { db in try SQLiteStatements.fetch(db, sql, arguments) }
    }

    /// Runs a query where `fetch` does, to its first row only.
    public func fetchFirst<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> Row? {
        try await query { db in try SQLiteStatements.fetchFirst(db, sql, arguments) }
    }

    /// Runs a query's `body` on the idle writer connection, or on a WAL reader while a
    /// transaction holds the writer (in memory: waits for the writer).
    private func query<Result>(_ body: (GRDB.Database) throws -> Result) async throws -> Result {
        if pool != nil {
            // A query outside a transaction runs on the writer connection when it is idle (one
            // statement, SQLite's fastest path); while a transaction holds the writer it runs on a
            // pooled WAL reader in parallel. GRDB's reader pool costs about 30 µs per access,
            // more than a primary-key fetch itself.
            if writeLock.tryLock() {
                defer { writeLock.unlock() }
                return try onOpenWriter(body)
            }
            return try onReader(body)
        }
        return try await withWriterLock { try onOpenWriter(body) }
    }

    /// `BEGIN IMMEDIATE` on the writer connection, held across `await`s until `body` returns or throws.
    public func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await holdingWriter {
            try await TransactionScope.run(
                on: SQLiteTransaction(database: self, depth: 1),
                begin: {
                    try writerConnection.checkOpen()
                    try onWriter { db in try SQLiteStatements.run(db, "BEGIN IMMEDIATE") }
                },
                commit: { try onWriter { db in try SQLiteStatements.run(db, "COMMIT") } },
                rollback: { try? onWriter { db in try SQLiteStatements.run(db, "ROLLBACK") } },
                end: { $0.end() },
                body
            )
        }
    }

    /// Runs `body` holding the writer lock, recorded as held by this task (and its child tasks)
    /// so that using the database itself inside `body` throws `reentrantUse` instead of waiting.
    func holdingWriter<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await withWriterLock {
            let hold = WriterHold(self)
            defer { hold.release() }
            return try await Self.$heldWriters.withValue(Self.heldWriters + [hold]) { try await body() }
        }
    }

    // MARK: Read transactions

    /// `BEGIN DEFERRED` on a query-only connection of its own (in memory, on the one connection).
    public func read<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        guard pool != nil else {
            // In memory there is one connection: the read takes it, as a transaction would.
            return try await holdingWriter { try await readTransaction(on: writer, body) }
        }
        let reader = try takeReader()
        defer { giveBack(reader) }
        return try await readTransaction(on: reader, body)
    }

    func readTransaction<Result: Sendable>(on connection: any DatabaseWriter, _ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await TransactionScope.run(
            on: SQLiteReadTransaction(connection: connection),
            begin: { try SQLiteReadTransaction.run(on: connection) { db in try SQLiteStatements.run(db, "BEGIN DEFERRED") } },
            commit: { try SQLiteReadTransaction.run(on: connection) { db in try SQLiteStatements.run(db, "COMMIT") } },
            rollback: { try? SQLiteReadTransaction.run(on: connection) { db in try SQLiteStatements.run(db, "ROLLBACK") } },
            end: { $0.end() },
            body
        )
    }

    /// An idle reader connection, or a new one.
    func takeReader() throws -> DatabaseQueue {
        if let reader = idleReaders.withLock({ $0.popLast() }) { return reader }
        var configuration = Self.configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") }
        do {
            return try DatabaseQueue(path: migrationPath, configuration: configuration)
        } catch {
            throw StrataError.connectionFailed(url: url, message: Self.message(of: error))
        }
    }

    func giveBack(_ reader: DatabaseQueue) {
        let kept = idleReaders.withLock { readers -> Bool in
            guard readers.count < Self.idleReaderLimit else { return false }
            readers.append(reader)
            return true
        }
        if !kept { try? reader.close() }
    }

    // MARK: StrataDatabase

    /// Migrates on a connection of its own, holding the writer so that no repository write interleaves.
    @discardableResult
    public func migrate(_ history: MigrationHistory, to target: MigrationTarget = .head) async throws -> [MigrationStep] {
        try await withWriterLock {
            let connection: SQLiteMigrationConnection
            do {
                connection = try SQLiteMigrationConnection(path: migrationPath)
            } catch {
                throw StrataError.connectionFailed(url: url, message: "\(error)")
            }
            let steps = try await MigrationRunner(history: history).upgrade(to: target, on: connection)
            await connection.close()
            return steps
        }
    }

    /// Closes every connection, after the running transaction.
    public func close() async throws {
        try await withWriterLock {
            for reader in idleReaders.withLock({ readers in defer { readers = [] }; return readers }) { try reader.close() }
            writerConnection.close()
            if let pool { try pool.close() } else if let queue = writer as? DatabaseQueue { try queue.close() }
        }
    }
}

/// The session of one `SQLiteDatabase.read`: queries on its own connection inside `BEGIN DEFERRED`
/// (one snapshot); writes are refused.
final class SQLiteReadTransaction: DatabaseSession {
    let connection: any DatabaseWriter
    private let isActive = Protected(true)
    let dialect: any DatabaseDialect = SQLiteDialect()

    init(connection: any DatabaseWriter) {
        self.connection = connection
    }

    var isTransaction: Bool { true }

    func end() { isActive.withLock { $0 = false } }

    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        throw StrataError.writeInReadTransaction
    }

    func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        throw StrataError.writeInReadTransaction
    }

    func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        throw StrataError.writeInReadTransaction
    }

    func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try query { db in try SQLiteStatements.fetch(db, sql, arguments) }
    }

    func fetchFirst<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> Row? {
        try query { db in try SQLiteStatements.fetchFirst(db, sql, arguments) }
    }

    /// Runs a query's `body` in this read, while it lasts.
    private func query<Result>(_ body: (GRDB.Database) throws -> Result) throws -> Result {
        guard isActive.withLock({ $0 }) else { throw StrataError.transactionEnded }
        return try Self.run(on: connection, body)
    }

    /// Runs `body` on `connection` synchronously (never across an await).
    static func run<Result>(on connection: any DatabaseWriter, _ body: (GRDB.Database) throws -> Result) throws -> Result {
        try connection.writeWithoutTransaction(body)
    }

    /// Inside a read there is nothing to roll back: `body` runs in the same read.
    func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await body(self)
    }
}

/// The writer lock held by one `SQLiteDatabase.transaction`, while it runs.
final class WriterHold: Sendable {
    let database: SQLiteDatabase
    private let held = Protected(true)

    init(_ database: SQLiteDatabase) {
        self.database = database
    }

    var isHeld: Bool { held.withLock { $0 } }
    func release() { held.withLock { $0 = false } }
}

/// The session of one `SQLiteDatabase.transaction`: every statement on the writer connection,
/// which the transaction holds; nested transactions are savepoints.
final class SQLiteTransaction: DatabaseSession {
    let database: SQLiteDatabase
    let depth: Int
    /// The session's use of the writer connection: one statement at a time, none after `end()`.
    private let lease: WriterLease

    init(database: SQLiteDatabase, depth: Int) {
        self.database = database
        self.depth = depth
        self.lease = WriterLease(database.writerConnection)
    }

    var dialect: any DatabaseDialect { database.dialect }

    var isTransaction: Bool { true }

    func end() { lease.revoke() }

    /// Runs `body` for `sql` on the writer connection, which the transaction holds: directly
    /// when the statement cannot end the transaction, otherwise on GRDB's queue (`WriterConnection`);
    /// either way under the lease, so statements from tasks sharing the session take turns.
    /// Always inlined (see `WriterLease.run`).
    @inline(__always)
    func onConnection<Result>(for sql: String, _ body: (WriterAccess) throws -> Result) throws -> Result {
        try lease.run { writer in
            if let statement = try writer.directStatement(for: sql) {
                return try body(.direct(statement: statement, connection: writer.connection))
            }
            return try database.onWriter { db in try body(.queued(db)) }
        }
    }

    /// Runs transaction control (a savepoint) on GRDB's writer queue, under the lease.
    func onQueue(_ body: (GRDB.Database) throws -> Void) throws {
        try lease.run { _ in try database.onWriter(body) }
    }

    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        try onConnection(for: sql) { writer in try SQLiteStatements.execute(writer, sql, arguments) }
    }

    func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        try onConnection(for: sql) { writer in
            var changed = 0
            for arguments in batch { changed += try SQLiteStatements.execute(writer, sql, arguments) }
            return changed
        }
    }

    func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try onConnection(for: sql) { writer in try SQLiteStatements.fetch(writer, sql, arguments) }
    }

    func fetchFirst<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> Row? {
        try onConnection(for: sql) { writer in try SQLiteStatements.fetchFirst(writer, sql, arguments) }
    }

    func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try onConnection(for: sql) { writer in try SQLiteStatements.fetch(writer, sql, arguments) }
    }

    func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        let savepoint = "strata_savepoint_\(depth)"
        return try await TransactionScope.run(
            on: SQLiteTransaction(database: database, depth: depth + 1),
            begin: { try onQueue { db in try SQLiteStatements.run(db, "SAVEPOINT \(savepoint)") } },
            commit: { try onQueue { db in try SQLiteStatements.run(db, "RELEASE \(savepoint)") } },
            rollback: { try? onQueue { db in try SQLiteStatements.run(db, "ROLLBACK TO \(savepoint); RELEASE \(savepoint)") } },
            end: { $0.end() },
            body
        )
    }
}
