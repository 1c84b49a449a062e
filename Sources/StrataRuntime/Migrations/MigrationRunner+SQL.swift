import StrataSchema

extension MigrationRunner {
    /// The SQL of moving from `from` to `to` without a database (offline mode): the same plan a
    /// live run executes, unit by unit, with the session lock, the lock wait limit, the progress
    /// records of migrations of several units, and each statement labelled with its lock and
    /// what it does to the table.
    public func sql(from: Int, to: Int, dialect: any DatabaseDialect) throws -> String {
        let capabilities = dialect.migrationCapabilities
        var lines: [String] = [dialect.comment("strata: \(from == -1 ? "base" : history.migrations[from].id) → \(to == -1 ? "base" : history.migrations[to].id) (\(dialect.name), \(options.locking.rawValue))")]
        if let acquire = capabilities.sessionLockAcquire {
            lines.append(dialect.comment("the migration lock, held for the whole run"))
            lines.append(acquire)
        }
        if let setting = capabilities.lockTimeoutStatement(milliseconds: options.lockTimeoutMilliseconds) {
            lines.append(dialect.comment("each statement waits at most this long for its lock (a live run retries \(options.lockRetries) times with backoff)"))
            lines.append(setting)
        }
        lines.append(VersionTable.createStatement(dialect))
        let states = try history.states()
        var moves: [(Migration, MigrationPlan, MigrationStep.Direction, String)] = []
        if to > from {
            for position in (from + 1)...to {
                let migration = history.migrations[position]
                let plan = try dialect.plan(migration.upgrade, from: states[position], locking: options.locking).plan
                moves.append((migration, plan, .upgrade, VersionTable.insert(dialect, id: migration.id, position: position, checksum: migration.checksum, durationMilliseconds: 0)))
            }
        } else if to < from {
            for position in stride(from: from, to: to, by: -1) {
                let migration = history.migrations[position]
                let plan = try dialect.plan(migration.downgrade, from: states[position + 1], locking: options.locking).plan
                moves.append((migration, plan, .downgrade, VersionTable.delete(dialect, id: migration.id)))
            }
        }
        if moves.contains(where: { $0.1.units.count > 1 }) { lines.append(ProgressTable.createStatement(dialect)) }
        for (migration, plan, direction, record) in moves {
            lines += block(migration, plan, direction: direction, dialect: dialect, record: record)
        }
        if let reset = capabilities.lockTimeoutReset { lines.append(reset) }
        if let release = capabilities.sessionLockRelease { lines.append(release) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func block(_ migration: Migration, _ plan: MigrationPlan, direction: MigrationStep.Direction, dialect: any DatabaseDialect, record: String) -> [String] {
        let capabilities = dialect.migrationCapabilities
        // The message and every name are the user's text: `comment` keeps each on its one line.
        var lines = ["", dialect.comment("\(direction.rawValue) \(migration.id): \(migration.message)")]
        let units = plan.units
        if units.isEmpty { return lines + capabilities.transactionStart + [record] + capabilities.transactionEnd }
        for (index, unit) in units.enumerated() {
            let isLast = index == units.count - 1
            var finish: [String]
            if isLast {
                finish = [record] + (units.count > 1 ? [ProgressTable.delete(dialect, id: migration.id)] : [])
            } else {
                finish = ProgressTable.record(dialect, PartialMigration(id: migration.id, direction: direction, completedUnits: index + 1, totalUnits: units.count, planFingerprint: plan.fingerprint))
            }
            var body: [String] = []
            var lastOperation: MigrationOperation?
            for item in unit.items {
                if item.operation != lastOperation { body.append(dialect.comment(item.operation.summary)) }
                lastOperation = item.operation
                for statement in item.step.statements {
                    body.append(dialect.comment(statement.label))
                    body.append(statement.sql)
                }
            }
            if units.count > 1 { lines.append(dialect.comment("step \(index + 1) of \(units.count)\(unit.isTransaction ? "" : ", outside a transaction")")) }
            if unit.isTransaction {
                lines += capabilities.transactionStart + body + finish + capabilities.transactionEnd
            } else {
                lines += body + capabilities.transactionStart + finish + capabilities.transactionEnd
            }
        }
        return lines
    }
}
