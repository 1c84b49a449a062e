import GRDBSQLite

/// A minimal SQLite connection on the C API: statements, text-valued queries, a busy timeout.
/// Not thread-safe by itself: use it from one task at a time (`SQLiteMigrationConnection` wraps
/// it in an actor).
public final class SQLiteDirectConnection {
    /// An error reported by SQLite, with its message.
    public struct Failure: Error, CustomStringConvertible {
        /// SQLite's extended result code.
        public var code: Int32
        /// SQLite's message.
        public var message: String
        /// The code and the message.
        public var description: String { "SQLite error \(code): \(message)" }
    }

    private var handle: OpaquePointer?

    /// Opens (or creates) a database; `":memory:"` for a private in-memory one.
    /// - Parameters:
    ///   - path: The database file.
    ///   - busyTimeoutMilliseconds: How long to wait for another connection's lock.
    ///   - readOnly: Opens an existing database for reading only: a missing file is an error, not
    ///     created.
    public init(path: String = ":memory:", busyTimeoutMilliseconds: Int32 = 30_000, readOnly: Bool = false) throws {
        let access = readOnly && path != ":memory:" ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let flags = access | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw Failure(code: code, message: message)
        }
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        // A double-quoted name that matches no column is an error, never SQLite's legacy
        // fallback to a string literal (which would index or check a constant).
        _disableDoubleQuotedStringLiterals(handle)
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        sqlite3_close(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        guard code == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw Failure(code: code, message: message)
        }
    }

    /// Runs one query and returns its rows, each value as text (`nil` for NULL).
    public func query(_ sql: String) throws -> [[String?]] {
        var statement: OpaquePointer?
        var code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK else { throw failure(code) }
        defer { sqlite3_finalize(statement) }
        var rows: [[String?]] = []
        while true {
            code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw failure(code) }
            let count = sqlite3_column_count(statement)
            rows.append((0..<count).map { column in
                sqlite3_column_text(statement, column).map { String(cString: $0) }
            })
        }
        return rows
    }

    /// The first column of every row of `sql`, as text.
    public func column(_ sql: String) throws -> [String?] {
        try query(sql).map { $0.first ?? nil }
    }

    private func failure(_ code: Int32) -> Failure {
        Failure(code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}
