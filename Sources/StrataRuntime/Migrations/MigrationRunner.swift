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

/// A migration that failed. When its plan has several units (lock-aware PostgreSQL), the units
/// before the failing one stay applied and recorded, and the next run resumes there; otherwise
/// nothing of it was kept.
public struct MigrationFailure: Error, Sendable, CustomStringConvertible {
    /// The id of the migration that failed.
    public var migration: String
    /// The operation that failed, in words, when known.
    public var operation: String?
    /// What the database said.
    public var databaseMessage: String
    /// How many of the migration's units had committed before the failure.
    public var completedUnits: Int
    /// How many units its plan has (1: one transaction).
    public var totalUnits: Int
    /// Whether the failing statement gave up waiting for a lock (retried by the runner).
    public var lockTimedOut: Bool
    /// The table the failing statement locks, when known.
    public var table: String?

    /// A failure of `migration` at `operation`.
    public init(migration: String, operation: String?, databaseMessage: String, completedUnits: Int = 0, totalUnits: Int = 1, lockTimedOut: Bool = false, table: String? = nil) {
        self.migration = migration
        self.operation = operation
        self.databaseMessage = databaseMessage
        self.completedUnits = completedUnits
        self.totalUnits = totalUnits
        self.lockTimedOut = lockTimedOut
        self.table = table
    }

    /// The failure in words: which migration, which operation, and what was kept.
    public var description: String {
        // A summary quotes the schema's text (a default, an expression): one line, escaped.
        let place = operation.map { " at '\(ControlCharacters.escaped($0))'" } ?? ""
        guard totalUnits > 1 else {
            return "migration \(migration) failed\(place): \(databaseMessage); it was rolled back, nothing changed"
        }
        let step = "step \(completedUnits + 1) of \(totalUnits)"
        guard completedUnits > 0 else {
            return "migration \(migration) failed\(place) (\(step)): \(databaseMessage); that step was rolled back, nothing changed"
        }
        return "migration \(migration) stopped\(place) (\(step)): \(databaseMessage); that step was rolled back, and steps 1–\(completedUnits) stay applied and recorded: fix the cause and run the same command again to continue from step \(completedUnits + 1)"
    }
}

/// Applies and reverts the migrations of a `MigrationHistory` on a database, recorded in
/// `strata_migrations` with the checksum of its file.
///
/// Each migration runs as its dialect's plan (`DatabaseDialect.plan`): one transaction, or on
/// lock-aware PostgreSQL several units (a transaction, or one statement outside any) whose
/// progress is recorded in `strata_migration_progress`, so an interrupted run resumes where it
/// stopped. A run holds the dialect's session lock (PostgreSQL's advisory lock) throughout and
/// every statement waits at most `options.lockTimeout` for its lock, retried with backoff.
public struct MigrationRunner: Sendable {
    /// The migrations the runner moves databases through.
    public let history: MigrationHistory
    /// The locking and lock waits.
    public var options: MigrationOptions

    /// A runner for `history`.
    public init(history: MigrationHistory, options: MigrationOptions = MigrationOptions()) {
        self.history = history
        self.options = options
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

    /// The migration that is partially applied (some units of its plan committed), if any;
    /// read-only (nothing is created).
    public func partial(on connection: any MigrationConnection) async throws -> PartialMigration? {
        try await readPartial(connection)
    }

    func readPartial(_ connection: any MigrationConnection) async throws -> PartialMigration? {
        guard try await !connection.query(connection.dialect.tableExistsQuery(ProgressTable.name)).isEmpty else { return nil }
        return try await connection.query(ProgressTable.select(connection.dialect)).first.map { row in
            PartialMigration(
                id: row[0] ?? "", direction: MigrationStep.Direction(rawValue: row[1] ?? "") ?? .upgrade,
                completedUnits: Int(row[2] ?? "") ?? 0, totalUnits: Int(row[3] ?? "") ?? 0, planFingerprint: row[4] ?? ""
            )
        }
    }

    /// Upgrades to `target`, one migration (one plan) after another.
    /// - Parameters:
    ///   - allowDataLoss: Applies upgrades classified lossy even when their file does not
    ///     acknowledge it.
    ///   - progress: Called after each migration is recorded.
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
            return try PlannedMove(migration, .upgrade, from: states[current + 1], dialect: connection.dialect, locking: options.locking) { milliseconds in
                VersionTable.insert(connection.dialect, id: migration.id, position: current + 1, checksum: migration.checksum, durationMilliseconds: milliseconds)
            }
        }
    }

    /// Downgrades to `target`, one migration (one plan) after another.
    /// - Parameters:
    ///   - allowDataLoss: Reverts migrations whose downgrade destroys data (drops a table or a
    ///     column, narrows a type) even when their file does not acknowledge it
    ///     (`acknowledge_downgrade_data_loss: true`).
    @discardableResult
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
            return try PlannedMove(migration, .downgrade, from: states[current + 1], dialect: connection.dialect, locking: options.locking) { _ in
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

    /// Records `id` (or nothing, for base) as the current migration without running anything;
    /// a partially applied migration is forgotten (the stamp says where the database is).
    public func stamp(_ target: MigrationTarget, on connection: any MigrationConnection) async throws {
        try await withSessionLock(connection) {
            try await connection.beginMigrationTransaction()
            do {
                try await connection.execute(VersionTable.createStatement(connection.dialect))
                let goal = try position(of: target, current: -1)
                try await connection.execute(VersionTable.deleteAll(connection.dialect))
                if goal >= 0 {
                    for (position, migration) in history.migrations[0...goal].enumerated() {
                        try await connection.execute(VersionTable.insert(connection.dialect, id: migration.id, position: position, checksum: migration.checksum, durationMilliseconds: 0))
                    }
                }
                if try await !connection.query(connection.dialect.tableExistsQuery(ProgressTable.name)).isEmpty {
                    try await connection.execute(ProgressTable.deleteAll(connection.dialect))
                }
                try await connection.commitMigrationTransaction()
            } catch {
                await connection.rollbackMigrationTransaction()
                throw error
            }
        }
    }
}
