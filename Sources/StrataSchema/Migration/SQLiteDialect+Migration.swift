extension SQLiteDialect {
    /// The name a table is rebuilt under before it replaces the original.
    public static let rebuildPrefix = "_strata_rebuild_"

    /// The steps of one operation. SQLite 3.40 alters in place where it can (create, drop
    /// and rename tables, rename columns, indexes); everything else rebuilds the table: create the
    /// new definition under a temporary name, copy the rows (converting changed types the way
    /// `CAST` does), drop the old table, rename, recreate its indexes. The runner keeps foreign
    /// keys off during the migration and runs `PRAGMA foreign_key_check` before committing.
    /// Every step runs in the migration's one transaction, under the database's writer lock
    /// (`context.locking` changes nothing: SQLite has one writer, and readers keep their snapshot).
    public func planSteps(for operation: MigrationOperation, before: Schema, after: Schema, context: PlanContext) -> [PlanStep] {
        switch operation {
        case .createTable(let table):
            return [step(createTableSQL(table, in: after, as: table.name), table.name)] + table.indexes.map { step(indexStatement(table: table.name, $0), table.name) }
        case .dropTable(let table):
            return [step("DROP TABLE \(quoted(table.name));", table.name)]
        case .renameTable(let from, let to):
            // Rename natively first: SQLite (3.26+) rewrites the foreign keys of other tables that
            // reference it. Then rebuild in place, because the constraint names inside CREATE TABLE
            // carry the table's name.
            guard var old = before.table(named: from), let new = after.table(named: to) else { return [] }
            old.name = to
            return [step("ALTER TABLE \(quoted(from)) RENAME TO \(quoted(to));", from)] + rebuild(from: old, to: new, before: before, after: after)
        case .renameColumn(let table, let from, let to):
            // The CHECKs Strata derives from a column's type carry its name: rebuild to rename them.
            // Rename natively (SQLite rewrites indexes, checks and other tables' foreign keys), then
            // rebuild if CHECK names derived from the column's name must follow.
            let rename = step("ALTER TABLE \(quoted(table)) RENAME COLUMN \(quoted(from)) TO \(quoted(to));", table)
            if let owner = after.table(named: table), let column = owner.column(named: to), !typeChecks(for: column, in: owner, schema: after).isEmpty,
               var old = before.table(named: table), let position = old.columns.firstIndex(where: { $0.name == from }) {
                old.columns[position].name = to
                return [rename] + rebuild(from: old, to: owner, before: before, after: after)
            }
            return [rename]
        case .createIndex(let table, let index):
            return [step(indexStatement(table: table, index), table, work(on: table, context, .scansTable))]
        case .dropIndex(let table, let index):
            return [step("DROP INDEX \(quoted(index.name));", table)]
        case .addUnique(let table, let constraint):
            return [step(indexStatement(table: table, Index(name: constraint.name, columns: constraint.columns, isUnique: true)), table, work(on: table, context, .scansTable))]
        case .dropUnique(let table, let constraint):
            return [step("DROP INDEX \(quoted(constraint.name));", table)]
        case .addColumn(let table, let column) where canAddInPlace(column, table: table, schema: after):
            return [step("ALTER TABLE \(quoted(table)) ADD COLUMN \(columnDefinition(column));", table)]
        case .addColumn(let table, _), .dropColumn(let table, _), .alterPrimaryKey(let table, _, _),
             .addCheck(let table, _), .dropCheck(let table, _), .addForeignKey(let table, _), .dropForeignKey(let table, _):
            return rebuild(table, before: before, after: after)
        case .alterColumn(let table, let from, let to):
            if from.type == to.type, from.isNullable == to.isNullable, from.defaultValue == to.defaultValue, from.isAutoIncrement == to.isAutoIncrement,
               from.generatedExpression == to.generatedExpression {
                return []  // only `on_update`, which the repository applies
            }
            let name = quoted(to.name)
            if let old = before.table(named: table), let new = after.table(named: table), columnDefinition(from) == columnDefinition(to),
               conversionExpression(name, from: from.type, to: to.type) == name,
               typeChecks(for: from, in: old, schema: before) == typeChecks(for: to, in: new, schema: after) {
                return []  // stored alike on SQLite (`json` with another `postgres_type`)
            }
            return rebuild(table, before: before, after: after)
        case .createEnum, .dropEnum:
            return []  // enums are CHECK constraints on the columns that use them
        case .alterTableComment:
            return []  // SQLite keeps no comments
        case .alterEnum(let from, _, let renames):
            var steps: [PlanStep] = []
            for table in after.tables where table.columns.contains(where: { $0.type == .enumeration(from.name) }) {
                steps += rebuild(table.name, before: before, after: after, enumRenames: renames, enumName: from.name)
            }
            return steps
        case .sql(let raw):
            return handWrittenSteps(raw)
        case .createSQLObject(let object):
            return handWrittenSteps(object.creation)
        case .dropSQLObject(let object):
            return handWrittenSteps(object.creation.reversed)
        }
    }

    /// Foreign keys off around the transaction, `BEGIN IMMEDIATE` (the writer lock, so concurrent
    /// runners queue), and `PRAGMA foreign_key_check` before `COMMIT`, as
    /// `SQLiteMigrationConnection` does. No session lock and no lock timeout: one migration is
    /// one transaction.
    public var migrationCapabilities: MigrationCapabilities {
        MigrationCapabilities(
            transactionStart: ["PRAGMA foreign_keys = OFF;", "BEGIN IMMEDIATE;"],
            transactionEnd: ["PRAGMA foreign_key_check;", "COMMIT;", "PRAGMA foreign_keys = ON;"]
        )
    }

    /// Indexes are built in the migration's transaction: never left invalid.
    public func indexValidityQuery(_ name: String) -> String? { nil }

    /// Indexes are built in the migration's transaction: never left invalid.
    public func dropLeftoverIndexStatement(_ name: String) -> String? { nil }

    /// SQLite has one writer lock and does not say who holds it.
    public func lockHoldersQuery(table: String) -> String? { nil }

    /// A statement under the writer lock that changes the catalog only.
    func step(_ sql: String, _ table: String, _ work: RowWork = .catalogOnly) -> PlanStep {
        .statement(PlannedStatement(sql, table: table, lock: .databaseWriter, work: work))
    }

    /// `work`, or catalog only on a table the migration created.
    func work(on table: String, _ context: PlanContext, _ work: RowWork) -> RowWork {
        context.newTables.contains(table) ? .catalogOnly : work
    }

    public var nonTransactionalStatements: [(words: [String], name: String)] {
        [(["VACUUM"], "VACUUM"), (["PRAGMA", "JOURNAL_MODE"], "PRAGMA journal_mode")]
    }

    /// Whether `ALTER TABLE … ADD COLUMN` can add the column: no CHECK that SQLite would have to
    /// verify, and a constant default or NULL (SQLite's own limits).
    func canAddInPlace(_ column: Column, table: String, schema: Schema) -> Bool {
        // SQLite adds only VIRTUAL generated columns in place; Strata's are STORED.
        guard !column.isAutoIncrement, !column.isGenerated, let owner = schema.table(named: table), typeChecks(for: column, in: owner, schema: schema).isEmpty else { return false }
        switch column.defaultValue {
        case nil: return column.isNullable
        case .literal: return true
        case .now, .uuid, .sql: return false  // SQLite adds only constant defaults in place
        }
    }

    /// The expression that converts a column's values from `from` to `to` while a rebuild copies
    /// them, with the same result as `PostgreSQLDialect.castExpression` (docs/migrations.md has
    /// the table): text is cut to a narrower `max_length`; doubles lose their fraction (toward
    /// zero) and fail outside 64-bit integers; text becomes an integer only when it is one (the
    /// STRICT table rejects anything else, as PostgreSQL's cast does); 0 is false and any other
    /// integer true; a timestamp keeps its UTC date.
    func conversionExpression(_ column: String, from: ColumnType, to: ColumnType) -> String {
        switch (from, to) {
        case (_, .string(let maximum?)) where !from.widens(to: to):
            return "substr(\(from == .bytes ? "CAST(\(column) AS TEXT)" : column), 1, \(maximum))"
        case (.float, .double):
            return column
        case (.double, .text), (.double, .string(nil)):
            // CAST keeps 15 significant digits (0.30000000000000004 → 0.3). 15 digits when they
            // read back as the same double (then they are the shortest text's digits, as
            // PostgreSQL writes them), else 16, else 17 (SQLite's printf shows 17 only with `!`):
            // every value is kept. The text differs from PostgreSQL's for values from 1e15 up that
            // need 16 or 17 digits (PostgreSQL writes an exponent) and for subnormal numbers.
            let digits = [15, 16].map { "WHEN CAST(printf('%.\($0)g', \(column)) AS REAL) = \(column) THEN printf('%.\($0)g', \(column))" }
            return "CASE WHEN \(column) IS NULL THEN NULL \(digits.joined(separator: " ")) ELSE printf('%!.17g', \(column)) END"
        case (.timestamp, .time):
            return "strftime('%H:%M:%f', \(column))"
        case (.text, .time), (.string, .time):
            // Text that is not a time is kept, and the column's check refuses it (as PostgreSQL's cast).
            return "coalesce(strftime('%H:%M:%f', trim(\(column))), \(column))"
        case (.decimal(_, let fromScale), .decimal(_, let scale)) where scale >= fromScale:
            return column  // the same canonical text; the check refuses too many digits before the point
        case (.decimal(let fromPrecision, let fromScale), .decimal(_, let scale)) where fromPrecision <= 18:
            return Self.decimalText(rounding: column, fromScale: fromScale, toScale: scale)
        case (.decimal, .decimal(_, let scale)), (.double, .decimal(_, let scale)), (.float, .decimal(_, let scale)):
            return Self.decimalText(ofReal: "CAST(\(column) AS REAL)", scale: scale)
        case (.string, .decimal(_, let scale)), (.text, .decimal(_, let scale)), (.enumeration, .decimal(_, let scale)):
            // Text that is not a number is kept, and the column's check refuses it (as PostgreSQL's cast).
            let trimmed = "trim(\(column))"
            return "CASE WHEN \(trimmed) GLOB '*[0-9]*' AND \(trimmed) NOT GLOB '*[^0-9.eE+-]*' THEN \(Self.decimalText(ofReal: "CAST(\(trimmed) AS REAL)", scale: scale)) ELSE \(column) END"
        case (.decimal, .int), (.decimal, .int32), (.decimal, .int16):
            // Toward zero, as PostgreSQL's trunc; more than 18 digits stay text, which the
            // STRICT INTEGER column refuses (CAST would saturate silently).
            return "CASE WHEN instr(ltrim(\(column), '-') || '.', '.') <= 19 THEN CAST(\(column) AS INTEGER) ELSE \(column) END"
        case (_, .float) where from != .float:
            // Rounded to the nearest Float as PostgreSQL's ::real does (Veltkamp's split keeps the
            // top 24 bits of the double's significand); outside Float's range the value stays
            // out of range and the column's range check refuses it.
            let real = conversionExpression(column, from: from, to: .double)
            return "((\(real)) * 536870913.0 + ((\(real)) - (\(real)) * 536870913.0))"
        case (.double, .int), (.double, .int32), (.double, .int16), (.float, .int), (.float, .int32), (.float, .int16):
            // Outside the range the REAL is kept, and the STRICT INTEGER column refuses it.
            return "CASE WHEN \(column) >= -9223372036854775808.0 AND \(column) < 9223372036854775808.0 THEN CAST(\(column) AS INTEGER) ELSE \(column) END"
        case (.string, .int), (.text, .int), (.enumeration, .int), (.string, .int32), (.text, .int32), (.enumeration, .int32),
             (.string, .int16), (.text, .int16), (.enumeration, .int16):
            return "trim(\(column))"
        case (.int, .bool), (.int32, .bool), (.int16, .bool):
            return "(\(column) <> 0)"
        case (.timestamp, .date):
            return "date(\(column))"
        default:
            return columnType(from) == columnType(to) ? column : "CAST(\(column) AS \(columnType(to)))"
        }
    }

    /// The canonical decimal text (`DecimalText`) of the REAL `real` rounded to `scale` digits
    /// after the point, half away from zero as PostgreSQL's numeric cast. Exact while the value
    /// has at most 15 significant digits (what a REAL holds); docs/migrations.md says so.
    static func decimalText(ofReal real: String, scale: Int) -> String {
        let fixed = "printf('%.\(scale)f', round(\(real), \(scale)))"
        let text = scale > 0 ? "rtrim(rtrim(\(fixed), '0'), '.')" : fixed
        return "CASE WHEN \(real) IS NULL THEN NULL WHEN \(text) = '-0' THEN '0' ELSE \(text) END"
    }

    /// The canonical text of the decimal text `column` (scale `fromScale`, at most 18 digits)
    /// rounded to `toScale` digits after the point, half away from zero, exactly: the digits as
    /// one integer, rounded by integer division, written back with the point.
    static func decimalText(rounding column: String, fromScale: Int, toScale: Int) -> String {
        func power(_ n: Int) -> String { "1" + String(repeating: "0", count: n) }
        let unsigned = "ltrim(\(column), '-')"
        let point = "instr(\(unsigned) || '.', '.')"
        let digits = "CAST(substr(\(unsigned), 1, \(point) - 1) || substr(substr(\(unsigned), \(point) + 1) || '\(String(repeating: "0", count: fromScale))', 1, \(fromScale)) AS INTEGER)"
        let shift = fromScale - toScale
        let rounded = "((\(digits) + 5\(String(repeating: "0", count: shift - 1))) / \(power(shift)))"
        let text = toScale == 0
            ? "CAST(\(rounded) AS TEXT)"
            : "CAST(\(rounded) / \(power(toScale)) AS TEXT) || CASE WHEN \(rounded) % \(power(toScale)) = 0 THEN '' ELSE '.' || rtrim(printf('%0\(toScale)d', \(rounded) % \(power(toScale))), '0') END"
        return "CASE WHEN \(column) GLOB '-*' AND \(rounded) <> 0 THEN '-' ELSE '' END || \(text)"
    }

    /// The statements that rebuild `tableName` from its definition in `before` to the one in `after`.
    func rebuild(_ tableName: String, before: Schema, after: Schema, renamedColumns: [String: String] = [:], enumRenames: [ValueRename] = [], enumName: String? = nil) -> [PlanStep] {
        guard let old = before.table(named: tableName), let new = after.table(named: tableName) else { return [] }
        return rebuild(from: old, to: new, before: before, after: after, renamedColumns: renamedColumns, enumRenames: enumRenames, enumName: enumName)
    }

    /// Rebuilds table `old` (of `before`) as `new` (of `after`); `renamedColumns` maps new column
    /// names to old ones.
    func rebuild(from old: Table, to new: Table, before: Schema, after: Schema, renamedColumns: [String: String] = [:], enumRenames: [ValueRename] = [], enumName: String? = nil) -> [PlanStep] {
        let tableName = new.name
        let temporary = Self.rebuildPrefix + tableName
        var targets: [String] = []
        var sources: [String] = []
        // A generated column computes itself in the copy (it cannot be written).
        for column in new.columns where !column.isGenerated {
            let sourceName = renamedColumns[column.name] ?? column.name
            guard let previous = old.column(named: sourceName) else { continue }
            targets.append(quoted(column.name))
            var source = conversionExpression(quoted(sourceName), from: previous.type, to: column.type)
            if case .enumeration(let name) = column.type, name == enumName, !enumRenames.isEmpty {
                let cases = enumRenames.map { "WHEN \(stringLiteral($0.from)) THEN \(stringLiteral($0.to))" }.joined(separator: " ")
                source = "CASE \(source) \(cases) ELSE \(source) END"
            }
            sources.append(source)
        }
        func statement(_ sql: String, _ table: String, _ work: RowWork) -> PlannedStatement {
            PlannedStatement(sql, table: table, lock: .databaseWriter, work: work)
        }
        let indexes = new.uniqueConstraints.map { Index(name: $0.name, columns: $0.columns, isUnique: true) } + new.indexes
        // The copy's AUTOINCREMENT counter starts at the largest id copied; the original's may be
        // higher (its last rows deleted): carried over, so those ids are never assigned again.
        var keepSequence: [PlannedStatement] = []
        if old.columns.contains(where: \.isAutoIncrement), new.columns.contains(where: \.isAutoIncrement) {
            let original = "(SELECT seq FROM sqlite_sequence WHERE name = \(stringLiteral(old.name)))"
            keepSequence = [
                statement("UPDATE sqlite_sequence SET seq = max(seq, coalesce(\(original), 0)) WHERE name = \(stringLiteral(temporary));", temporary, .catalogOnly),
                statement("INSERT INTO sqlite_sequence (name, seq) SELECT \(stringLiteral(temporary)), seq FROM sqlite_sequence WHERE name = \(stringLiteral(old.name)) AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = \(stringLiteral(temporary)));", temporary, .catalogOnly),
            ]
        }
        return [.rebuild(TableRebuild(
            table: tableName,
            createCopy: statement(createTableSQL(new, in: after, as: temporary, withUniqueIndexes: false), temporary, .catalogOnly),
            copyRows: statement("INSERT INTO \(quoted(temporary)) (\(targets.joined(separator: ", "))) SELECT \(sources.joined(separator: ", ")) FROM \(quoted(old.name));", temporary, .rewritesTable),
            keepSequence: keepSequence,
            dropOriginal: statement("DROP TABLE \(quoted(old.name));", old.name, .catalogOnly),
            renameCopy: statement("ALTER TABLE \(quoted(temporary)) RENAME TO \(quoted(tableName));", temporary, .catalogOnly),
            indexes: indexes.map { statement(indexStatement(table: tableName, $0), tableName, .scansTable) }
        ))]
    }
}
