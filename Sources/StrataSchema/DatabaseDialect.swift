/// One SQL database's way of writing Strata's schema: types, literals, defaults and DDL.
///
/// Every difference between SQLite and PostgreSQL lives in one conforming type per dialect
/// (`SQLiteDialect`, `PostgreSQLDialect`); nothing else in Strata asks which database it talks to.
public protocol DatabaseDialect: Sendable {
    /// The dialect's short name (`sqlite`, `postgres`), used in file names and messages.
    var name: String { get }
    /// Whether a statement that fails inside a transaction makes the whole transaction fail
    /// (PostgreSQL: every later statement is refused until `ROLLBACK`), rather than undoing only
    /// that statement (SQLite). Operations that must leave nothing behind without a savepoint
    /// order their statements by it.
    var failedStatementAbortsTransaction: Bool { get }
    /// The SQL text of one statement, ending with `;`.
    /// - Parameters:
    ///   - statement: The statement to render.
    ///   - schema: The schema the statement belongs to (for enum values).
    func render(_ statement: SchemaStatement, in schema: Schema) -> String
    /// The dialect's spelling of a column's type.
    func columnType(_ type: ColumnType) -> String
    /// `text` as an SQL string literal that the database reads back as exactly `text`.
    func stringLiteral(_ text: String) -> String
    /// The dialect's SQL for a constant of the given column type.
    func literal(_ value: LiteralValue, as type: ColumnType) -> String
    /// The dialect's default expression for a column.
    func defaultExpression(_ value: ColumnDefault, for type: ColumnType) -> String
    /// The typed steps that run one migration operation: each statement with the table it
    /// locks, the lock, what it does to the rows, and where it runs relative to transactions.
    /// - Parameters:
    ///   - operation: The operation.
    ///   - before: The schema just before the operation.
    ///   - after: The schema just after it (`before.applying(operation)`).
    ///   - context: The locking asked for, and the tables the migration created before it.
    func planSteps(for operation: MigrationOperation, before: Schema, after: Schema, context: PlanContext) -> [PlanStep]
    /// What the dialect offers migrations: its transaction and lock statements, and which
    /// lock-aware forms it has.
    var migrationCapabilities: MigrationCapabilities { get }
    /// Word sequences of statements that cannot run inside a transaction, with what to call them.
    var nonTransactionalStatements: [(words: [String], name: String)] { get }
    /// A query whose one row says whether the index `name` exists and is valid (`t`/`f`; no row:
    /// it does not exist); `nil` where indexes are never built outside a transaction.
    func indexValidityQuery(_ name: String) -> String?
    /// The statement that drops the index `name` if it exists, left invalid by a concurrent build
    /// that failed or was interrupted; `nil` where there are no such builds.
    func dropLeftoverIndexStatement(_ name: String) -> String?
    /// A query listing the other sessions holding a lock on `table` (process id, lock mode,
    /// state, query), for the message of a migration that timed out waiting; `nil` where the
    /// dialect cannot tell.
    func lockHoldersQuery(table: String) -> String?
    /// A query that returns one row when table `name` exists (in the current schema) and none otherwise.
    func tableExistsQuery(_ name: String) -> String
    /// A query whose rows are the names of the columns the table `name` has now.
    func columnNamesQuery(_ name: String) -> String
    /// A query whose rows are the names of the indexes created on the table `name` by
    /// `CREATE INDEX` (not those of its key and unique constraints).
    func indexNamesQuery(_ name: String) -> String
    /// A query that returns one row when the database (its current schema) holds a table other
    /// than the dialect's own and `strata_migrations`, and none otherwise.
    var firstUserTableQuery: String { get }
    /// The LIMIT clause that limits nothing, for an OFFSET without a LIMIT (SQLite requires one).
    var noLimit: String { get }
    /// What the repository's `INSERT`, `UPDATE` and `DELETE` statements end with so that the
    /// driver can count the rows they change: ` RETURNING 1` on PostgreSQL (its driver counts the
    /// rows returned: PostgresNIO 1.33.2 traps when a prepared statement's command tag is read),
    /// empty on SQLite (`sqlite3_changes`).
    var changedRowsClause: String { get }
    /// The placeholder of statement parameter `number` (1-based): `?1` on SQLite, `$1` on PostgreSQL.
    func parameter(_ number: Int) -> String
    /// The ORDER BY suffix that makes NULLs sort as the smallest value (first ascending, last
    /// descending) for a nullable column; empty where that is already the dialect's behaviour.
    func nullsSmallest(descending: Bool) -> String
    /// What follows an index's keys for the columns it only stores (`include:`): PostgreSQL's
    /// ` INCLUDE ("a")`; empty where the dialect has no such clause (SQLite, where the index is
    /// then an index of its keys).
    func includeClause(_ columns: [String]) -> String
    /// The expression that orders column `column` (already quoted) of `type` by value, for
    /// `<`, `>`, keyset paging and `ORDER BY`: the column itself, except where the stored form
    /// does not sort as the value (SQLite's decimal text).
    func orderedExpression(_ column: String, of type: ColumnType) -> String
    /// What follows an `auto_increment` column's type and `NOT NULL`: PostgreSQL's
    /// `GENERATED BY DEFAULT AS IDENTITY`; SQLite's `CONSTRAINT "pk_t" PRIMARY KEY AUTOINCREMENT`,
    /// which must be written on the column (`autoIncrementCarriesPrimaryKey`).
    func autoIncrementClause(primaryKey: PrimaryKey?) -> String
    /// Whether `autoIncrementClause` declares the table's primary key, so that `CREATE TABLE` has
    /// no `PRIMARY KEY` line of its own for a table with an `auto_increment` column.
    var autoIncrementCarriesPrimaryKey: Bool { get }
    /// Whether a view's definition must carry its columns' schema types (as a comment, which
    /// SQLite keeps and `strata pull` reads), because the catalog does not (SQLite's views have
    /// no column types; PostgreSQL's catalog has them).
    var keepsViewColumnTypesInDefinition: Bool { get }
}

extension DatabaseDialect {
    /// What makes `statement` impossible inside a transaction, if anything (`CONCURRENTLY`).
    public func nonTransactionalReason(_ statement: String) -> String? {
        let words = statement.uppercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" || $0 == "(" })
        func has(_ sequence: [String]) -> Bool {
            guard words.count >= sequence.count else { return false }
            return (0...(words.count - sequence.count)).contains { start in sequence.indices.allSatisfy { words[start + $0] == sequence[$0] } }
        }
        return nonTransactionalStatements.first { has($0.words) }?.name
    }
}

extension DatabaseDialect {
    /// `name` quoted as an SQL identifier (both dialects use double quotes).
    public func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A comma-separated list of quoted identifiers.
    public func quotedList(_ identifiers: [String]) -> String {
        identifiers.map(quoted).joined(separator: ", ")
    }

    /// `text` as a standard SQL string literal, quotes doubled (backslashes are plain characters).
    public func stringLiteral(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }

    /// A one-line `--` comment holding `text`, with line breaks and control characters escaped so
    /// that nothing in it can end the comment and become a statement.
    public func comment(_ text: String) -> String {
        "-- " + ControlCharacters.escaped(text)
    }

    /// The SQL that creates `schema` in an empty database, one text per statement, without the
    /// statements this dialect renders as nothing (comments on SQLite, an SQL object without SQL
    /// for it).
    public func createSQL(for schema: Schema) -> [String] {
        schema.createStatements().map { render($0, in: schema) }.filter { !$0.isEmpty }
    }

    /// The complete create script of `schema`: a header, one transaction, every statement.
    public func createScript(for schema: Schema, header: String) -> String {
        var text = header
        text += "\nBEGIN;\n"
        for sql in createSQL(for: schema) { text += "\n" + sql + "\n" }
        text += "\nCOMMIT;\n"
        return text
    }

    /// The `CHECK` expression that keeps an enum column's values within the enum.
    func enumCheckExpression(column: String, values: [String]) -> String {
        "\(quoted(column)) IN (\(values.map(stringLiteral).joined(separator: ", ")))"
    }

    /// A column's definition in `CREATE TABLE` and `ADD COLUMN`: name, type, `NOT NULL`, `DEFAULT`
    /// (the same shape on both dialects; types and defaults come from the dialect).
    func columnDefinition(_ column: Column, primaryKey: PrimaryKey? = nil) -> String {
        var text = "\(quoted(column.name)) \(storageType(of: column))"
        if !column.isNullable { text += " NOT NULL" }
        if column.isAutoIncrement { text += " " + autoIncrementClause(primaryKey: primaryKey) }
        if let expression = column.generatedExpression?.text(for: name) {
            // Both dialects: computed on every write and stored (PostgreSQL 15 has no VIRTUAL).
            return text + " GENERATED ALWAYS AS (\(expression)) STORED"
        }
        if let value = column.defaultValue, value.exists(in: name) { text += " DEFAULT \(defaultExpression(value, for: column.type))" }
        return text
    }

    /// The steps of hand-written SQL for this dialect: one per statement of the script (split
    /// here, when the plan is made, so no driver parses SQL), each in the migration's transaction
    /// unless it cannot run in one (`CONCURRENTLY`, `VACUUM`, …), then a unit of its own.
    func handWrittenSteps(_ raw: RawSQL) -> [PlanStep] {
        guard let script = raw.upgrade[name] else { return [] }
        return SQLScript.statements(in: script).map { sql in
            let placement: TransactionPlacement = nonTransactionalReason(sql) == nil ? .inTransaction : .outsideTransaction
            return .statement(PlannedStatement(sql, table: nil, lock: .unknown, work: .catalogOnly, placement: placement, purpose: .handWritten))
        }
    }

    /// `FOREIGN KEY (…) REFERENCES … [ON DELETE …] [ON UPDATE …]`.
    func foreignKeyClause(_ key: ForeignKey) -> String {
        var clause = "FOREIGN KEY (\(quotedList(key.columns))) REFERENCES \(quoted(key.referencedTable)) (\(quotedList(key.referencedColumns)))"
        if key.onDelete != .noAction { clause += " ON DELETE \(key.onDelete.sql)" }
        if key.onUpdate != .noAction { clause += " ON UPDATE \(key.onUpdate.sql)" }
        return clause
    }

    func indexStatement(table: String, _ index: Index, concurrently: Bool = false) -> String {
        let unique = index.isUnique ? "UNIQUE " : ""
        let condition = index.predicate.map { " WHERE \($0)" } ?? ""
        return "CREATE \(unique)INDEX \(concurrently ? "CONCURRENTLY " : "")\(quoted(index.name)) ON \(quoted(table)) (\(indexKeys(index).joined(separator: ", ")))\(includeClause(index.includedColumns))\(condition);"
    }

    /// The keys of an index as SQL: its columns (`"a" DESC`), then its expressions in parentheses.
    func indexKeys(_ index: Index) -> [String] {
        index.columns.map { quoted($0) + (index.descendingColumns.contains($0) ? " DESC" : "") } + index.expressions.map { "(\($0))" }
    }

    func addForeignKeyStatement(table: String, _ key: ForeignKey) -> String {
        "ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(key.name)) \(foreignKeyClause(key));"
    }

    /// The SQL type a column is created with (`Column.storedType` in this dialect's words).
    public func storageType(of column: Column) -> String {
        columnType(column.storedType)
    }

    /// The lines of `CREATE TABLE` that declare the columns and the primary key.
    func columnAndKeyLines(_ table: Table) -> [String] {
        var lines = table.columns.map { columnDefinition($0, primaryKey: table.primaryKey) }
        if !(autoIncrementCarriesPrimaryKey && table.columns.contains(where: \.isAutoIncrement)) {
            lines.append("CONSTRAINT \(quoted(table.primaryKey.name)) PRIMARY KEY (\(quotedList(table.primaryKey.columns)))")
        }
        return lines
    }

    /// A `CREATE TABLE` statement from column lines and constraint lines.
    func createTableStatement(name: String, lines: [String], suffix: String) -> String {
        "CREATE TABLE \(quoted(name)) (\n" + lines.map { "    " + $0 }.joined(separator: ",\n") + "\n)\(suffix);"
    }
}

extension ReferentialAction {
    /// The SQL spelling shared by both dialects.
    public var sql: String {
        switch self {
        case .cascade: "CASCADE"
        case .setNull: "SET NULL"
        case .restrict: "RESTRICT"
        case .noAction: "NO ACTION"
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
