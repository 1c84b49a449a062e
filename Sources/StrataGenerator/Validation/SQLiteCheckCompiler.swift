import GRDBSQLite
import StrataSchema

/// Lets SQLite's own parser judge a `check:` expression: the table's columns are created in a
/// private in-memory database and `SELECT (expression) FROM table` is prepared (never run). That
/// finds what a scan cannot: syntax errors, unknown functions, wrong argument counts.
/// Double-quoted text is an identifier only (SQLite's legacy "string literal" fallback is off),
/// so an unknown quoted name is an error here too.
final class SQLiteCheckCompiler {
    private var handle: OpaquePointer?
    /// The column definitions each table was created with (a migration's states reuse names).
    private var created: [String: String] = [:]

    init?() {
        guard sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            sqlite3_close(handle)
            return nil
        }
        _disableDoubleQuotedStringLiterals(handle)
    }

    deinit {
        sqlite3_close(handle)
    }

    /// SQLite's complaint about `expression` as a condition over `table`'s columns, or `nil`.
    func problem(with expression: String, in table: Table) -> String? {
        let dialect = SQLiteDialect()
        let columns = table.columns.map { "\(dialect.quoted($0.name)) \(dialect.columnType($0.type))" }.joined(separator: ", ")
        if created[table.name] != columns {
            if created[table.name] != nil { sqlite3_exec(handle, "DROP TABLE \(dialect.quoted(table.name))", nil, nil, nil) }
            created[table.name] = nil
            guard !columns.isEmpty, sqlite3_exec(handle, "CREATE TABLE \(dialect.quoted(table.name)) (\(columns))", nil, nil, nil) == SQLITE_OK else {
                return nil  // an invalid table is reported elsewhere
            }
            created[table.name] = columns
        }
        let sql = "SELECT (\(expression)) FROM \(dialect.quoted(table.name))"
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in sqlite3_prepare_v2(handle, text, -1, &statement, &tail) }
        defer { sqlite3_finalize(statement) }
        guard code == SQLITE_OK else { return String(cString: sqlite3_errmsg(handle)) }
        if let tail, !String(cString: tail).allSatisfy(\.isWhitespace) {
            return "it is more than one statement"
        }
        return nil
    }
}
