import GRDB
import GRDBSQLite
import StrataRuntime

/// Runs statements through the C API on a connection's prepared statements (`SQLiteStatementSource`):
/// `sqlite3_bind_*`, `sqlite3_step` and `sqlite3_column_*` by position.
enum SQLiteStatements {
    static func failure(_ connection: OpaquePointer, _ code: Int32) -> StrataError {
        let message = String(cString: sqlite3_errmsg(connection))
        return SQLiteErrorMapping.error(code: sqlite3_extended_errcode(connection), message: message)
    }

    /// Steps the prepared statement for `sql`, with `arguments` bound, to its end, calling
    /// `onRow` for each row; resets it afterwards (so no read transaction stays open).
    static func step<Source: SQLiteStatementSource, Arguments: SQLArguments>(
        _ source: Source, _ sql: String, _ arguments: Arguments, onRow: (OpaquePointer) throws -> Void
    ) throws {
        let statement = try bound(source, sql, arguments)
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(source.connection, code) }
            try onRow(statement)
        }
    }

    /// The prepared statement for `sql` with `arguments` bound.
    static func bound<Source: SQLiteStatementSource, Arguments: SQLArguments>(
        _ source: Source, _ sql: String, _ arguments: Arguments
    ) throws -> OpaquePointer {
        let statement = try source.prepared(sql)
        var writer = SQLiteParameterWriter(statement)
        arguments.write(to: &writer)
        return statement
    }

    /// Runs a statement to its first row and reads it; nil when there is none. The statement is
    /// reset after the first row, so a query's other rows are never computed (a write with
    /// `RETURNING` makes all its changes in that first step, as SQLite documents).
    static func fetchFirst<Source: SQLiteStatementSource, Row: RowDecodable, Arguments: SQLArguments>(
        _ source: Source, _ sql: String, _ arguments: Arguments
    ) throws -> Row? {
        let statement = try bound(source, sql, arguments)
        defer { sqlite3_reset(statement) }
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw failure(source.connection, code) }
        var reader = SQLiteRowReader(statement)
        return try Row(row: &reader)
    }

    /// Runs a statement to completion; the rows it changed.
    static func execute<Source: SQLiteStatementSource, Arguments: SQLArguments>(_ source: Source, _ sql: String, _ arguments: Arguments) throws -> Int {
        try step(source, sql, arguments) { _ in }
        return Int(sqlite3_changes(source.connection))
    }

    /// Runs a query and reads every row, through `Row.readRows`: the loop that grows the array
    /// of rows is specialized for `Row` in the row type's own module (this function is not: it
    /// is called through `DatabaseSession`), and only stepping the statement is done here.
    static func fetch<Source: SQLiteStatementSource, Row: RowDecodable, Arguments: SQLArguments>(
        _ source: Source, _ sql: String, _ arguments: Arguments
    ) throws -> [Row] {
        var cursor = SQLiteRowCursor(statement: try bound(source, sql, arguments), connection: source.connection)
        defer { sqlite3_reset(cursor.statement) }
        return try Row.readRows(from: &cursor)
    }

    static func run(_ db: GRDB.Database, _ sql: String) throws {
        let code = sqlite3_exec(db.sqliteConnection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(db.connection, code) }
    }
}
