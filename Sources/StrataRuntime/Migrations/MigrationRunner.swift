import Foundation
import StrataSchema

/// Where to move a database in its migration history.
public enum MigrationTarget: Hashable, Sendable {
    /// The last migration.
    case head
    /// Before the first migration: nothing applied.
    case base
    /// A migration by id.
    case id(String)
    /// Relative to the current migration (`+2`, `-1`).
    case relative(Int)

    /// Parses `head`, `base`, `+N`, `-N` or an id.
    public init(_ text: String) {
        switch text {
        case "head": self = .head
        case "base": self = .base
        default:
            if let first = text.first, first == "+" || first == "-", let steps = Int(text) {
                self = .relative(steps)
            } else {
                self = .id(text)
            }
        }
    }
}

/// What the runner did for one migration.
public struct MigrationStep: Hashable, Sendable {
    /// Which way a step moved the database.
    public enum Direction: String, Sendable { case upgrade, downgrade }
    /// The migration's id.
    public var id: String
    /// The migration's message.
    public var message: String
    /// Applied (upgrade) or undone (downgrade).
    public var direction: Direction
    /// Its operations, in words.
    public var operations: [String]
    /// How long it took.
    public var duration: Duration
}

/// A migration that failed and was rolled back.
public struct MigrationFailure: Error, Sendable, CustomStringConvertible {
    /// The id of the migration that failed.
    public var migration: String
    /// The operation that failed, in words, when known.
    public var operation: String?
    /// What the database said.
    public var databaseMessage: String

    /// The failure in words: which migration, which operation, and that nothing of it was kept.
    public var description: String {
        let place = operation.map { " at '\($0)'" } ?? ""
        return "migration \(migration) failed\(place): \(databaseMessage); it was rolled back, nothing changed"
    }
}

/// Applies and reverts the migrations of a `MigrationHistory` on a database, each migration in
/// its own transaction that holds the migration lock, recorded in `strata_migrations` with the
/// checksum of its file.
public struct MigrationRunner: Sendable {
    /// The migrations the runner moves databases through.
    public let history: MigrationHistory

    /// A runner for `history`.
    public init(history: MigrationHistory) {
        self.history = history
    }

    /// The applied migrations, in order.
    /// Throws when the history could not be read (`MigrationHistory.unreadable`).
    func checkReadable() throws {
        if let problem = history.unreadable { throw MigrationError(problem) }
    }

    /// The applied migrations, in order, creating `strata_migrations` if it does not exist.
    public func applied(on connection: any MigrationConnection) async throws -> [AppliedMigration] {
        try checkReadable()
        try await connection.execute(VersionTable.createStatement(connection.dialect))
        return try await readApplied(connection)
    }

    /// The applied migrations, in order, for verbs that only look (`current`, `check`): a
    /// database without `strata_migrations` has none, and the table is not created.
    public func appliedWithoutCreating(on connection: any MigrationConnection) async throws -> [AppliedMigration] {
        try checkReadable()
        guard try await !connection.query(connection.dialect.tableExistsQuery(VersionTable.name)).isEmpty else { return [] }
        return try await readApplied(connection)
    }

    func readApplied(_ connection: any MigrationConnection) async throws -> [AppliedMigration] {
        return try await connection.query(VersionTable.selectApplied(connection.dialect)).map { row in
            AppliedMigration(id: row[0] ?? "", position: Int(row[1] ?? "") ?? 0, checksum: row[2] ?? "", appliedAt: row[3] ?? "", durationMilliseconds: Int(row[4] ?? "") ?? 0)
        }
    }

    /// Problems that stop `upgrade`, `downgrade` and `check`: applied migrations whose file changed
    /// or disappeared, or that are out of the history's order.
    public func problems(with applied: [AppliedMigration]) -> [String] {
        var problems: [String] = []
        for (position, row) in applied.enumerated() {
            guard let index = history.position(of: row.id) else {
                problems.append("migration \(row.id) is applied but its file is gone: restore Generated/Migrations/\(row.id).yaml")
                continue
            }
            let migration = history.migrations[index]
            if migration.checksum != row.checksum {
                problems.append("migration \(row.id) changed after it was applied (checksum \(row.checksum.prefix(12)) then, \(migration.checksum.prefix(12)) now): restore the file and put new changes in a new migration")
            }
            if index != position {
                problems.append("migration \(row.id) is applied out of order (position \(position + 1) in the database, \(index + 1) in the history)")
            }
        }
        return problems
    }

    /// The id of the current migration (`nil`: none applied).
    public func current(on connection: any MigrationConnection) async throws -> String? {
        try await applied(on: connection).last?.id
    }

    /// The position (in `history.migrations`, -1 for base) that `target` names from `current`.
    public func position(of target: MigrationTarget, current: Int) throws -> Int {
        try checkReadable()
        switch target {
        case .head: return history.migrations.count - 1
        case .base: return -1
        case .id(let id):
            guard let position = history.position(of: id) else {
                throw MigrationError("unknown migration '\(id)'; see 'strata history'")
            }
            return position
        case .relative(let steps):
            let position = current + steps
            guard position >= -1, position < history.migrations.count else {
                throw MigrationError("cannot move \(steps > 0 ? "+" : "")\(steps) from \(current == -1 ? "base" : history.migrations[current].id): the history has \(history.migrations.count) migrations")
            }
            return position
        }
    }

    /// Upgrades to `target`, one migration per transaction.
    /// - Parameters:
    ///   - allowDataLoss: Applies upgrades classified lossy even when their file does not
    ///     acknowledge it.
    ///   - progress: Called after each migration commits.
    /// - Returns: The steps taken (none when already there).
    @discardableResult
    public func upgrade(
        to target: MigrationTarget = .head, on connection: any MigrationConnection, allowDataLoss: Bool = false,
        progress: (MigrationStep) -> Void = { _ in }
    ) async throws -> [MigrationStep] {
        try checkReadable()
        if history.migrations.isEmpty {
            // Nothing to apply. On a database without tables that is a mistake worth an error:
            // the app would fail later with "no such table".
            if try await connection.query(connection.dialect.firstUserTableQuery).isEmpty { throw StrataError.emptyMigrationHistory }
            return []
        }
        let states = try history.states()
        return try await move(to: target, on: connection, progress: progress) { current, goal, isFirstStep in
            guard goal > current else {
                if goal < current, isFirstStep { throw MigrationError("the database is at \(history.migrations[current].id), after the target; use 'strata downgrade'") }
                return nil
            }
            // A database another tool migrates is adopted by a baseline, never upgraded from base
            // (its tables exist; the first migration would fail on them).
            if isFirstStep, current == -1, let tool = try await OtherMigrationTool.find(on: connection) {
                throw MigrationError("the database has no Strata history, but \(tool.adoptionAdvice)")
            }
            // The guard decides before the first migration runs: every one on the path is examined,
            // so a refusal never leaves the database half-way to the target.
            if isFirstStep, !allowDataLoss {
                try refuseUnacknowledgedDataLoss(history.migrations[(current + 1)...goal], .upgrade)
            }
            let migration = history.migrations[current + 1]
            return try await apply(migration, operations: migration.upgrade, from: states[current + 1], direction: .upgrade, connection: connection) {
                VersionTable.insert(connection.dialect, id: migration.id, position: current + 1, checksum: migration.checksum, durationMilliseconds: $0)
            }
        }
    }

    /// Downgrades to `target`, one migration per transaction.
    @discardableResult
    /// - Parameters:
    ///   - allowDataLoss: Reverts migrations whose downgrade destroys data (drops a table or a
    ///     column, narrows a type) even when their file does not acknowledge it
    ///     (`acknowledge_downgrade_data_loss: true`).
    public func downgrade(
        to target: MigrationTarget, on connection: any MigrationConnection, allowDataLoss: Bool = false,
        progress: (MigrationStep) -> Void = { _ in }
    ) async throws -> [MigrationStep] {
        let states = try history.states()
        return try await move(to: target, on: connection, progress: progress) { current, goal, isFirstStep in
            guard goal < current else {
                if goal > current, isFirstStep { throw MigrationError("the database is at \(current >= 0 ? history.migrations[current].id : "base"), before the target; use 'strata upgrade'") }
                return nil
            }
            if isFirstStep, !allowDataLoss {
                try refuseUnacknowledgedDataLoss(history.migrations[(goal + 1)...current].reversed(), .downgrade)
            }
            let migration = history.migrations[current]
            return try await apply(migration, operations: migration.downgrade, from: states[current + 1], direction: .downgrade, connection: connection) { _ in
                VersionTable.delete(connection.dialect, id: migration.id)
            }
        }
    }

    /// Throws, naming every migration and operation that would destroy data, when any of
    /// `migrations` (in the order they would run) does so without an acknowledgement.
    private func refuseUnacknowledgedDataLoss(_ migrations: some Sequence<Migration>, _ direction: MigrationDirection) throws {
        let refused = migrations.compactMap { migration -> String? in
            let lossy = migration.unacknowledgedDataLoss(direction)
            return lossy.isEmpty ? nil : "\(migration.id) (\(lossy.joined(separator: "; ")))"
        }
        guard !refused.isEmpty else { return }
        let key = direction == .upgrade ? "acknowledge_data_loss" : "acknowledge_downgrade_data_loss"
        throw MigrationError(
            "nothing was run: the \(direction.rawValue) would destroy data in \(refused.joined(separator: ", ")); "
                + "set '\(key): true' in \(refused.count == 1 ? "its file" : "their files") or pass --allow-data-loss"
        )
    }

    /// Moves one migration per locked transaction until `step` returns `nil`. The target is resolved
    /// once, against the position found in the first transaction; `step` gets the current position,
    /// the goal, and whether no step was taken yet.
    private func move(
        to target: MigrationTarget, on connection: any MigrationConnection, progress: (MigrationStep) -> Void,
        step: (_ current: Int, _ goal: Int, _ isFirstStep: Bool) async throws -> (MigrationStep, () async throws -> Void)?
    ) async throws -> [MigrationStep] {
        var steps: [MigrationStep] = []
        var targetPosition: Int?
        while true {
            let taken = try await inLockedTransaction(connection) { applied -> (MigrationStep, () async throws -> Void)? in
                let current = applied.count - 1
                let goal = try targetPosition ?? position(of: target, current: current)
                targetPosition = goal
                return try await step(current, goal, steps.isEmpty)
            }
            guard let taken else { break }
            steps.append(taken)
            progress(taken)
        }
        return steps
    }

    /// Records `id` (or nothing, for base) as the current migration without running anything.
    public func stamp(_ target: MigrationTarget, on connection: any MigrationConnection) async throws {
        _ = try await inLockedTransaction(connection, checkProblems: false) { _ -> (MigrationStep, () async throws -> Void)? in
            let goal = try position(of: target, current: -1)
            try await connection.execute(VersionTable.deleteAll(connection.dialect))
            if goal >= 0 {
                for (position, migration) in history.migrations[0...goal].enumerated() {
                    try await connection.execute(VersionTable.insert(connection.dialect, id: migration.id, position: position, checksum: migration.checksum, durationMilliseconds: 0))
                }
            }
            return nil
        }
    }

    /// Renders the SQL of moving from `from` to `to` without a database (offline mode).
    public func sql(from: Int, to: Int, dialect: any DatabaseDialect) throws -> String {
        var lines: [String] = [dialect.comment("strata: \(from == -1 ? "base" : history.migrations[from].id) → \(to == -1 ? "base" : history.migrations[to].id) (\(dialect.name))")]
        lines.append(VersionTable.createStatement(dialect))
        let states = try history.states()
        if to > from {
            for position in (from + 1)...to {
                let migration = history.migrations[position]
                let rendered = try dialect.render(migration.upgrade, from: states[position])
                lines += block(migration, rendered.operations, direction: "upgrade", dialect: dialect,
                               record: VersionTable.insert(dialect, id: migration.id, position: position, checksum: migration.checksum, durationMilliseconds: 0))
            }
        } else if to < from {
            for position in stride(from: from, to: to, by: -1) {
                let migration = history.migrations[position]
                let rendered = try dialect.render(migration.downgrade, from: states[position + 1])
                lines += block(migration, rendered.operations, direction: "downgrade", dialect: dialect, record: VersionTable.delete(dialect, id: migration.id))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func block(_ migration: Migration, _ operations: [RenderedOperation], direction: String, dialect: any DatabaseDialect, record: String) -> [String] {
        var body: [String] = []
        for operation in operations {
            body.append(dialect.comment(operation.operation.summary))
            body += operation.statements
        }
        // The message and every name are the user's text: `comment` keeps each on its one line.
        return ["", dialect.comment("\(direction) \(migration.id): \(migration.message)")] + dialect.migrationTransaction(body + [record])
    }

    // MARK: One locked transaction

    /// Runs `body` in a transaction holding the migration lock, after reading `strata_migrations`
    /// inside it (so a runner that waited sees what the other one applied). `body` returns the step
    /// and what to run after its statements (recording the version), or `nil` to do nothing.
    private func inLockedTransaction(
        _ connection: any MigrationConnection, checkProblems: Bool = true,
        _ body: ([AppliedMigration]) async throws -> (MigrationStep, () async throws -> Void)?
    ) async throws -> MigrationStep? {
        try await connection.beginMigrationTransaction()
        do {
            try await connection.execute(VersionTable.createStatement(connection.dialect))
            let applied = try await readApplied(connection)
            if checkProblems {
                let found = problems(with: applied)
                if !found.isEmpty { throw MigrationError(found.joined(separator: "\n")) }
            }
            guard let (step, record) = try await body(applied) else {
                try await connection.commitMigrationTransaction()
                return nil
            }
            try await record()
            do {
                try await connection.commitMigrationTransaction()
            } catch {
                throw MigrationFailure(migration: step.id, operation: "commit", databaseMessage: "\(error)")
            }
            return step
        } catch {
            await connection.rollbackMigrationTransaction()
            throw error
        }
    }

    private func apply(
        _ migration: Migration, operations: [MigrationOperation], from start: Schema, direction: MigrationStep.Direction,
        connection: any MigrationConnection, record: @escaping (Int) -> String
    ) async throws -> (MigrationStep, () async throws -> Void) {
        let clock = ContinuousClock()
        let began = clock.now
        let rendered = try connection.dialect.render(operations, from: start).operations
        // Every statement Strata writes runs in a transaction; hand-written SQL might not.
        for operation in rendered {
            for statement in operation.statements {
                if let reason = connection.dialect.nonTransactionalReason(statement) {
                    throw MigrationFailure(migration: migration.id, operation: operation.operation.summary,
                                           databaseMessage: "\(reason) cannot run inside a transaction, and each migration is one transaction: run it outside Strata, or use the transactional form")
                }
            }
        }
        // A table rebuild copies the columns the migrations know; a column added outside them
        // (or left out of a pulled schema) would be dropped with its values. Refuse first.
        for operation in rendered {
            for statement in operation.statements {
                guard let table = SQLiteDialect.rebuiltTable(statement), let known = start.table(named: table) else { continue }
                let columns = try await connection.query(connection.dialect.columnNamesQuery(table)).compactMap { $0.first ?? nil }
                let unknownColumns = columns.filter { name in known.column(named: name) == nil }
                if !unknownColumns.isEmpty {
                    throw MigrationFailure(migration: migration.id, operation: operation.operation.summary, databaseMessage: """
                        table \(table) has column(s) \(ControlCharacters.escaped(unknownColumns.joined(separator: ", "))) that no migration knows, and this operation rebuilds the table, which would drop their values: \
                        add them to schema.yaml with their type and a migration (or drop them yourself if they are not needed)
                        """)
                }
                let indexes = try await connection.query(connection.dialect.indexNamesQuery(table)).compactMap { $0.first ?? nil }
                let unknownIndexes = indexes.filter { name in !known.indexes.contains { $0.name == name } && !known.uniqueConstraints.contains { $0.name == name } }
                if !unknownIndexes.isEmpty {
                    throw MigrationFailure(migration: migration.id, operation: operation.operation.summary, databaseMessage: """
                        table \(table) has index(es) \(ControlCharacters.escaped(unknownIndexes.joined(separator: ", "))) that no migration knows, and this operation rebuilds the table, which would drop them: \
                        add them to schema.yaml (or drop them yourself, and recreate them by hand after this migration)
                        """)
                }
            }
        }
        for operation in rendered {
            for statement in operation.statements {
                do {
                    try await connection.execute(statement)
                } catch {
                    // An operation that needs a backfill fails on rows it cannot keep: say what to do.
                    let hint = operation.operation.dataLoss == .needsBackfill
                        ? " (this operation needs a value in every existing row: give the column a default, or fill it in a migration before this one)"
                        : ""
                    throw MigrationFailure(migration: migration.id, operation: operation.operation.summary, databaseMessage: "\(error)\(hint)")
                }
            }
        }
        let duration = clock.now - began
        let milliseconds = Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        let step = MigrationStep(id: migration.id, message: migration.message, direction: direction, operations: operations.map(\.summary), duration: duration)
        return (step, { try await connection.execute(record(milliseconds)) })
    }
}
