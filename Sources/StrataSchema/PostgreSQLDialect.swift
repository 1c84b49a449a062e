/// PostgreSQL 13 or later, with its natural types.
///
/// | Strata | PostgreSQL |
/// |---|---|
/// | uuid | uuid |
/// | string(n) / string | varchar(n) / text |
/// | text | text |
/// | int | bigint |
/// | int32, int16 | integer, smallint |
/// | double | double precision |
/// | float | real |
/// | decimal(p,s) | numeric(p,s) |
/// | bool | boolean |
/// | timestamp | timestamptz (microseconds) |
/// | date | date |
/// | time | time(3) (milliseconds, no time zone) |
/// | bytes | bytea |
/// | json | jsonb |
/// | enum | text with a CHECK constraint (see docs/enums.md) |
public struct PostgreSQLDialect: DatabaseDialect {
    public init() {}

    public var name: String { "postgres" }

    public var failedStatementAbortsTransaction: Bool { true }

    public var noLimit: String { "LIMIT ALL" }

    /// Writes return one row per changed row, which the driver counts.
    public var changedRowsClause: String { " RETURNING 1" }

    public var firstUserTableQuery: String {
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('strata_migrations', 'strata_migration_progress') LIMIT 1"
    }

    public func tableExistsQuery(_ name: String) -> String {
        "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = \(stringLiteral(name))"
    }

    public func columnNamesQuery(_ name: String) -> String {
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(stringLiteral(name)) ORDER BY ordinal_position"
    }

    public func indexNamesQuery(_ name: String) -> String {
        """
        SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = \(stringLiteral(name))
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
        ORDER BY 1
        """
    }

    public func parameter(_ number: Int) -> String { "$\(number)" }

    /// ` INCLUDE ("a", "b")`, or nothing.
    public func includeClause(_ columns: [String]) -> String { columns.isEmpty ? "" : " INCLUDE (\(quotedList(columns)))" }

    /// Every type sorts by value as stored (numeric included).
    public func orderedExpression(_ column: String, of type: ColumnType) -> String { column }

    /// PostgreSQL sorts NULLs as the largest value unless told otherwise.
    public func nullsSmallest(descending: Bool) -> String { descending ? " NULLS LAST" : " NULLS FIRST" }

    public func columnType(_ type: ColumnType) -> String {
        switch type {
        case .uuid: "uuid"
        case .string(let maxLength?): "varchar(\(maxLength))"
        case .string(nil), .text, .enumeration: "text"
        case .int: "bigint"
        case .int32: "integer"
        case .int16: "smallint"
        case .double: "double precision"
        case .float: "real"
        case .decimal(let precision, let scale): "numeric(\(precision),\(scale))"
        case .bool: "boolean"
        case .timestamp: "timestamptz"
        case .date: "date"
        case .time: "time(3)"
        case .bytes: "bytea"
        case .json: "jsonb"
        case .textualJSON: "json"
        }
    }

    /// A string literal that reads the same whatever the server's `standard_conforming_strings`:
    /// text with a backslash is written as an escape string (`E'a\\b'`), whose backslashes
    /// PostgreSQL always reads as escapes; with the setting off, a plain `'a\'` would let a
    /// backslash escape the closing quote.
    public func stringLiteral(_ text: String) -> String {
        guard text.contains("\\") else { return "'" + text.replacingAll("'", with: "''") + "'" }
        return "E'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "''") + "'"
    }

    public func literal(_ value: LiteralValue, as type: ColumnType) -> String {
        switch value {
        // A decimal's canonical text (digits, a point, a leading minus) is a numeric constant.
        case .string(let text) where type.isDecimal && DecimalText.canonical(text) == text: text
        case .string(let text): stringLiteral(text)
        case .json(let text): stringLiteral(text) + (type == .textualJSON ? "::json" : "::jsonb")
        case .int(let number): String(number)
        case .double(let number): number.description
        case .bool(let flag): flag ? "true" : "false"
        }
    }

    public func defaultExpression(_ value: ColumnDefault, for type: ColumnType) -> String {
        switch value {
        case .literal(let constant): literal(constant, as: type)
        // The date in UTC, as SQLite's date('now') (CURRENT_DATE follows the session's time zone).
        case .now where type == .date: "((now() AT TIME ZONE 'UTC')::date)"
        // The time of day in UTC, as SQLite's strftime('%H:%M:%f', 'now').
        case .now where type == .time: "((now() AT TIME ZONE 'UTC')::time(3))"
        case .now: "now()"
        case .uuid: "gen_random_uuid()"
        // Without an expression for PostgreSQL, DEFAULT NULL: no default.
        case .sql(let expression): expression.postgres.map { "(\($0))" } ?? "NULL"
        }
    }

    /// The CHECK constraints PostgreSQL needs for a column's type: only enums.
    public func typeChecks(for column: Column, in table: Table, schema: Schema) -> [CheckConstraint] {
        guard case .enumeration(let enumName) = column.type else { return [] }
        let values = schema.enumType(named: enumName)?.values ?? []
        return [
            CheckConstraint(
                name: column.enumCheckName ?? NamingConvention.check(table: table.name, label: "\(column.name)_enum"),
                expression: enumCheckExpression(column: column.name, values: values)
            )
        ]
    }

    public func render(_ statement: SchemaStatement, in schema: Schema) -> String {
        switch statement {
        case .createTable(let table, let deferred):
            var lines = table.columns.map(columnDefinition)
            lines.append("CONSTRAINT \(quoted(table.primaryKey.name)) PRIMARY KEY (\(quotedList(table.primaryKey.columns)))")
            for unique in table.uniqueConstraints {
                lines.append("CONSTRAINT \(quoted(unique.name)) UNIQUE (\(quotedList(unique.columns)))")
            }
            for column in table.columns {
                for check in typeChecks(for: column, in: table, schema: schema) {
                    lines.append("CONSTRAINT \(quoted(check.name)) CHECK (\(check.expression))")
                }
            }
            for check in table.checkConstraints {
                lines.append("CONSTRAINT \(quoted(check.name)) CHECK (\(check.expression))")
            }
            for key in table.foreignKeys where !deferred.contains(key.name) {
                lines.append("CONSTRAINT \(quoted(key.name)) \(foreignKeyClause(key))")
            }
            return createTableStatement(name: table.name, lines: lines, suffix: "")
        case .createIndex(let table, let index):
            return indexStatement(table: table, index)
        case .addForeignKey(let table, let key):
            return addForeignKeyStatement(table: table, key)
        case .comment(let table, let column, let text):
            return commentStatement(table: table, column: column, text: text)
        case .sqlObject(let object):
            return object.create[name] ?? ""
        }
    }

    /// `COMMENT ON TABLE "t" IS '…';` or `COMMENT ON COLUMN "t"."c" IS '…';` (`IS NULL` removes it).
    func commentStatement(table: String, column: String?, text: String?) -> String {
        let target = column.map { "COLUMN \(quoted(table)).\(quoted($0))" } ?? "TABLE \(quoted(table))"
        return "COMMENT ON \(target) IS \(text.map(stringLiteral) ?? "NULL");"
    }

}
