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
    /// SHA-256 of the migration file's bytes, taken when it is read.
    public var checksum: String

    public init(
        id: String, parent: String?, message: String, upgrade: [MigrationOperation], downgrade: [MigrationOperation],
        acknowledgesDataLoss: Bool = false, checksum: String = ""
    ) {
        self.id = id
        self.parent = parent
        self.message = message
        self.upgrade = upgrade
        self.downgrade = downgrade
        self.acknowledgesDataLoss = acknowledgesDataLoss
        self.checksum = checksum
    }

    /// The worst data loss of the upgrade.
    public var upgradeDataLoss: DataLoss { upgrade.map(\.dataLoss).max() ?? .safe }
    /// The worst data loss of the downgrade.
    public var downgradeDataLoss: DataLoss { downgrade.map(\.dataLoss).max() ?? .safe }
}

/// The migrations of a project as one chain from the first to the single head.
public struct MigrationHistory: Hashable, Sendable {
    /// The migrations in order, first to head.
    public let migrations: [Migration]

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
    public func states() throws -> [Schema] {
        var states = [Schema()]
        for migration in migrations {
            var schema = states[states.count - 1]
            for operation in migration.upgrade {
                do {
                    try schema.apply(operation)
                } catch {
                    throw MigrationError("migration '\(migration.id)', \(operation.summary): \(error)")
                }
            }
            states.append(schema)
        }
        return states
    }

    /// The schema after applying migrations up to and including `id` (`nil`: the empty schema).
    /// - Throws: `MigrationError` when an operation does not fit.
    public func schema(at id: String?) throws -> Schema {
        guard let id else { return Schema() }
        guard let end = position(of: id) else { throw MigrationError("unknown migration '\(id)'") }
        return try MigrationHistory(ordered: Array(migrations[...end])).states().last!
    }
}
