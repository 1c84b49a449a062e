import GRDB
import GRDBSQLite
import StrataRuntime

/// Runs statements on a GRDB connection through the C API: GRDB's statement cache, then
/// `sqlite3_bind_*`, `sqlite3_step` and `sqlite3_column_*` by position.
enum SQLiteStatements {
    static func prepared(_ db: GRDB.Database, _ sql: String) throws -> OpaquePointer {
        do {
            return try db.cachedStatement(sql: sql).sqliteStatement
        } catch let error as GRDB.DatabaseError {
            throw SQLiteErrorMapping.error(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)")
        }
    }

    static func failure(_ db: GRDB.Database, _ code: Int32) -> StrataError {
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        return SQLiteErrorMapping.error(code: sqlite3_extended_errcode(db.sqliteConnection), message: message)
    }

    /// Steps the cached statement for `sql`, with `arguments` bound, to its end, calling
    /// `onRow` for each row; resets it afterwards (so no read transaction stays open).
    static func step<Arguments: SQLArguments>(
        _ db: GRDB.Database, _ sql: String, _ arguments: Arguments, onRow: (OpaquePointer) throws -> Void
    ) throws {
        let statement = try prepared(db, sql)
        sqlite3_reset(statement)
        var writer = SQLiteParameterWriter(statement)
        arguments.write(to: &writer)
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(db, code) }
            try onRow(statement)
        }
    }

    /// Runs a statement to completion; the rows it changed.
    static func execute<Arguments: SQLArguments>(_ db: GRDB.Database, _ sql: String, _ arguments: Arguments) throws -> Int {
        try step(db, sql, arguments) { _ in }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Runs a query and reads every row.
    static func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ db: GRDB.Database, _ sql: String, _ arguments: Arguments) throws -> [Row] {
        var rows: [Row] = []
        try step(db, sql, arguments) { statement in
            var reader = SQLiteRowReader(statement)
            rows.append(try Row(row: &reader))
        }
        return rows
    }

    static func run(_ db: GRDB.Database, _ sql: String) throws {
        let code = sqlite3_exec(db.sqliteConnection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(db, code) }
    }
}
