/// An object of the database the schema cannot model (a function, a trigger, a view): named SQL
/// per dialect that creates it, with the SQL that drops it (`sql_objects:` in `schema.yaml`).
///
/// It is created after the tables it names and dropped before them; a migration that changes one
/// of those tables drops it first and creates it again after, so a SQLite table rebuild never
/// meets a trigger or view that reads the old table. A dialect without `create` SQL has no such
/// object.
public struct SQLObject: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md).
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case tables = "tables"
        case create = "create"
        case drop = "drop"
    }

    /// The object's name in `schema.yaml`, a schema identifier.
    public var name: String
    /// The tables it reads or is attached to.
    public var tables: [String]
    /// The statements that create it, per dialect (`sqlite`, `postgres`).
    public var create: [String: String]
    /// The statements that drop it, per dialect: the explicit reverse of `create`.
    public var drop: [String: String]

    /// An object named `name` on `tables`.
    public init(name: String, tables: [String], create: [String: String], drop: [String: String]) {
        self.name = name
        self.tables = tables
        self.create = create
        self.drop = drop
    }

    /// `create` and `drop` as hand-written SQL, for the dialects' planners.
    public var creation: RawSQL { RawSQL(upgrade: create, downgrade: drop, description: "create \(name)") }
}

extension RawSQL {
    /// The SQL that undoes this: `downgrade` as the upgrade, and back.
    public var reversed: RawSQL { RawSQL(upgrade: downgrade, downgrade: upgrade, description: description) }
}
