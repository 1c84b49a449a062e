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
        case descendingColumns = "descendingColumns"
        case expressions = "expressions"
        case includedColumns = "includedColumns"
    }

    /// The index name (`ix_<table>_<columns>` by convention).
    public var name: String
    /// The indexed columns, in order (the first keys of the index).
    public var columns: [String]
    /// Whether the index enforces uniqueness.
    public var isUnique: Bool
    /// For a partial index, the condition a row must meet to be indexed (`where:`), validated as
    /// checks are; `nil` for an index of every row.
    public var predicate: String?
    /// The columns of `columns` sorted descending (`created_at desc`).
    public var descendingColumns: [String]
    /// SQL expressions indexed after the columns (`lower(email)`), validated as checks are.
    public var expressions: [String]
    /// Columns stored in the index without being keys (`include:`; PostgreSQL `INCLUDE`, so that a
    /// query reading only them is answered from the index; SQLite has no such clause).
    public var includedColumns: [String]

    /// An index named `name` on `columns` (then `expressions`); partial when `predicate` is given.
    public init(name: String, columns: [String], isUnique: Bool = false, predicate: String? = nil,
                descendingColumns: [String] = [], expressions: [String] = [], includedColumns: [String] = []) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
        self.predicate = predicate
        self.descendingColumns = descendingColumns
        self.expressions = expressions
        self.includedColumns = includedColumns
    }

    /// Reads the format; the keys added after version 1 was written are optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        columns = try container.decode([String].self, forKey: .columns)
        isUnique = try container.decode(Bool.self, forKey: .isUnique)
        predicate = try container.decodeIfPresent(String.self, forKey: .predicate)
        descendingColumns = try container.decodeIfPresent([String].self, forKey: .descendingColumns) ?? []
        expressions = try container.decodeIfPresent([String].self, forKey: .expressions) ?? []
        includedColumns = try container.decodeIfPresent([String].self, forKey: .includedColumns) ?? []
    }

    /// Writes the format, leaving out empty lists (so an index without them reads as before).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(columns, forKey: .columns)
        try container.encode(isUnique, forKey: .isUnique)
        try container.encodeIfPresent(predicate, forKey: .predicate)
        if !descendingColumns.isEmpty { try container.encode(descendingColumns, forKey: .descendingColumns) }
        if !expressions.isEmpty { try container.encode(expressions, forKey: .expressions) }
        if !includedColumns.isEmpty { try container.encode(includedColumns, forKey: .includedColumns) }
    }

    /// Whether the index is a plain one on its columns: no expressions, condition, order or
    /// included columns (what a unique constraint or a foreign key's target can be).
    public var isPlain: Bool {
        predicate == nil && descendingColumns.isEmpty && expressions.isEmpty && includedColumns.isEmpty
    }
}
