import GRDBSQLite
import StrataSchema

/// Lets SQLite's own parser judge a `check:` expression: `CREATE TABLE t (columns…, CHECK
/// (expression))` is prepared, never run, in a private in-memory database, which is how the
/// check will be used. Preparing resolves the check's names and functions, so it finds what a scan
/// cannot: syntax errors, unknown functions, wrong argument counts. Nothing is ever created, so
/// every check costs one parse however many tables the schema has. Double-quoted text is an
/// identifier only (SQLite's legacy "string literal" fallback is off), so an unknown quoted name is
/// an error here too.
final class SQLiteCheckCompiler {
    private var handle: OpaquePointer?

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

    /// SQLite's complaint about `expression` as a check of `table`, or `nil`.
    func problem(with expression: String, in table: Table) -> String? {
        let dialect = SQLiteDialect()
        guard !table.columns.isEmpty else { return nil }  // reported elsewhere
        var sql = "CREATE TABLE \(dialect.quoted(table.name)) ("
        for column in table.columns {
            sql += dialect.quoted(column.name) + " " + dialect.columnType(column.type) + ", "
        }
        sql += "CHECK (" + expression + "))"
        return prepareProblem(sql)
    }

    /// SQLite's complaint about preparing `sql`, or about text after its first statement; `nil`
    /// when it prepares as one statement (it is never run).
    func prepareProblem(_ sql: String) -> String? {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in sqlite3_prepare_v2(handle, text, -1, &statement, &tail) }
        defer { sqlite3_finalize(statement) }
        guard code == SQLITE_OK else { return String(cString: sqlite3_errmsg(handle)) }
        if let tail, !String(cString: tail).allSatisfy(\.isWhitespace) { return "it is more than one statement" }
        return nil
    }

    /// SQLite's complaint about `expression` as the expression of generated column `column` of
    /// `table` (an unknown column or function, a function that is not deterministic), or `nil`.
    func generatedProblem(with expression: String, column: String, in table: Table) -> String? {
        let dialect = SQLiteDialect()
        let columns = table.columns.map { other in
            dialect.quoted(other.name) + " " + dialect.columnType(other.type) + (other.name == column ? " GENERATED ALWAYS AS (" + expression + ") STORED" : "")
        }
        return prepareProblem("CREATE TABLE \(dialect.quoted(table.name)) (" + columns.joined(separator: ", ") + ")")
    }

    /// SQLite's complaint about `expression` as a column default, or `nil`: `SELECT (expression)`
    /// resolves its functions and finds column references; `CREATE TABLE` with it as a DEFAULT
    /// finds what SQLite refuses in a default (a value that is not constant).
    func defaultProblem(with expression: String) -> String? {
        for sql in ["SELECT (" + expression + ")", "CREATE TABLE \"t\" (\"c\" DEFAULT (" + expression + "))"] {
            if let problem = prepareProblem(sql) { return problem }
        }
        return nil
    }
}
