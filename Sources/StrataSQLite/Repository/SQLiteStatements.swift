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

    /// Runs `body` on a cursor over the prepared statement for `sql` with `arguments` bound, and
    /// resets the statement afterwards, whether `body` read every row, stopped early or threw
    /// (so no read transaction stays open and the statement can run again). Always inlined (see
    /// `WriterLease.run`): its `Result` is often a row type or an optional of one.
    @inline(__always)
    static func stepping<Source: SQLiteStatementSource, Arguments: SQLArguments, Result>(
        _ source: Source, _ sql: String, _ arguments: Arguments, _ body: (inout SQLiteRowCursor) throws -> Result
    ) throws -> Result {
        let statement = try source.prepared(sql)
        var writer = SQLiteParameterWriter(statement)
        arguments.write(to: &writer)
        var cursor = SQLiteRowCursor(statement: statement, connection: source.connection)
        defer { sqlite3_reset(statement) }
        return try body(&cursor)
    }

    /// Runs a statement to its first row and reads it; nil when there is none. The statement is
    /// reset after the first row, so a query's other rows are never computed (a write with
    /// `RETURNING` makes all its changes in that first step, as SQLite documents).
    static func fetchFirst<Source: SQLiteStatementSource, Row: RowDecodable, Arguments: SQLArguments>(
        _ source: Source, _ sql: String, _ arguments: Arguments
    ) throws -> Row? {
        try stepping(source, sql, arguments) { cursor in
            guard var reader = try cursor.next() else { return nil }
            return try Row(row: &reader)
        }
    }

    /// Runs a statement to completion; the rows it changed.
    static func execute<Source: SQLiteStatementSource, Arguments: SQLArguments>(_ source: Source, _ sql: String, _ arguments: Arguments) throws -> Int {
        try stepping(source, sql, arguments) { cursor in
            while try cursor.next() != nil {}
        }
        return Int(sqlite3_changes(source.connection))
    }

    /// Runs a query and reads every row, through `Row.readRows`: the loop that grows the array
    /// of rows is compiled for `Row` in the row type's own module (this function is not: it is
    /// called through `DatabaseSession`), and only stepping the statement is done here.
    static func fetch<Source: SQLiteStatementSource, Row: RowDecodable, Arguments: SQLArguments>(
        _ source: Source, _ sql: String, _ arguments: Arguments
    ) throws -> [Row] {
        try stepping(source, sql, arguments) { cursor in try Row.readRows(from: &cursor) }
    }

    static func run(_ db: GRDB.Database, _ sql: String) throws {
        let code = sqlite3_exec(db.sqliteConnection, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(db.connection, code) }
    }
}
