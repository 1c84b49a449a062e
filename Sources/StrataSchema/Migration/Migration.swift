/// One migration: its place in the history, its operations both ways, and how it treats data.
public struct Migration: Hashable, Codable, Sendable {
    /// Unique id, also the file name without `.yaml` (`0002_add_workflow_automation_tables`).
    public var id: String
    /// The migration this one follows; `nil` for the first.
    public var parent: String?
    /// What the migration does, in the author's words.
    public var message: String
    /// The operations that upgrade, in order.
    public var upgrade: [MigrationOperation]
    /// The operations that downgrade, in order (normally the upgrade reversed).
    public var downgrade: [MigrationOperation]
    /// Set in the file by a person who accepts that the upgrade destroys data.
    public var acknowledgesDataLoss: Bool
    /// Set in the file (`acknowledge_downgrade_data_loss: true`) by a person who accepts that the
    /// downgrade destroys data (it drops a table or a column the upgrade added, for example).
    public var acknowledgesDowngradeDataLoss: Bool
    /// Set in the file (`acknowledge_blocking_locks: true`) by a person who accepts that a step
    /// blocks writes for as long as it takes on the table (`strata lint` then passes).
    public var acknowledgesBlockingLocks: Bool
    /// SHA-256 of the migration file's bytes, taken when it is read.
    public var checksum: String

    public init(
        id: String, parent: String?, message: String, upgrade: [MigrationOperation], downgrade: [MigrationOperation],
        acknowledgesDataLoss: Bool = false, acknowledgesDowngradeDataLoss: Bool = false, acknowledgesBlockingLocks: Bool = false, checksum: String = ""
    ) {
        self.id = id
        self.parent = parent
        self.message = message
        self.upgrade = upgrade
        self.downgrade = downgrade
        self.acknowledgesDataLoss = acknowledgesDataLoss
        self.acknowledgesDowngradeDataLoss = acknowledgesDowngradeDataLoss
        self.acknowledgesBlockingLocks = acknowledgesBlockingLocks
        self.checksum = checksum
    }

    /// The keys of the embedded format (fixed strings; see `EmbeddedMigrationFormat`).
    private enum CodingKeys: String, CodingKey {
        case format = "format"
        case id = "id"
        case parent = "parent"
        case message = "message"
        case upgrade = "upgrade"
        case downgrade = "downgrade"
        case acknowledgesDataLoss = "acknowledgesDataLoss"
        case acknowledgesDowngradeDataLoss = "acknowledgesDowngradeDataLoss"
        case acknowledgesBlockingLocks = "acknowledgesBlockingLocks"
        case checksum = "checksum"
    }

    /// Writes the migration in the embedded format, version `EmbeddedMigrationFormat.version`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(EmbeddedMigrationFormat.version, forKey: .format)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encode(message, forKey: .message)
        try container.encode(upgrade, forKey: .upgrade)
        try container.encode(downgrade, forKey: .downgrade)
        try container.encode(acknowledgesDataLoss, forKey: .acknowledgesDataLoss)
        try container.encode(acknowledgesDowngradeDataLoss, forKey: .acknowledgesDowngradeDataLoss)
        // Written only when set, so the documents of migrations without it stay as they were.
        if acknowledgesBlockingLocks { try container.encode(true, forKey: .acknowledgesBlockingLocks) }
        try container.encode(checksum, forKey: .checksum)
    }

    /// Reads a migration in the embedded format, or in the format written before it was versioned
    /// (no `format` key; `acknowledgesDowngradeDataLoss` possibly absent).
    /// - Throws: `DecodingError` for a format newer than this code reads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decodeIfPresent(Int.self, forKey: .format) ?? 0
        guard format <= EmbeddedMigrationFormat.version else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "embedded migration format \(format) is newer than this Strata reads (\(EmbeddedMigrationFormat.version)): update Strata or run 'strata generate'"
            )
        }
        id = try container.decode(String.self, forKey: .id)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        message = try container.decode(String.self, forKey: .message)
        upgrade = try container.decode([MigrationOperation].self, forKey: .upgrade)
        downgrade = try container.decode([MigrationOperation].self, forKey: .downgrade)
        acknowledgesDataLoss = try container.decode(Bool.self, forKey: .acknowledgesDataLoss)
        acknowledgesDowngradeDataLoss = try container.decodeIfPresent(Bool.self, forKey: .acknowledgesDowngradeDataLoss) ?? false
        acknowledgesBlockingLocks = try container.decodeIfPresent(Bool.self, forKey: .acknowledgesBlockingLocks) ?? false
        checksum = try container.decode(String.self, forKey: .checksum)
    }

    /// The operations of the upgrade (or the downgrade) that destroy data, in words, when the file
    /// does not acknowledge it; empty when running it needs no acknowledgement.
    public func unacknowledgedDataLoss(_ direction: MigrationDirection) -> [String] {
        let (operations, acknowledged) = direction == .upgrade ? (upgrade, acknowledgesDataLoss) : (downgrade, acknowledgesDowngradeDataLoss)
        guard !acknowledged else { return [] }
        return operations.filter { $0.dataLoss == .lossy }.map(\.summary)
    }

    /// The worst data loss of the upgrade.
    public var upgradeDataLoss: DataLoss { upgrade.map(\.dataLoss).max() ?? .safe }
    /// The worst data loss of the downgrade.
    public var downgradeDataLoss: DataLoss { downgrade.map(\.dataLoss).max() ?? .safe }
}

/// An operation of a migration that does not fit the schema it applies to.
public struct MigrationReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The migration's id.
    public var migration: String
    /// The list the operation is in.
    public var direction: MigrationDirection
    /// The operation's position in that list; `nil` when the problem is the migration's result
    /// as a whole (a foreign key left pointing at a dropped table).
    public var operation: Int?
    /// The operation in words.
    public var summary: String?
    /// What does not fit.
    public var message: String

    public var description: String {
        let place = summary.map { ", \(direction.rawValue) \(ControlCharacters.escaped($0))" } ?? (direction == .downgrade ? ", downgrade" : "")
        return "migration '\(migration)'\(place): \(message)"
    }
}

/// Which way a migration runs.
public enum MigrationDirection: String, Hashable, Sendable {
    case upgrade, downgrade
}

/// The migrations of a project as one chain from the first to the single head.
public struct MigrationHistory: Hashable, Sendable {
    /// The migrations in order, first to head.
    public let migrations: [Migration]
    /// Why the embedded history could not be read (a hand-edited `Migrations.swift`, or one
    /// embedded by a newer Strata); every migration verb then throws it before touching a database.
    public var unreadable: String? = nil

    /// The history without migrations.
    public static let empty = MigrationHistory(ordered: [])

    /// Orders `migrations` by their parents.
    /// - Throws: `MigrationError` when the history has no first migration, several heads, a
    ///   missing parent, a repeated id or a cycle; the message lists what is wrong.
    public init(_ migrations: [Migration]) throws {
        guard !migrations.isEmpty else {
            self.migrations = []
            return
        }
        var byID: [String: Migration] = [:]
        for migration in migrations {
            guard byID[migration.id] == nil else { throw MigrationError("two migrations have the id '\(migration.id)': rename one file and its id") }
            byID[migration.id] = migration
        }
        for migration in migrations {
            if let parent = migration.parent, byID[parent] == nil {
                throw MigrationError("migration '\(migration.id)' follows '\(parent)', which does not exist")
            }
        }
        // A cycle first: a migration that follows itself (directly or through others) would
        // otherwise be reported as a second head or an unreachable migration.
        for migration in migrations.sorted(by: { $0.id < $1.id }) {
            if migration.parent == migration.id {
                throw MigrationError("migration '\(migration.id)' names itself as its parent, a cycle: set 'parent' to the migration it follows (or ~ for the first)")
            }
            var chain = [migration.id]
            var next = migration.parent
            while let id = next, let parent = byID[id] {
                if let start = chain.firstIndex(of: id) {
                    let cycle = chain[start...] + [id]
                    throw MigrationError("the parents of migrations form a cycle: \(cycle.joined(separator: " → ")); each migration must follow an earlier one")
                }
                chain.append(id)
                next = parent.parent
            }
        }
        let roots = migrations.filter { $0.parent == nil }.map(\.id).sorted()
        guard roots.count == 1 else {
            throw MigrationError(roots.isEmpty
                ? "no migration is the first (every one names a parent): the history has a cycle"
                : "several migrations are first (no parent): \(roots.joined(separator: ", ")); give all but one a parent")
        }
        var children: [String: [String]] = [:]
        for migration in migrations { if let parent = migration.parent { children[parent, default: []].append(migration.id) } }
        let heads = migrations.filter { children[$0.id] == nil }.map(\.id).sorted()
        guard heads.count == 1 else {
            throw MigrationError("the history has \(heads.count) heads: \(heads.joined(separator: ", ")); make one follow the other (edit its 'parent') so that there is one head")
        }
        var ordered: [Migration] = []
        var current: String? = roots[0]
        while let id = current {
            ordered.append(byID[id]!)
            let next = children[id] ?? []
            guard next.count <= 1 else {
                throw MigrationError("migrations \(next.sorted().joined(separator: " and ")) both follow '\(id)': make one follow the other")
            }
            current = next.first
        }
        guard ordered.count == migrations.count else {
            throw MigrationError("migrations not reachable from the first one: \(Set(byID.keys).subtracting(ordered.map(\.id)).sorted().joined(separator: ", "))")
        }
        self.migrations = ordered
    }

    /// A history whose migrations are already in order.
    private init(ordered: [Migration]) {
        migrations = ordered
    }

    /// The id of the last migration, if any.
    public var head: String? { migrations.last?.id }

    /// The position of `id` in the chain.
    public func position(of id: String) -> Int? {
        migrations.firstIndex { $0.id == id }
    }

    /// The schema before the first migration and after each one, in one replay: element 0 is the
    /// empty schema, element `i + 1` the state after `migrations[i]`.
    /// - Throws: `MigrationError` when an operation does not fit.
    /// Every operation is checked against the state it applies to (`Schema.apply`), foreign keys
    /// and enum types once each migration's operations have run, and the downgrade must apply to
    /// the state the upgrade leaves.
    /// - Throws: `MigrationReplayError` naming the migration and the operation that does not fit.
    public func states() throws -> [Schema] {
        var states = [Schema()]
        for migration in migrations {
            let before = states[states.count - 1]
            let after = try Self.replay(migration, .upgrade, from: before)
            _ = try Self.replay(migration, .downgrade, from: after)
            states.append(after)
        }
        return states
    }

    /// `start` after the operations of `migration` in `direction`, each checked.
    static func replay(_ migration: Migration, _ direction: MigrationDirection, from start: Schema) throws -> Schema {
        var schema = start
        let operations = direction == .upgrade ? migration.upgrade : migration.downgrade
        for (position, operation) in operations.enumerated() {
            do {
                try schema.apply(operation)
            } catch {
                throw MigrationReplayError(migration: migration.id, direction: direction, operation: position, summary: operation.summary, message: "\(error)")
            }
        }
        do {
            try schema.requireReferencesResolve()
        } catch {
            throw MigrationReplayError(migration: migration.id, direction: direction, operation: nil, summary: nil, message: "\(error)")
        }
        return schema
    }

    /// The schema after applying migrations up to and including `id` (`nil`: the empty schema).
    /// - Throws: `MigrationError` when an operation does not fit.
    public func schema(at id: String?) throws -> Schema {
        guard let id else { return Schema() }
        guard let end = position(of: id) else { throw MigrationError("unknown migration '\(id)'") }
        return try MigrationHistory(ordered: Array(migrations[...end])).states().last!
    }
}
