import StrataSchema

/// A migration to run one way, with its plan on the dialect: what a live run executes (decided
/// inside the locked transaction) and what `--sql` prints.
struct PlannedMove {
    var migration: Migration
    var direction: MigrationStep.Direction
    var plan: MigrationPlan
    /// The schema the migration starts from (for the rebuild guard).
    var start: Schema
    /// The statement that records the migration as done, given its duration in milliseconds.
    var record: (Int) -> String

    /// `migration`'s upgrade or downgrade, planned on `dialect` from `start`.
    init(_ migration: Migration, _ direction: MigrationStep.Direction, from start: Schema, dialect: any DatabaseDialect, locking: MigrationLocking, record: @escaping (Int) -> String) throws {
        self.migration = migration
        self.direction = direction
        self.start = start
        self.record = record
        plan = try dialect.plan(direction == .upgrade ? migration.upgrade : migration.downgrade, from: start, locking: locking).plan
    }

    /// The statements that end unit `index` in its transaction: the migration's progress, or,
    /// for the last unit, `record` and the removal of its progress (when it had any).
    func closingStatements(unit index: Int, of unitCount: Int, record: String, dialect: any DatabaseDialect) -> [String] {
        guard index + 1 >= unitCount else {
            let progress = PartialMigration(id: migration.id, direction: direction, completedUnits: index + 1, totalUnits: unitCount, planFingerprint: plan.fingerprint)
            return ProgressTable.record(dialect, progress)
        }
        return [record] + (unitCount > 1 ? [ProgressTable.delete(dialect, id: migration.id)] : [])
    }
}

extension MigrationRunner {
    /// What one pass of the loop did.
    private enum Advance {
        /// Nothing left to do.
        case finished
        /// A unit of a migration committed; the migration continues.
        case unitCommitted(id: String)
        /// The last unit of a migration committed with its record.
        case migrationCompleted(MigrationStep)
    }

    /// Moves unit by unit until `decide` returns `nil`, holding the session lock throughout. Each
    /// pass opens a locked transaction, reads what is applied (and partially applied) inside it,
    /// and runs the next unit of the next migration. The target is resolved once, against the
    /// position found in the first pass; `decide` gets the current position, the goal, and
    /// whether no step was taken yet.
    func move(
        to target: MigrationTarget, on connection: any MigrationConnection, progress: (MigrationStep) -> Void,
        decide: (_ current: Int, _ goal: Int, _ isFirstStep: Bool) async throws -> PlannedMove?
    ) async throws -> [MigrationStep] {
        try await withSessionLock(connection) {
            var steps: [MigrationStep] = []
            var goal: Int?
            var passes = 0
            var elapsed: [String: Duration] = [:]
            let clock = ContinuousClock()
            while true {
                let began = clock.now
                let isFirst = passes == 0
                let fixedGoal = goal
                let priorElapsed = elapsed
                let (advance, resolvedGoal) = try await withLockRetries(connection) {
                    try await advanceOneUnit(connection, target: target, goal: fixedGoal, isFirstStep: isFirst, elapsed: priorElapsed, began: began, decide: decide)
                }
                goal = resolvedGoal
                passes += 1
                switch advance {
                case .finished:
                    return steps
                case .unitCommitted(let id):
                    elapsed[id, default: .zero] += clock.now - began
                case .migrationCompleted(let step):
                    elapsed[step.id] = nil
                    steps.append(step)
                    progress(step)
                }
            }
        }
    }

    /// Runs `body` holding the dialect's session lock (PostgreSQL's advisory lock, polled every
    /// 200 ms while another runner holds it; nothing on SQLite, whose `BEGIN IMMEDIATE` is the
    /// lock), with the lock wait limit set.
    func withSessionLock<Result>(_ connection: any MigrationConnection, _ body: () async throws -> Result) async throws -> Result {
        let capabilities = connection.dialect.migrationCapabilities
        if let attempt = capabilities.sessionLockTry {
            // Polled, never waited for inside a statement: a waiting statement holds a snapshot
            // that the lock holder's CREATE INDEX CONCURRENTLY would wait for (a deadlock).
            while try await connection.query(attempt).first?.first != "t" {
                try await Task.sleep(for: .milliseconds(200))
            }
        } else if let acquire = capabilities.sessionLockAcquire {
            try await connection.execute(acquire)
        }
        func release() async {
            if let reset = capabilities.lockTimeoutReset { try? await connection.execute(reset) }
            if let release = capabilities.sessionLockRelease { try? await connection.execute(release) }
        }
        do {
            // After the session lock: waiting for another runner is not a lock timeout.
            if let setting = capabilities.lockTimeoutStatement(milliseconds: options.lockTimeoutMilliseconds) { try await connection.execute(setting) }
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    /// Runs `body` again when it fails waiting for a lock, after a growing delay, up to
    /// `options.lockRetries` times; then fails naming who holds the lock, when the dialect can tell.
    private func withLockRetries<Result>(_ connection: any MigrationConnection, _ body: () async throws -> Result) async throws -> Result {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch var failure as MigrationFailure where failure.lockTimedOut {
                if attempt < options.lockRetries {
                    try await Task.sleep(for: options.retryDelay * (1 << min(attempt, 10)))
                    attempt += 1
                    continue
                }
                var holders = ""
                if let table = failure.table, let query = connection.dialect.lockHoldersQuery(table: table),
                   let rows = try? await connection.query(query), !rows.isEmpty {
                    // Other sessions' queries are anyone's text: escaped before they reach a terminal.
                    holders = "; held by " + rows.prefix(5).map { row in
                        "process \(row[0] ?? "?") (\(row[1] ?? "?"), \(ControlCharacters.escaped(row[2] ?? "")): \(ControlCharacters.escaped(row[3] ?? "")))"
                    }.joined(separator: ", ")
                }
                failure.databaseMessage = "could not get its lock\(failure.table.map { " on \($0)" } ?? "") within \(options.lockTimeoutMilliseconds) ms, \(attempt + 1) attempts (\(failure.databaseMessage))\(holders); "
                    + "the database is at a known step: run it again when the lock is free, or raise --lock-timeout"
                throw failure
            }
        }
    }

    /// One pass: the next unit of the next migration, committed with its progress (or with the
    /// migration's record when it is the last unit).
    private func advanceOneUnit(
        _ connection: any MigrationConnection, target: MigrationTarget, goal fixedGoal: Int?, isFirstStep: Bool,
        elapsed: [String: Duration], began: ContinuousClock.Instant,
        decide: (_ current: Int, _ goal: Int, _ isFirstStep: Bool) async throws -> PlannedMove?
    ) async throws -> (Advance, Int) {
        let dialect = connection.dialect
        try await connection.beginMigrationTransaction()
        var inTransaction = true
        do {
            try await connection.execute(VersionTable.createStatement(dialect))
            let applied = try await readApplied(connection)
            let found = problems(with: applied)
            if !found.isEmpty { throw MigrationError(found.joined(separator: "\n")) }
            let partial = try await readPartial(connection)
            let current = applied.count - 1
            let goal = try fixedGoal ?? position(of: target, current: current)
            guard let move = try await decide(current, goal, isFirstStep) else {
                if let partial {
                    throw MigrationError("migration \(partial.description) is partially applied: run 'strata \(partial.direction.rawValue)' to finish it first")
                }
                try await connection.commitMigrationTransaction()
                return (.finished, goal)
            }
            let units = move.plan.units
            var completed = 0
            if let partial {
                guard partial.id == move.migration.id, partial.direction == move.direction else {
                    throw MigrationError("migration \(partial.description) is partially applied: run 'strata \(partial.direction.rawValue)' to finish it before moving elsewhere")
                }
                guard partial.planFingerprint == move.plan.fingerprint, partial.totalUnits == units.count, partial.completedUnits < units.count else {
                    throw MigrationError("migration \(partial.description) was partially applied with another plan (other --locking, or another version of Strata): finish it with the same, or repair it by hand and 'strata stamp'")
                }
                completed = partial.completedUnits
            }
            let isLast = completed + 1 >= units.count
            /// The unit's progress, or the migration's record, in the open transaction.
            func close() async throws {
                if !isLast { try await connection.execute(ProgressTable.createStatement(dialect)) }
                let duration = (elapsed[move.migration.id] ?? .zero) + (ContinuousClock.now - began)
                for statement in move.closingStatements(unit: completed, of: units.count, record: move.record(duration.wholeMilliseconds), dialect: dialect) {
                    try await connection.execute(statement)
                }
            }
            func failure(_ error: any Error, _ operation: MigrationOperation?, _ statement: PlannedStatement?) -> MigrationFailure {
                if let failure = error as? MigrationFailure { return failure }
                let lockTimedOut = (error as? MigrationConnectionError)?.isLockTimeout ?? false
                // An operation that needs a backfill fails on rows it cannot keep: say what to do.
                let hint = operation?.dataLoss == .needsBackfill && !lockTimedOut
                    ? " (this operation needs a value in every existing row: give the column a default, or fill it in a migration before this one)"
                    : ""
                return MigrationFailure(migration: move.migration.id, operation: operation?.summary, databaseMessage: "\(error)\(hint)",
                                        completedUnits: completed, totalUnits: max(units.count, 1), lockTimedOut: lockTimedOut, table: statement?.table)
            }
            guard completed < units.count else {
                // A migration without statements (an enum on PostgreSQL): only its record.
                try await close()
                try await commit(connection, move)
                return (.migrationCompleted(step(move, began: began, elapsed: elapsed)), goal)
            }
            if completed == 0, units.count > 1, options.checksExistingRowsFirst {
                try await refuseStepsBoundToFail(move, connection: connection)
            }
            let unit = units[completed]
            if unit.isTransaction {
                try await refuseRebuildsThatLoseData(unit, move: move, connection: connection)
                for item in unit.items {
                    do {
                        if case .rebuild(let rebuild) = item.step {
                            try await connection.executeRebuild(rebuild)
                        } else {
                            for statement in item.step.statements { try await connection.execute(statement.sql) }
                        }
                    } catch {
                        throw failure(error, item.operation, item.step.statements.first)
                    }
                }
                try await close()
                try await commit(connection, move)
                inTransaction = false
            } else {
                // Outside a transaction: the reading transaction ends first (the session lock
                // keeps other runners out), the statement commits on its own, then its progress.
                try await connection.commitMigrationTransaction()
                inTransaction = false
                for item in unit.items {
                    for statement in item.step.statements {
                        do {
                            try await runOutsideTransaction(statement, connection: connection)
                        } catch {
                            throw failure(error, item.operation, statement)
                        }
                    }
                }
                try await connection.beginMigrationTransaction()
                inTransaction = true
                try await close()
                try await commit(connection, move)
                inTransaction = false
            }
            if isLast { return (.migrationCompleted(step(move, began: began, elapsed: elapsed)), goal) }
            return (.unitCommitted(id: move.migration.id), goal)
        } catch {
            if inTransaction { await connection.rollbackMigrationTransaction() }
            throw error
        }
    }

    private func commit(_ connection: any MigrationConnection, _ move: PlannedMove) async throws {
        do {
            try await connection.commitMigrationTransaction()
        } catch {
            throw MigrationFailure(migration: move.migration.id, operation: "commit", databaseMessage: "\(error)")
        }
    }

    private func step(_ move: PlannedMove, began: ContinuousClock.Instant, elapsed: [String: Duration]) -> MigrationStep {
        let duration = (elapsed[move.migration.id] ?? .zero) + (ContinuousClock.now - began)
        return MigrationStep(
            id: move.migration.id, message: move.migration.message, direction: move.direction,
            operations: move.plan.operations.map(\.operation.summary), duration: duration
        )
    }

    /// A statement that runs outside any transaction. A concurrent index build is skipped when a
    /// valid index of its name exists (it ran; its progress was not recorded), and an invalid one
    /// (left by a failed or interrupted build) is dropped first; a build that fails drops what
    /// it left.
    private func runOutsideTransaction(_ statement: PlannedStatement, connection: any MigrationConnection) async throws {
        let dialect = connection.dialect
        guard case .buildIndexConcurrently(let index) = statement.purpose,
              let validity = dialect.indexValidityQuery(index), let drop = dialect.dropLeftoverIndexStatement(index) else {
            try await connection.execute(statement.sql)
            return
        }
        switch try await connection.query(validity).first?.first ?? nil {
        case "t"?: return
        case .some: try await connection.execute(drop)
        case nil: break
        }
        do {
            try await connection.execute(statement.sql)
        } catch {
            try? await connection.execute(drop)
            throw error
        }
    }

    /// Before the first step of a migration of several steps: throws, naming the operation, when
    /// existing rows would make a later step fail (its `precheck` finds a row), so that such a
    /// migration stops before it changes anything rather than at a step half-way. Rows written
    /// after this read can still make a step fail; the migration then stops at that step.
    private func refuseStepsBoundToFail(_ move: PlannedMove, connection: any MigrationConnection) async throws {
        for planned in move.plan.operations {
            for statement in planned.statements {
                guard let precheck = statement.precheck, try await !connection.query(precheck).isEmpty else { continue }
                var fix = "fix or remove those rows (a migration before this one can)"
                if case .alterColumn(_, let from, let to) = planned.operation, from.isNullable, !to.isNullable {
                    fix = "give the column a value in every existing row (a default, or a migration before this one that fills it)"
                }
                throw MigrationFailure(migration: move.migration.id, operation: planned.operation.summary, databaseMessage: """
                    existing rows\(statement.table.map { " of \($0)" } ?? "") would make it fail (checked before the first step: \(ControlCharacters.escaped(precheck))); \(fix), then run it again
                    """)
            }
        }
    }

    /// A table rebuild copies the columns the migrations know; a column added outside them (or
    /// left out of a pulled schema) would be dropped with its values. Refuses first.
    private func refuseRebuildsThatLoseData(_ unit: PlanUnit, move: PlannedMove, connection: any MigrationConnection) async throws {
        for item in unit.items {
            guard case .rebuild(let rebuild) = item.step, let known = move.start.table(named: rebuild.table) else { continue }
            let table = rebuild.table
            let columns = try await connection.query(connection.dialect.columnNamesQuery(table)).compactMap { $0.first ?? nil }
            let unknownColumns = columns.filter { name in known.column(named: name) == nil }
            if !unknownColumns.isEmpty {
                throw MigrationFailure(migration: move.migration.id, operation: item.operation.summary, databaseMessage: """
                    table \(table) has column(s) \(ControlCharacters.escaped(unknownColumns.joined(separator: ", "))) that no migration knows, and this operation rebuilds the table, which would drop their values: \
                    add them to schema.yaml with their type and a migration (or drop them yourself if they are not needed)
                    """)
            }
            let indexes = try await connection.query(connection.dialect.indexNamesQuery(table)).compactMap { $0.first ?? nil }
            let unknownIndexes = indexes.filter { name in !known.indexes.contains { $0.name == name } && !known.uniqueConstraints.contains { $0.name == name } }
            if !unknownIndexes.isEmpty {
                throw MigrationFailure(migration: move.migration.id, operation: item.operation.summary, databaseMessage: """
                    table \(table) has index(es) \(ControlCharacters.escaped(unknownIndexes.joined(separator: ", "))) that no migration knows, and this operation rebuilds the table, which would drop them: \
                    add them to schema.yaml (or drop them yourself, and recreate them by hand after this migration)
                    """)
            }
        }
    }
}
