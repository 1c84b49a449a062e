extension PostgreSQLDialect {
    /// The statements for one operation: plain `ALTER TABLE`, all of them transactional in
    /// PostgreSQL, with `USING` casts for type changes. Enums are CHECK constraints, so altering
    /// one rewrites the CHECK of each column that uses it (see docs/enums.md).
    public func migrationStatements(for operation: MigrationOperation, before: Schema, after: Schema) -> [String] {
        switch operation {
        case .createTable(let table):
            return [render(.createTable(table, deferredForeignKeys: []), in: after)] + table.indexes.map { indexStatement(table: table.name, $0) }
        case .dropTable(let table):
            return ["DROP TABLE \(quoted(table.name));"]
        case .renameTable(let from, let to):
            var statements = ["ALTER TABLE \(quoted(from)) RENAME TO \(quoted(to));"]
            // The CHECKs Strata derives from enum columns carry the table's name.
            if let old = before.table(named: from), let new = after.table(named: to) {
                for (oldColumn, newColumn) in zip(old.columns, new.columns) {
                    for (oldCheck, newCheck) in zip(typeChecks(for: oldColumn, in: old, schema: before), typeChecks(for: newColumn, in: new, schema: after)) where oldCheck.name != newCheck.name {
                        statements.append("ALTER TABLE \(quoted(to)) RENAME CONSTRAINT \(quoted(oldCheck.name)) TO \(quoted(newCheck.name));")
                    }
                }
            }
            return statements
        case .addColumn(let table, let column):
            var statements = ["ALTER TABLE \(quoted(table)) ADD COLUMN \(columnDefinition(column));"]
            if let owner = after.table(named: table) {
                statements += typeChecks(for: column, in: owner, schema: after).map { addCheckStatement(table: table, $0) }
            }
            return statements
        case .dropColumn(let table, let column):
            return ["ALTER TABLE \(quoted(table)) DROP COLUMN \(quoted(column.name));"]
        case .renameColumn(let tableName, let from, let to):
            var statements = ["ALTER TABLE \(quoted(tableName)) RENAME COLUMN \(quoted(from)) TO \(quoted(to));"]
            if let old = before.table(named: tableName), let oldColumn = old.column(named: from),
               let new = after.table(named: tableName), let newColumn = new.column(named: to) {
                for (oldCheck, newCheck) in zip(typeChecks(for: oldColumn, in: old, schema: before), typeChecks(for: newColumn, in: new, schema: after)) where oldCheck.name != newCheck.name {
                    statements.append("ALTER TABLE \(quoted(tableName)) RENAME CONSTRAINT \(quoted(oldCheck.name)) TO \(quoted(newCheck.name));")
                }
            }
            return statements
        case .alterColumn(let tableName, let from, let to):
            return alterColumnStatements(tableName, from: from, to: to, before: before, after: after)
        case .alterPrimaryKey(let table, let from, let to):
            return [
                "ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(quoted(from.name));",
                "ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(to.name)) PRIMARY KEY (\(quotedList(to.columns)));",
            ]
        case .createIndex(let table, let index):
            return [indexStatement(table: table, index)]
        case .dropIndex(_, let index):
            return ["DROP INDEX \(quoted(index.name));"]
        case .addUnique(let table, let constraint):
            return ["ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(constraint.name)) UNIQUE (\(quotedList(constraint.columns)));"]
        case .dropUnique(let table, let constraint):
            return ["ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(quoted(constraint.name));"]
        case .dropCheck(let table, let constraint):
            return ["ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(quoted(constraint.name));"]
        case .addCheck(let table, let constraint):
            return [addCheckStatement(table: table, constraint)]
        case .addForeignKey(let table, let key):
            return [addForeignKeyStatement(table: table, key)]
        case .dropForeignKey(let table, let key):
            return ["ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(quoted(key.name));"]
        case .createEnum, .dropEnum:
            return []
        case .alterEnum(let from, _, let renames):
            var statements: [String] = []
            for table in after.tables {
                for column in table.columns where column.type == .enumeration(from.name) {
                    let oldChecks = typeChecks(for: column, in: table, schema: before)
                    for check in oldChecks {
                        statements.append("ALTER TABLE \(quoted(table.name)) DROP CONSTRAINT \(quoted(check.name));")
                    }
                    for rename in renames {
                        statements.append("UPDATE \(quoted(table.name)) SET \(quoted(column.name)) = \(stringLiteral(rename.to)) WHERE \(quoted(column.name)) = \(stringLiteral(rename.from));")
                    }
                    statements += typeChecks(for: column, in: table, schema: after).map { addCheckStatement(table: table.name, $0) }
                }
            }
            return statements
        case .sql(let raw):
            return raw.upgrade[name].map { [$0] } ?? []
        }
    }

    /// `BEGIN` … `COMMIT` (the runner also takes the advisory lock).
    public func migrationTransaction(_ body: [String]) -> [String] {
        ["BEGIN;"] + body + ["COMMIT;"]
    }

    public var nonTransactionalStatements: [(words: [String], name: String)] {
        [(["CONCURRENTLY"], "CONCURRENTLY"), (["VACUUM"], "VACUUM"), (["CREATE", "DATABASE"], "CREATE/DROP DATABASE"),
         (["DROP", "DATABASE"], "CREATE/DROP DATABASE"), (["ALTER", "SYSTEM"], "ALTER SYSTEM")]
    }

    func addCheckStatement(table: String, _ check: CheckConstraint) -> String {
        "ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(check.name)) CHECK (\(check.expression));"
    }

    func alterColumnStatements(_ tableName: String, from: Column, to: Column, before: Schema, after: Schema) -> [String] {
        let table = quoted(tableName)
        let column = quoted(to.name)
        var statements: [String] = []
        let oldChecks = before.table(named: tableName).map { typeChecks(for: from, in: $0, schema: before) } ?? []
        let newChecks = after.table(named: tableName).map { typeChecks(for: to, in: $0, schema: after) } ?? []
        for check in oldChecks where !newChecks.contains(check) {
            statements.append("ALTER TABLE \(table) DROP CONSTRAINT \(quoted(check.name));")
        }
        let typeChanged = columnType(from.type) != columnType(to.type)
        if from.defaultValue != nil, typeChanged || to.defaultValue == nil {
            statements.append("ALTER TABLE \(table) ALTER COLUMN \(column) DROP DEFAULT;")
        }
        if typeChanged {
            statements.append("ALTER TABLE \(table) ALTER COLUMN \(column) TYPE \(columnType(to.type)) USING \(castExpression(column, from: from.type, to: to.type));")
        }
        if let value = to.defaultValue, typeChanged || value != from.defaultValue {
            statements.append("ALTER TABLE \(table) ALTER COLUMN \(column) SET DEFAULT \(defaultExpression(value, for: to.type));")
        }
        if from.isNullable != to.isNullable {
            statements.append("ALTER TABLE \(table) ALTER COLUMN \(column) \(to.isNullable ? "DROP" : "SET") NOT NULL;")
        }
        for check in newChecks where !oldChecks.contains(check) {
            statements.append(addCheckStatement(table: tableName, check))
        }
        return statements
    }

    /// The `USING` expression converting a column's values to a new type, with the same result
    /// as `SQLiteDialect.conversionExpression` (docs/migrations.md has the table).
    func castExpression(_ column: String, from: ColumnType, to: ColumnType) -> String {
        switch (from, to) {
        case (.int, .bool), (.int32, .bool), (.int16, .bool): "\(column) <> 0"
        // Toward zero, like Swift's Int(_: Double) and SQLite's CAST (PostgreSQL's cast rounds).
        case (.double, .int), (.double, .int32), (.double, .int16): "trunc(\(column))::\(columnType(to))"
        // The date in UTC, whatever the session's time zone.
        case (.timestamp, .date): "(\(column) AT TIME ZONE 'UTC')::date"
        case (.bool, .int), (.bool, .int32), (.bool, .int16): "CASE WHEN \(column) THEN 1 ELSE 0 END"
        case (.json, _): "\(column)::text::\(columnType(to))"
        // Text holding JSON (as tables made before Strata keep it) is parsed, as SQLite's
        // json_valid check reads it; text that is not JSON fails the migration on both.
        case (.text, .json), (.string, .json): "\(column)::jsonb"
        case (_, .json): "to_jsonb(\(column))"
        case (.string, .int), (.text, .int), (.enumeration, .int), (.string, .int32), (.text, .int32), (.enumeration, .int32),
             (.string, .int16), (.text, .int16), (.enumeration, .int16): "trim(\(column))::\(columnType(to))"
        default: "\(column)::\(columnType(to))"
        }
    }
}
