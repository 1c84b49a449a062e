extension PostgreSQLDialect {
    /// The steps of one operation. Plain DDL is transactional in PostgreSQL; with
    /// `MigrationLocking.lockAware` (the default) on a table that exists before the migration,
    /// the forms that let writes continue are used instead (docs/production-postgres.md):
    /// indexes built `CONCURRENTLY` outside a transaction (unique constraints and primary keys
    /// attached to such an index with `USING INDEX`), CHECKs and foreign keys added `NOT VALID`
    /// and validated in a transaction of their own, `SET NOT NULL` behind a validated
    /// `CHECK (… IS NOT NULL)`. Enums are CHECK constraints, so altering one replaces the CHECK of
    /// each column that uses it (docs/enums.md).
    public func planSteps(for operation: MigrationOperation, before: Schema, after: Schema, context: PlanContext) -> [PlanStep] {
        switch operation {
        case .createTable(let table):
            return [step(render(.createTable(table, deferredForeignKeys: []), in: after), table.name, .accessExclusive, .catalogOnly)]
                + table.indexes.map { step(indexStatement(table: table.name, $0), table.name, .share, .catalogOnly) }
                + table.commentStatements.map { step(render($0, in: after), table.name, .shareUpdateExclusive, .catalogOnly) }
        case .dropTable(let table):
            return [step("DROP TABLE \(quoted(table.name));", table.name, .accessExclusive, .catalogOnly)]
        case .renameTable(let from, let to):
            var steps = [step("ALTER TABLE \(quoted(from)) RENAME TO \(quoted(to));", from, .accessExclusive, .catalogOnly)]
            // The CHECKs Strata derives from enum columns carry the table's name.
            if let old = before.table(named: from), let new = after.table(named: to) {
                for (oldColumn, newColumn) in zip(old.columns, new.columns) {
                    for (oldCheck, newCheck) in zip(typeChecks(for: oldColumn, in: old, schema: before), typeChecks(for: newColumn, in: new, schema: after)) where oldCheck.name != newCheck.name {
                        steps.append(step("ALTER TABLE \(quoted(to)) RENAME CONSTRAINT \(quoted(oldCheck.name)) TO \(quoted(newCheck.name));", to, .accessExclusive, .catalogOnly))
                    }
                }
            }
            return steps
        case .addColumn(let table, let column):
            // Since PostgreSQL 11 a constant (or stable) default is kept in the catalog; a volatile
            // one (gen_random_uuid()) is evaluated for every row, rewriting the table.
            let work: RowWork = column.defaultValue == .uuid || column.isGenerated ? .rewritesTable : .catalogOnly
            var steps = [step("ALTER TABLE \(quoted(table)) ADD COLUMN \(columnDefinition(column));", table, .accessExclusive, work)]
            if let owner = after.table(named: table) {
                steps += typeChecks(for: column, in: owner, schema: after).flatMap { addCheckSteps(table: table, $0, context: context, checksExistingRows: false) }
            }
            if let text = column.comment { steps.append(commentStep(table: table, column: column.name, text: text)) }
            return steps
        case .dropColumn(let table, let column):
            return [step("ALTER TABLE \(quoted(table)) DROP COLUMN \(quoted(column.name));", table, .accessExclusive, .catalogOnly)]
        case .renameColumn(let tableName, let from, let to):
            var steps = [step("ALTER TABLE \(quoted(tableName)) RENAME COLUMN \(quoted(from)) TO \(quoted(to));", tableName, .accessExclusive, .catalogOnly)]
            if let old = before.table(named: tableName), let oldColumn = old.column(named: from),
               let new = after.table(named: tableName), let newColumn = new.column(named: to) {
                for (oldCheck, newCheck) in zip(typeChecks(for: oldColumn, in: old, schema: before), typeChecks(for: newColumn, in: new, schema: after)) where oldCheck.name != newCheck.name {
                    steps.append(step("ALTER TABLE \(quoted(tableName)) RENAME CONSTRAINT \(quoted(oldCheck.name)) TO \(quoted(newCheck.name));", tableName, .accessExclusive, .catalogOnly))
                }
            }
            return steps
        case .alterColumn(let tableName, let from, let to):
            return alterColumnSteps(tableName, from: from, to: to, before: before, after: after, context: context)
        case .alterPrimaryKey(let table, let from, let to):
            let drop = dropConstraint(table: table, from.name)
            guard context.buildsIndexesConcurrently(on: table) else {
                return [drop, step("ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(to.name)) PRIMARY KEY (\(quotedList(to.columns)));", table, .accessExclusive, .scansTable)]
            }
            let building = temporaryIndexName(for: to.name)
            return [
                buildIndexConcurrently(table: table, Index(name: building, columns: to.columns, isUnique: true)),
                drop,
                step("ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(to.name)) PRIMARY KEY USING INDEX \(quoted(building));", table, .accessExclusive, .catalogOnly),
            ]
        case .createIndex(let table, let index):
            guard context.buildsIndexesConcurrently(on: table) else { return [step(indexStatement(table: table, index), table, .share, work(on: table, context, .scansTable))] }
            return [buildIndexConcurrently(table: table, index, checksExistingRows: context.isUnchanged(table))]
        case .dropIndex(let table, let index):
            guard context.buildsIndexesConcurrently(on: table) else { return [step("DROP INDEX \(quoted(index.name));", table, .accessExclusive, .catalogOnly)] }
            // IF EXISTS: a run interrupted after the drop and before its progress was recorded
            // runs it again.
            return [step("DROP INDEX CONCURRENTLY IF EXISTS \(quoted(index.name));", table, .shareUpdateExclusive, .catalogOnly, .outsideTransaction)]
        case .addUnique(let table, let constraint):
            guard context.buildsIndexesConcurrently(on: table) else {
                return [step("ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(constraint.name)) UNIQUE (\(quotedList(constraint.columns)));", table, .accessExclusive, work(on: table, context, .scansTable))]
            }
            let building = temporaryIndexName(for: constraint.name)
            return [
                buildIndexConcurrently(table: table, Index(name: building, columns: constraint.columns, isUnique: true), checksExistingRows: context.isUnchanged(table)),
                step("ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(constraint.name)) UNIQUE USING INDEX \(quoted(building));", table, .accessExclusive, .catalogOnly),
            ]
        case .dropUnique(let table, let constraint):
            return [dropConstraint(table: table, constraint.name)]
        case .dropCheck(let table, let constraint):
            return [dropConstraint(table: table, constraint.name)]
        case .addCheck(let table, let constraint):
            return addCheckSteps(table: table, constraint, context: context, checksExistingRows: true)
        case .addForeignKey(let table, let key):
            guard context.validatesSeparately(on: table) else {
                return [step(addForeignKeyStatement(table: table, key), table, .shareRowExclusive, work(on: table, context, .scansTable))]
            }
            return [
                step("ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(key.name)) \(foreignKeyClause(key)) NOT VALID;", table, .shareRowExclusive, .catalogOnly),
                validate(table: table, constraint: key.name, precheck: context.isUnchanged(table, key.referencedTable) ? orphanQuery(table: table, key) : nil),
            ]
        case .dropForeignKey(let table, let key):
            return [dropConstraint(table: table, key.name)]
        case .createEnum, .dropEnum:
            return []
        case .alterTableComment(let table, _, let to):
            return [commentStep(table: table, column: nil, text: to)]
        case .alterEnum(let from, _, let renames):
            var steps: [PlanStep] = []
            for table in after.tables {
                for column in table.columns where column.type == .enumeration(from.name) {
                    steps += typeChecks(for: column, in: table, schema: before).map { dropConstraint(table: table.name, $0.name) }
                    for rename in renames {
                        steps.append(step("UPDATE \(quoted(table.name)) SET \(quoted(column.name)) = \(stringLiteral(rename.to)) WHERE \(quoted(column.name)) = \(stringLiteral(rename.from));", table.name, .rowExclusive, .writesRows))
                    }
                    // Without renames, the rows must already hold one of the values the new CHECK allows.
                    steps += typeChecks(for: column, in: table, schema: after).flatMap { addCheckSteps(table: table.name, $0, context: context, checksExistingRows: renames.isEmpty) }
                }
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

    /// Transactional DDL, a session advisory lock held for a whole run, `lock_timeout`,
    /// concurrent index builds and `NOT VALID` constraints.
    public var migrationCapabilities: MigrationCapabilities {
        MigrationCapabilities(
            transactionStart: ["BEGIN;"], transactionEnd: ["COMMIT;"],
            sessionLockAcquire: "SELECT pg_advisory_lock(\(Self.advisoryLockKey));",
            sessionLockTry: "SELECT pg_try_advisory_lock(\(Self.advisoryLockKey));",
            sessionLockRelease: "SELECT pg_advisory_unlock(\(Self.advisoryLockKey));",
            lockTimeoutSetting: "lock_timeout", concurrentIndexBuilds: true, notValidConstraints: true
        )
    }

    /// The advisory lock key every Strata runner takes (a fixed 63-bit number, "StrataMg").
    public static let advisoryLockKey: Int64 = 0x5374_7261_7461_4d67

    public var nonTransactionalStatements: [(words: [String], name: String)] {
        [(["CONCURRENTLY"], "CONCURRENTLY"), (["VACUUM"], "VACUUM"), (["CREATE", "DATABASE"], "CREATE/DROP DATABASE"),
         (["DROP", "DATABASE"], "CREATE/DROP DATABASE"), (["ALTER", "SYSTEM"], "ALTER SYSTEM")]
    }

    /// A query whose one row says whether index `name` exists in the current schema and is
    /// valid (`t`/`f`); no row when it does not exist.
    public func indexValidityQuery(_ name: String) -> String? {
        """
        SELECT x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
        WHERE i.relname = \(stringLiteral(name)) AND i.relnamespace = current_schema()::regnamespace
        """
    }

    /// `DROP INDEX CONCURRENTLY IF EXISTS`: removes an index a failed concurrent build left
    /// invalid without blocking writes.
    public func dropLeftoverIndexStatement(_ name: String) -> String? {
        "DROP INDEX CONCURRENTLY IF EXISTS \(quoted(name));"
    }

    /// A query listing the sessions that hold a lock on `table`, with what they run, for the
    /// message of a migration that could not get its lock.
    public func lockHoldersQuery(table: String) -> String? {
        """
        SELECT DISTINCT a.pid::text, l.mode, coalesce(a.state, ''), left(coalesce(a.query, ''), 200) \
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
        WHERE l.granted AND l.pid <> pg_backend_pid() AND l.relation = to_regclass(\(stringLiteral(quoted(table)))) ORDER BY 1
        """
    }

    func step(_ sql: String, _ table: String, _ lock: TableLock, _ work: RowWork, _ placement: TransactionPlacement = .inTransaction) -> PlanStep {
        .statement(PlannedStatement(sql, table: table, lock: lock, work: work, placement: placement))
    }

    /// `COMMENT ON …`: a catalog change under `SHARE UPDATE EXCLUSIVE` (reads and writes continue).
    func commentStep(table: String, column: String?, text: String?) -> PlanStep {
        step(commentStatement(table: table, column: column, text: text), table, .shareUpdateExclusive, .catalogOnly)
    }

    /// `ALTER TABLE … DROP CONSTRAINT`: a catalog change under `ACCESS EXCLUSIVE`.
    func dropConstraint(table: String, _ name: String) -> PlanStep {
        step("ALTER TABLE \(quoted(table)) DROP CONSTRAINT \(quoted(name));", table, .accessExclusive, .catalogOnly)
    }

    /// `work`, or catalog only on a table the migration created (empty to everyone else).
    func work(on table: String, _ context: PlanContext, _ work: RowWork) -> RowWork {
        context.newTables.contains(table) ? .catalogOnly : work
    }

    func buildIndexConcurrently(table: String, _ index: Index, checksExistingRows: Bool = false) -> PlanStep {
        // Duplicates make a unique build fail after its scan; NULLs never collide.
        var precheck: String?
        if index.isUnique, checksExistingRows {
            let keys = index.columns.map(quoted) + index.expressions.map { "(\($0))" }
            let conditions = (index.predicate.map { ["(\($0))"] } ?? []) + keys.map { "\($0) IS NOT NULL" }
            precheck = "SELECT 1 FROM \(quoted(table)) WHERE \(conditions.joined(separator: " AND ")) GROUP BY \(keys.joined(separator: ", ")) HAVING count(*) > 1 LIMIT 1"
        }
        return .statement(PlannedStatement(
            indexStatement(table: table, index, concurrently: true),
            table: table, lock: .shareUpdateExclusive, work: .scansTable, placement: .outsideTransaction, purpose: .buildIndexConcurrently(index: index.name),
            precheck: precheck
        ))
    }

    func validate(table: String, constraint: String, precheck: String? = nil) -> PlanStep {
        .statement(PlannedStatement(
            "ALTER TABLE \(quoted(table)) VALIDATE CONSTRAINT \(quoted(constraint));", table: table, lock: .shareUpdateExclusive, work: .scansTable,
            placement: .inNewTransaction, precheck: precheck
        ))
    }

    /// A row that a CHECK rejects (`NOT (…)` is NULL, so passes, where the CHECK is unknown).
    func violationQuery(table: String, expression: String) -> String {
        "SELECT 1 FROM \(quoted(table)) WHERE NOT (\(expression)) LIMIT 1"
    }

    /// A row whose key (all of it not NULL, as MATCH SIMPLE checks) has no referenced row.
    func orphanQuery(table: String, _ key: ForeignKey) -> String {
        let present = key.columns.map { "c.\(quoted($0)) IS NOT NULL" }.joined(separator: " AND ")
        let matches = zip(key.referencedColumns, key.columns).map { "p.\(quoted($0)) = c.\(quoted($1))" }.joined(separator: " AND ")
        return "SELECT 1 FROM \(quoted(table)) AS c WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(quoted(key.referencedTable)) AS p WHERE \(matches)) LIMIT 1"
    }

    /// - Parameter checksExistingRows: Whether the CHECK applies to columns as they were before
    ///   the migration, so that existing rows can be checked before the first step.
    func addCheckSteps(table: String, _ check: CheckConstraint, context: PlanContext, checksExistingRows: Bool) -> [PlanStep] {
        let add = "ALTER TABLE \(quoted(table)) ADD CONSTRAINT \(quoted(check.name)) CHECK (\(check.expression))"
        guard context.validatesSeparately(on: table) else { return [step(add + ";", table, .accessExclusive, work(on: table, context, .scansTable))] }
        let precheck = checksExistingRows && context.isUnchanged(table) ? violationQuery(table: table, expression: check.expression) : nil
        return [step(add + " NOT VALID;", table, .accessExclusive, .catalogOnly), validate(table: table, constraint: check.name, precheck: precheck)]
    }

    /// The name an index is built under before `USING INDEX` renames it to its constraint's:
    /// `<name>_strata_new`, or a digest when that is longer than PostgreSQL's 63 bytes.
    func temporaryIndexName(for name: String) -> String {
        let candidate = name + "_strata_new"
        return candidate.utf8.count <= 63 ? candidate : "strata_new_" + SHA256.hex(name).prefix(24)
    }

    /// The name of the CHECK that lets `SET NOT NULL` skip its scan (dropped right after).
    func notNullCheckName(table: String, column: String) -> String {
        let candidate = "\(table)_\(column)_strata_not_null"
        return candidate.utf8.count <= 63 ? candidate : "strata_not_null_" + SHA256.hex(table + "\u{0}" + column).prefix(24)
    }

    /// Whether PostgreSQL changes a column from `from` to `to` without rewriting the table:
    /// `varchar(n)` to a longer `varchar` or to `text` (an enum's storage too: pass `storedType`).
    func isBinaryCompatible(from: ColumnType, to: ColumnType) -> Bool {
        switch (from, to) {
        case (.string(let old?), .string(let new?)): new >= old
        case (.string, .string(nil)), (.string, .text), (.string, .enumeration): true
        default: false
        }
    }

    func alterColumnSteps(_ tableName: String, from: Column, to: Column, before: Schema, after: Schema, context: PlanContext) -> [PlanStep] {
        let table = quoted(tableName)
        let column = quoted(to.name)
        if to.isGenerated, to.generatedExpression != from.generatedExpression {
            return regeneratedColumnSteps(tableName, from: from, to: to, after: after, context: context)
        }
        var steps: [PlanStep] = []
        if from.isGenerated, !to.isGenerated {
            // The computed values stay as the column's own.
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) DROP EXPRESSION;", tableName, .accessExclusive, .catalogOnly))
        }
        let oldChecks = before.table(named: tableName).map { typeChecks(for: from, in: $0, schema: before) } ?? []
        let newChecks = after.table(named: tableName).map { typeChecks(for: to, in: $0, schema: after) } ?? []
        // A check kept across a change of the column's storage is made again: PostgreSQL would
        // re-read the old one against the new type, in other words than a fresh database's.
        let storageChanged = storageType(of: from) != storageType(of: to)
        for check in oldChecks where storageChanged || !newChecks.contains(check) {
            steps.append(dropConstraint(table: tableName, check.name))
        }
        if from.isAutoIncrement, !to.isAutoIncrement {
            // IF EXISTS and DROP DEFAULT: a pulled `serial` column is auto_increment too, by its
            // sequence default.
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) DROP IDENTITY IF EXISTS;", tableName, .accessExclusive, .catalogOnly))
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) DROP DEFAULT;", tableName, .accessExclusive, .catalogOnly))
        }
        let typeChanged = storageType(of: from) != storageType(of: to)
        if from.defaultValue?.exists(in: name) == true, typeChanged || to.defaultValue?.exists(in: name) != true {
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) DROP DEFAULT;", tableName, .accessExclusive, .catalogOnly))
        }
        if typeChanged {
            let work = isBinaryCompatible(from: from.storedType, to: to.storedType) ? .catalogOnly : self.work(on: tableName, context, .rewritesTable)
            // The same enum, stored longer or shorter: assigned as it is, so a value too long fails
            // (an explicit ::varchar(n) would cut it silently).
            let cast = from.type == to.type ? column : castExpression(column, from: from.type, to: to.type)
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) TYPE \(storageType(of: to)) USING \(cast);", tableName, .accessExclusive, work))
        }
        if let value = to.defaultValue, value.exists(in: name), typeChanged || value != from.defaultValue {
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) SET DEFAULT \(defaultExpression(value, for: to.type));", tableName, .accessExclusive, .catalogOnly))
        }
        if to.isAutoIncrement, !from.isAutoIncrement {
            // The new sequence starts after the largest id, so the next insert does not collide
            // (max of the key reads its index; the table's lock is already held).
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) ADD \(autoIncrementClause(primaryKey: nil));", tableName, .accessExclusive, .catalogOnly))
            steps.append(step(
                "SELECT setval(pg_get_serial_sequence(\(stringLiteral(table)), \(stringLiteral(to.name))), coalesce(max(\(column)), 0) + 1, false) FROM \(table);",
                tableName, .accessExclusive, .catalogOnly
            ))
        }
        if from.isNullable, !to.isNullable {
            if context.validatesSeparately(on: tableName) {
                // A validated CHECK (col IS NOT NULL) lets SET NOT NULL skip its scan (PostgreSQL 12+);
                // the scan happens in VALIDATE, which lets writes continue.
                let check = notNullCheckName(table: tableName, column: to.name)
                steps.append(step("ALTER TABLE \(table) ADD CONSTRAINT \(quoted(check)) CHECK (\(column) IS NOT NULL) NOT VALID;", tableName, .accessExclusive, .catalogOnly))
                let precheck = context.isUnchanged(tableName) ? "SELECT 1 FROM \(table) WHERE \(column) IS NULL LIMIT 1" : nil
                steps.append(validate(table: tableName, constraint: check, precheck: precheck))
                steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) SET NOT NULL;", tableName, .accessExclusive, .catalogOnly, .inNewTransaction))
                steps.append(dropConstraint(table: tableName, check))
            } else {
                steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) SET NOT NULL;", tableName, .accessExclusive, work(on: tableName, context, .scansTable)))
            }
        } else if !from.isNullable, to.isNullable {
            steps.append(step("ALTER TABLE \(table) ALTER COLUMN \(column) DROP NOT NULL;", tableName, .accessExclusive, .catalogOnly))
        }
        for check in newChecks where storageChanged || !oldChecks.contains(check) {
            // After a type change the CHECK reads the converted values: not checkable before.
            steps += addCheckSteps(table: tableName, check, context: context, checksExistingRows: !typeChanged)
        }
        if from.comment != to.comment { steps.append(commentStep(table: tableName, column: to.name, text: to.comment)) }
        return steps
    }

    /// A column that becomes generated, or whose expression changes: PostgreSQL 15 cannot set a
    /// column's expression, so it is dropped and added again (computed for every row, at the
    /// end of the table), with the indexes, unique constraints and checks that mention it, which
    /// the drop takes with it.
    func regeneratedColumnSteps(_ tableName: String, from: Column, to: Column, after: Schema, context: PlanContext) -> [PlanStep] {
        guard let owner = after.table(named: tableName) else { return [] }
        func mentions(_ text: String?) -> Bool { text.map { !ViewSQL.referencedNames(in: $0, among: [to.name]).isEmpty } ?? false }
        var steps = [
            step("ALTER TABLE \(quoted(tableName)) DROP COLUMN \(quoted(from.name));", tableName, .accessExclusive, .catalogOnly),
            step("ALTER TABLE \(quoted(tableName)) ADD COLUMN \(columnDefinition(to));", tableName, .accessExclusive, work(on: tableName, context, .rewritesTable)),
        ]
        steps += typeChecks(for: to, in: owner, schema: after).flatMap { addCheckSteps(table: tableName, $0, context: context, checksExistingRows: false) }
        for check in owner.checkConstraints where mentions(check.expression) {
            steps += addCheckSteps(table: tableName, check, context: context, checksExistingRows: false)
        }
        for unique in owner.uniqueConstraints where unique.columns.contains(to.name) {
            steps += planSteps(for: .addUnique(table: tableName, constraint: unique), before: after, after: after, context: context)
        }
        for index in owner.indexes where index.columns.contains(to.name) || index.includedColumns.contains(to.name) || index.expressions.contains(where: mentions) || mentions(index.predicate) {
            steps += planSteps(for: .createIndex(table: tableName, index: index), before: after, after: after, context: context)
        }
        if let text = to.comment { steps.append(commentStep(table: tableName, column: to.name, text: text)) }
        return steps
    }

    /// The `USING` expression converting a column's values to a new type, with the same result
    /// as `SQLiteDialect.conversionExpression` (docs/migrations.md has the table).
    func castExpression(_ column: String, from: ColumnType, to: ColumnType) -> String {
        switch (from, to) {
        case (.int, .bool), (.int32, .bool), (.int16, .bool): "\(column) <> 0"
        // A time's text as SQLite stores it (09:30:00.000, not 09:30:00).
        case (.time, .text), (.time, .string): "to_char(\(column), 'HH24:MI:SS.MS')::\(columnType(to))"
        case (.timestamp, .time): "(\(column) AT TIME ZONE 'UTC')::time(3)"
        case (.text, .time), (.string, .time): "trim(\(column))::time(3)"
        // A decimal's canonical text, as SQLite stores it (12.50 → 12.5).
        case (.decimal, .text), (.decimal, .string): "trim_scale(\(column))::\(columnType(to))"
        case (.text, .decimal), (.string, .decimal), (.enumeration, .decimal): "trim(\(column))::\(columnType(to))"
        // Toward zero, like Swift's Int(_: Double) and SQLite's CAST (PostgreSQL's cast rounds).
        case (.double, .int), (.double, .int32), (.double, .int16), (.float, .int), (.float, .int32), (.float, .int16),
             (.decimal, .int), (.decimal, .int32), (.decimal, .int16): "trunc(\(column))::\(columnType(to))"
        // The date in UTC, whatever the session's time zone.
        case (.timestamp, .date): "(\(column) AT TIME ZONE 'UTC')::date"
        case (.bool, .int), (.bool, .int32), (.bool, .int16): "CASE WHEN \(column) THEN 1 ELSE 0 END"
        case (.json, .textualJSON): "\(column)::json"
        case (.textualJSON, .json): "\(column)::jsonb"
        case (.json, _), (.textualJSON, _): "\(column)::text::\(columnType(to))"
        // Text holding JSON (as tables made before Strata keep it) is parsed, as SQLite's
        // json_valid check reads it; text that is not JSON fails the migration on both.
        case (.text, .json), (.string, .json), (.text, .textualJSON), (.string, .textualJSON): "\(column)::\(columnType(to))"
        case (_, .json): "to_jsonb(\(column))"
        case (_, .textualJSON): "to_json(\(column))"
        case (.string, .int), (.text, .int), (.enumeration, .int), (.string, .int32), (.text, .int32), (.enumeration, .int32),
             (.string, .int16), (.text, .int16), (.enumeration, .int16): "trim(\(column))::\(columnType(to))"
        default: "\(column)::\(columnType(to))"
        }
    }
}
