import Foundation
import GRDB
import GRDBSQLite
import StrataRuntime

/// Where `SQLiteStatements` finds a connection's prepared statements.
protocol SQLiteStatementSource {
    /// The `sqlite3` connection.
    var connection: OpaquePointer { get }
    /// The prepared statement for `sql`, reused across calls.
    func prepared(_ sql: String) throws -> OpaquePointer
}

extension GRDB.Database: SQLiteStatementSource {
    var connection: OpaquePointer { sqliteConnection! }

    /// GRDB's statement cache (used on connections GRDB serializes: readers, BEGIN and COMMIT).
    func prepared(_ sql: String) throws -> OpaquePointer {
        do {
            return try cachedStatement(sql: sql).sqliteStatement
        } catch let error as GRDB.DatabaseError {
            throw SQLiteErrorMapping.error(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)")
        }
    }
}

/// The writer connection used directly, inside a transaction, by the task that holds
/// `SQLiteDatabase`'s writer lock, with statements prepared once and found without hashing their
/// text on the hot path.
///
/// A transaction's statements run here, not through GRDB's `writeWithoutTransaction`, which
/// dispatches each call synchronously onto GRDB's queue and finds the statement by hashing its
/// SQL text (together about a tenth of a primary-key fetch). Only statements that cannot end the
/// transaction run directly: GRDB's commit hook must run on its queue, so `BEGIN`, `COMMIT`,
/// `ROLLBACK`, savepoints, any other statement that neither writes nor returns rows (which is
/// how SQLite describes transaction control), and anything while no transaction is open, go
/// through GRDB (`SQLiteTransaction.onConnection`).
///
/// `@unchecked Sendable`, proved by where it is used: GRDB opens the connection in multi-thread
/// mode (one thread at a time, any thread). This value is used only by a transaction, which holds
/// the writer lock for its whole life, and within it only under `useLock` (`WriterLease.run`:
/// the transaction's session may be shared by several tasks), so no two threads use it at once;
/// the locks' release and acquisition order the accesses. GRDB itself uses the connection only on
/// its queue, in calls made under the writer lock (and, inside a transaction, under `useLock`).
/// The statements are finalized by `close()`, under the writer lock, before GRDB closes it.
final class WriterConnection: @unchecked Sendable {
    let connection: OpaquePointer
    /// Held by every statement a transaction's session runs here, and by ending the session
    /// (`WriterLease`).
    let useLock = NSLock()
    /// A prepared statement, and whether it may run off GRDB's queue.
    struct Prepared {
        let statement: OpaquePointer
        let runsDirectly: Bool
    }
    /// Every statement prepared so far, by text.
    private var statements: [String: Prepared] = [:]
    /// The last few statements used, most recent first: a call site passes the same `String`
    /// every time, so `==` usually answers from the storage's identity, without hashing.
    private var recent: [(sql: String, prepared: Prepared)] = []
    static let recentCapacity = 4
    /// Statements kept at most: past it (an app running many distinct texts, values written
    /// into them), every statement is finalized and the cache starts again, so memory stays bounded.
    static let capacity = 1_024
    /// The database's URL, for errors.
    let url: String
    /// Set by `close()`: the connection is gone.
    private var isClosed = false

    init(connection: OpaquePointer, url: String) {
        self.connection = connection
        self.url = url
    }

    /// Throws `StrataError.databaseClosed` after `close()`.
    func checkOpen() throws {
        guard !isClosed else { throw StrataError.databaseClosed(url: url) }
    }

    /// The prepared statement for `sql` when it may run here (it neither ends the transaction nor
    /// runs outside one); nil when it must go through GRDB's queue.
    func directStatement(for sql: String) throws -> OpaquePointer? {
        let prepared = try entry(sql)
        return prepared.runsDirectly && sqlite3_get_autocommit(connection) == 0 ? prepared.statement : nil
    }

    private func entry(_ sql: String) throws -> Prepared {
        try checkOpen()
        for index in recent.indices where recent[index].sql == sql {
            return recent[index].prepared
        }
        let prepared = try statements[sql] ?? prepareKeepingBound(sql)
        if recent.count == Self.recentCapacity { recent.removeLast() }
        recent.insert((sql, prepared), at: 0)
        return prepared
    }

    /// The number of statements prepared and kept.
    var count: Int { statements.count }

    /// `prepare`, after finalizing every kept statement when the cache is full. Safe: no statement
    /// is running then (each is reset as soon as its call ends, and a call prepares before it steps).
    private func prepareKeepingBound(_ sql: String) throws -> Prepared {
        if statements.count >= Self.capacity { finalizeAll() }
        return try prepare(sql)
    }

    private func prepare(_ sql: String) throws -> Prepared {
        let statement = try sql.withCString { text -> OpaquePointer in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            guard code == SQLITE_OK else { throw SQLiteStatements.failure(connection, code) }
            guard let statement else { throw StrataError.database(message: "the SQL text holds no statement") }
            // One statement per call, as GRDB's statements are: a second one is refused, not ignored.
            if let tail, tail.pointee != 0 {
                var next: OpaquePointer?
                let nextCode = sqlite3_prepare_v3(connection, tail, -1, 0, &next, nil)
                sqlite3_finalize(next)
                if nextCode != SQLITE_OK || next != nil {
                    sqlite3_finalize(statement)
                    throw StrataError.database(message: "the SQL text holds more than one statement: run them one by one")
                }
            }
            return statement
        }
        // SQLite calls BEGIN, COMMIT, ROLLBACK, SAVEPOINT and RELEASE read-only statements
        // without columns; an empty text prepares to no statement at all.
        let controlsTransaction = sqlite3_stmt_readonly(statement) != 0 && sqlite3_column_count(statement) == 0
        let prepared = Prepared(statement: statement, runsDirectly: !controlsTransaction)
        statements[sql] = prepared
        return prepared
    }

    /// Finalizes every statement, before GRDB closes the connection; later calls throw
    /// `StrataError.databaseClosed`.
    func close() {
        finalizeAll()
        isClosed = true
    }

    private func finalizeAll() {
        for prepared in statements.values { sqlite3_finalize(prepared.statement) }
        statements = [:]
        recent = []
    }

    deinit { finalizeAll() }
}

/// The writer as a transaction's statement runs on it: directly, with the statement the
/// `WriterConnection` already found for it, or through GRDB's queue.
enum WriterAccess: SQLiteStatementSource {
    case direct(statement: OpaquePointer, connection: OpaquePointer)
    case queued(GRDB.Database)

    var connection: OpaquePointer {
        switch self {
        case .direct(_, let connection): connection
        case .queued(let db): db.connection
        }
    }

    /// The statement found for the call's `sql` (direct), or GRDB's cached one (queued).
    func prepared(_ sql: String) throws -> OpaquePointer {
        switch self {
        case .direct(let statement, _): statement
        case .queued(let db): try db.prepared(sql)
        }
    }
}
