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
        var moves: [PlannedMove] = []
        if to > from {
            for position in (from + 1)...to {
                let migration = history.migrations[position]
                moves.append(try PlannedMove(migration, .upgrade, from: states[position], dialect: dialect, locking: options.locking) { _ in
                    VersionTable.insert(dialect, id: migration.id, position: position, checksum: migration.checksum, durationMilliseconds: 0)
                })
            }
        } else if to < from {
            for position in stride(from: from, to: to, by: -1) {
                let migration = history.migrations[position]
                moves.append(try PlannedMove(migration, .downgrade, from: states[position + 1], dialect: dialect, locking: options.locking) { _ in
                    VersionTable.delete(dialect, id: migration.id)
                })
            }
        }
        if moves.contains(where: { $0.plan.units.count > 1 }) { lines.append(ProgressTable.createStatement(dialect)) }
        for move in moves { lines += block(move, dialect: dialect) }
        if let reset = capabilities.lockTimeoutReset { lines.append(reset) }
        if let release = capabilities.sessionLockRelease { lines.append(release) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func block(_ move: PlannedMove, dialect: any DatabaseDialect) -> [String] {
        let capabilities = dialect.migrationCapabilities
        let record = move.record(0)
        // The message and every name are the user's text: `comment` keeps each on its one line.
        var lines = ["", dialect.comment("\(move.direction.rawValue) \(move.migration.id): \(move.migration.message)")]
        let units = move.plan.units
        if units.isEmpty { return lines + capabilities.transactionStart + [record] + capabilities.transactionEnd }
        for (index, unit) in units.enumerated() {
            let finish = move.closingStatements(unit: index, of: units.count, record: record, dialect: dialect)
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
