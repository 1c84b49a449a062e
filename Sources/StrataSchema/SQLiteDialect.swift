/// SQLite 3.37 or later: `STRICT` tables with the storage classes, plus CHECK constraints that keep
/// values honest where a storage class alone does not (booleans, enums, lengths, JSON).
///
/// | Strata | SQLite | stored as |
/// |---|---|---|
/// | uuid | TEXT | lowercase canonical form |
/// | string, text, enum | TEXT | |
/// | int, bool | INTEGER | bool as 0 or 1 |
/// | int32, int16 | INTEGER | checked to the type's range |
/// | double | REAL | |
/// | decimal(p,s) | TEXT | canonical decimal text (`12.5`), checked to the shape, precision and scale |
/// | float | REAL | checked to `Float`'s finite range (a 32-bit value is exact as a double) |
/// | timestamp | TEXT | `YYYY-MM-DD HH:MM:SS.SSS` in UTC (GRDB's format; sorts as time) |
/// | date | TEXT | `YYYY-MM-DD` |
/// | time | TEXT | `HH:MM:SS.SSS` (sorts as time) |
/// | bytes | BLOB | |
/// | json (any `postgres_type`) | TEXT | checked by `json_valid` |
///
/// Unique constraints are created as named unique indexes, so they can be introspected and dropped
/// without rebuilding the table.
public struct SQLiteDialect: DatabaseDialect {
    public init() {}

    public var name: String { "sqlite" }

    public var failedStatementAbortsTransaction: Bool { false }

    public var noLimit: String { "LIMIT -1" }

    /// The driver reads `sqlite3_changes`.
    public var changedRowsClause: String { "" }

    public var firstUserTableQuery: String {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('strata_migrations', 'strata_migration_progress') LIMIT 1"
    }

    public func tableExistsQuery(_ name: String) -> String {
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = \(stringLiteral(name))"
    }

    public func columnNamesQuery(_ name: String) -> String {
        "SELECT name FROM pragma_table_xinfo(\(stringLiteral(name))) ORDER BY cid"
    }

    public func indexNamesQuery(_ name: String) -> String {
        "SELECT name FROM pragma_index_list(\(stringLiteral(name))) WHERE origin = 'c' ORDER BY name"
    }

    public func parameter(_ number: Int) -> String { "?\(number)" }

    /// SQLite already sorts NULLs as the smallest value.
    public func nullsSmallest(descending: Bool) -> String { "" }

    /// SQLite has no `INCLUDE`: the index holds its keys only.
    public func includeClause(_ columns: [String]) -> String { "" }

    /// A decimal's text compared as a REAL: numeric order, exact for numbers of up to 15
    /// significant digits (equality compares the canonical text, exact for every precision).
    public func orderedExpression(_ column: String, of type: ColumnType) -> String {
        type.isDecimal ? "CAST(\(column) AS REAL)" : column
    }

    /// `INTEGER PRIMARY KEY` makes the column the rowid, which SQLite assigns when an insert
    /// leaves it out; `AUTOINCREMENT` keeps the ids of deleted rows from being assigned again
    /// (as PostgreSQL's sequences never do). Both must be written on the column.
    public func autoIncrementClause(primaryKey: PrimaryKey?) -> String {
        (primaryKey.map { "CONSTRAINT \(quoted($0.name)) " } ?? "") + "PRIMARY KEY AUTOINCREMENT"
    }

    public var autoIncrementCarriesPrimaryKey: Bool { true }

    /// SQLite's views have no column types: the definition carries a note of them.
    public var keepsViewColumnTypesInDefinition: Bool { true }

    /// The expression SQLite evaluates for `default: uuid`: a random version-4 UUID in lowercase.
    public static let randomUUIDExpression =
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

    /// The expression SQLite evaluates for a timestamp's `default: now`, in the stored format.
    public static let currentTimestampExpression = "strftime('%Y-%m-%d %H:%M:%f', 'now')"

    public func columnType(_ type: ColumnType) -> String {
        switch type {
        case .int, .int32, .int16, .bool: "INTEGER"
        case .double, .float: "REAL"
        case .bytes: "BLOB"
        case .uuid, .string, .text, .timestamp, .date, .time, .json, .textualJSON, .enumeration, .decimal: "TEXT"
        }
    }

    public func literal(_ value: LiteralValue, as type: ColumnType) -> String {
        switch value {
        case .string(let text), .json(let text): stringLiteral(text)
        case .int(let number): String(number)
        case .double(let number): number.description
        case .bool(let flag): flag ? "1" : "0"
        }
    }

    public func defaultExpression(_ value: ColumnDefault, for type: ColumnType) -> String {
        switch value {
        case .literal(let constant): literal(constant, as: type)
        case .now where type == .date: "(date('now'))"
        case .now where type == .time: "(strftime('%H:%M:%f', 'now'))"
        case .now: "(\(Self.currentTimestampExpression))"
        case .uuid: "(\(Self.randomUUIDExpression))"
        // Without an expression for SQLite, DEFAULT NULL: no default.
        case .sql(let expression): expression.sqlite.map { "(\($0))" } ?? "NULL"
        }
    }

    /// The range check of a `float` column: `Float`'s finite values (`Float` values are exact as
    /// SQLite's 64-bit REAL, so nothing else is checked).
    static func floatRangeExpression(_ quotedName: String) -> String {
        let bound = Double(Float.greatestFiniteMagnitude).description
        return "\(quotedName) BETWEEN -\(bound) AND \(bound)"
    }

    /// The check of a `time` column: `HH:MM:SS.SSS` from 00:00:00.000 to 23:59:59.999, which
    /// sorts as time.
    static func timeShapeExpression(_ x: String) -> String {
        "\(x) GLOB '[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]' AND \(x) < '24'"
    }

    /// The check of a `decimal(precision, scale)` column: its text is a decimal number in the
    /// canonical form (`DecimalText`: one leading `-` at most, digits, no leading zeros, a point
    /// only before a fraction that does not end in 0, not `-0`) with at most `precision - scale`
    /// digits before the point and `scale` after it. Text keeps every digit (a REAL would round
    /// past 15 digits, and NUMERIC affinity makes fractions REALs); the canonical form makes
    /// equal numbers equal text.
    static func decimalShapeExpression(_ x: String, precision: Int, scale: Int) -> String {
        let unsigned = "ltrim(\(x), '-')"
        return [
            "length(\(x)) - length(\(unsigned)) <= 1",
            "\(unsigned) GLOB '[0-9]*'",
            "\(unsigned) NOT GLOB '*[^0-9.]*'",
            "\(unsigned) NOT GLOB '0[0-9]*'",
            "\(unsigned) NOT GLOB '*.*.*'",
            "\(x) NOT GLOB '*.'",
            "\(x) NOT GLOB '*.*0'",
            "\(x) <> '-0'",
            "instr(\(unsigned) || '.', '.') - 1 <= \(precision - scale)",
            "length(\(unsigned)) - instr(\(unsigned) || '.', '.') <= \(scale)",
        ].joined(separator: " AND ")
    }

    /// The precision and scale of a `decimal` column whose check reads `expression`, if it is
    /// the check `decimalShapeExpression` writes.
    static func decimalType(ofCheck expression: String, column x: String) -> ColumnType? {
        // The last two comparisons are `… <= whole digits` and `… <= scale`.
        let tokens = expression.split(separator: " ")
        let bounds = tokens.indices.filter { tokens[$0] == "<=" && $0 + 1 < tokens.count }.suffix(2)
        guard bounds.count == 2, let whole = Int(tokens[bounds.first! + 1]), let scale = Int(tokens[bounds.last! + 1]) else { return nil }
        let precision = whole + scale
        guard ColumnType.decimalPrecisions.contains(precision), scale >= 0,
              expression == decimalShapeExpression(x, precision: precision, scale: scale) else { return nil }
        return .decimal(precision: precision, scale: scale)
    }

    /// The CHECK constraints SQLite needs for a column's type, beyond what `STRICT` enforces.
    public func typeChecks(for column: Column, in table: Table, schema: Schema) -> [CheckConstraint] {
        let name = quoted(column.name)
        func check(_ label: String, _ expression: String) -> CheckConstraint {
            CheckConstraint(
                name: NamingConvention.check(table: table.name, label: "\(column.name)_\(label)"),
                expression: expression
            )
        }
        switch column.type {
        case .bool:
            return [check("bool", "\(name) IN (0, 1)")]
        case .string(let maxLength?):
            return [check("length", "length(\(name)) <= \(maxLength)")]
        case .int32, .int16:
            let range = column.type.integerRange!
            return [check("range", "\(name) BETWEEN \(range.lowerBound) AND \(range.upperBound)")]
        case .float:
            return [check("range", Self.floatRangeExpression(name))]
        case .time:
            return [check("time", Self.timeShapeExpression(name))]
        case .decimal(let precision, let scale):
            return [check("decimal", Self.decimalShapeExpression(name, precision: precision, scale: scale))]
        case .json, .textualJSON:
            // SQLite 3.40's json_valid(NULL) is 0, not NULL, so a nullable column must allow NULL itself.
            return [check("json", column.isNullable ? "\(name) IS NULL OR json_valid(\(name))" : "json_valid(\(name))")]
        case .enumeration(let enumName):
            let values = schema.enumType(named: enumName)?.values ?? []
            let enumCheck = CheckConstraint(name: column.enumCheckName ?? NamingConvention.check(table: table.name, label: "\(column.name)_enum"),
                                            expression: enumCheckExpression(column: column.name, values: values))
            return [enumCheck]
        case .uuid, .string, .text, .int, .double, .timestamp, .date, .bytes:
            return []
        }
    }

    public func render(_ statement: SchemaStatement, in schema: Schema) -> String {
        switch statement {
        case .createTable(let table, _):
            // SQLite accepts references to tables created later, so nothing is deferred.
            return createTableSQL(table, in: schema, as: table.name)
        case .createIndex(let table, let index):
            return indexStatement(table: table, index)
        case .addForeignKey:
            // Never produced for SQLite: `createTable` keeps every foreign key inline.
            return "-- SQLite keeps every foreign key in CREATE TABLE."
        case .comment:
            return ""  // SQLite keeps no comments
        case .sqlObject(let object):
            return object.create[name] ?? ""
        }
    }

    /// `CREATE TABLE` for `table` under the name `name` (a rebuild creates it under a temporary
    /// name), followed by its unique constraints as unique indexes unless a rebuild creates them
    /// after the rename.
    func createTableSQL(_ table: Table, in schema: Schema, as name: String, withUniqueIndexes: Bool = true) -> String {
        var lines = columnAndKeyLines(table)
        for column in table.columns {
            for check in typeChecks(for: column, in: table, schema: schema) {
                lines.append("CONSTRAINT \(quoted(check.name)) CHECK (\(check.expression))")
            }
        }
        for check in table.checkConstraints {
            lines.append("CONSTRAINT \(quoted(check.name)) CHECK (\(check.expression))")
        }
        for key in table.foreignKeys {
            lines.append("CONSTRAINT \(quoted(key.name)) \(foreignKeyClause(key))")
        }
        var text = createTableStatement(name: name, lines: lines, suffix: " STRICT")
        for unique in table.uniqueConstraints where withUniqueIndexes {
            text += "\n" + indexStatement(table: table.name, Index(name: unique.name, columns: unique.columns, isUnique: true))
        }
        return text
    }

}
