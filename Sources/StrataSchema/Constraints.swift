/// A table's primary key.
public struct PrimaryKey: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case columns = "columns"
    }

    /// The constraint name (`pk_<table>` by convention).
    public var name: String
    /// The key's columns, in key order.
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A UNIQUE constraint over one or more columns.
public struct UniqueConstraint: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case columns = "columns"
    }

    /// The constraint name (`uq_<table>_<columns>` by convention).
    public var name: String
    /// The constrained columns, in order.
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A CHECK constraint with an SQL boolean expression that both dialects accept.
public struct CheckConstraint: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case expression = "expression"
    }

    /// The constraint name (`ck_<table>_<column>` by convention).
    public var name: String
    /// The SQL expression, exactly as written in `schema.yaml`.
    public var expression: String

    public init(name: String, expression: String) {
        self.name = name
        self.expression = expression
    }
}

/// What the database does to referencing rows when the referenced row is deleted or updated.
public enum ReferentialAction: String, Hashable, Codable, Sendable, CaseIterable {
    case cascade = "cascade"
    case setNull = "set_null"
    case restrict = "restrict"
    case noAction = "no_action"
}

/// A FOREIGN KEY constraint.
public struct ForeignKey: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case columns = "columns"
        case referencedTable = "referencedTable"
        case referencedColumns = "referencedColumns"
        case onDelete = "onDelete"
        case onUpdate = "onUpdate"
    }

    /// The constraint name (`fk_<table>_<columns>_<referenced table>` by convention).
    public var name: String
    /// The referencing columns of this table.
    public var columns: [String]
    /// The referenced table.
    public var referencedTable: String
    /// The referenced columns, paired with `columns`.
    public var referencedColumns: [String]
    /// The action on delete of the referenced row.
    public var onDelete: ReferentialAction
    /// The action on update of the referenced key.
    public var onUpdate: ReferentialAction

    public init(
        name: String,
        columns: [String],
        referencedTable: String,
        referencedColumns: [String],
        onDelete: ReferentialAction = .noAction,
        onUpdate: ReferentialAction = .noAction
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}

/// An index, optionally unique.
public struct Index: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case columns = "columns"
        case isUnique = "isUnique"
        case predicate = "predicate"
    }

    /// The index name (`ix_<table>_<columns>` by convention).
    public var name: String
    /// The indexed columns, in order.
    public var columns: [String]
    /// Whether the index enforces uniqueness.
    public var isUnique: Bool
    /// For a partial index, the condition a row must meet to be indexed (`where:`), validated as
    /// checks are; `nil` for an index of every row.
    public var predicate: String?

    /// An index named `name` on `columns`; partial when `predicate` is given.
    public init(name: String, columns: [String], isUnique: Bool = false, predicate: String? = nil) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
        self.predicate = predicate
    }
}
