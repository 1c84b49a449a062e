import StrataSchema

/// What the runtime knows about a generated model's table: names, types, nullability, the key.
public struct TableMetadata: Hashable, Sendable {
    /// The SQL table name.
    public let name: String
    /// The columns in declaration order; `CodingKeys` and `Columns` follow the same order.
    public let columns: [ColumnMetadata]
    /// The primary key's column names, in key order.
    public let primaryKey: [String]
    /// The positions of the columns declared `on_update: now` (derived from `columns`, once).
    @usableFromInline let updatedOnWritePositions: [Int]

    /// A table's description, as the generator writes it.
    public init(name: String, columns: [ColumnMetadata], primaryKey: [String]) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        updatedOnWritePositions = columns.indices.filter { columns[$0].isUpdatedOnWrite }
    }

    /// The column with SQL name `name`, if any.
    public func column(named name: String) -> ColumnMetadata? {
        columns.first { $0.name == name }
    }
}

/// One column of a `TableMetadata`.
public struct ColumnMetadata: Hashable, Sendable {
    /// The SQL column name.
    public let name: String
    /// The logical type, as in `schema.yaml`.
    public let type: ColumnType
    /// Whether the column accepts NULL.
    public let isNullable: Bool
    /// Whether the database has a default for the column.
    public let hasDefault: Bool
    /// Whether the repository sets the column to the current time on update (`on_update: now`).
    public let isUpdatedOnWrite: Bool
    /// Whether the column is part of the primary key.
    public let isPrimaryKey: Bool
    /// Whether the database assigns the column's value on insert (`auto_increment: true`): the
    /// repository leaves it out of an insert while the model's key is nil, and reads it back.
    public let isAutoIncrement: Bool
    /// Whether the database computes the column (`generated:`): the repository never writes it,
    /// and reads it back after a write.
    public let isGenerated: Bool

    /// A column's description, as the generator writes it.
    public init(
        name: String, type: ColumnType, isNullable: Bool, hasDefault: Bool, isUpdatedOnWrite: Bool, isPrimaryKey: Bool,
        isAutoIncrement: Bool = false, isGenerated: Bool = false
    ) {
        self.isAutoIncrement = isAutoIncrement
        self.isGenerated = isGenerated
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.hasDefault = hasDefault
        self.isUpdatedOnWrite = isUpdatedOnWrite
        self.isPrimaryKey = isPrimaryKey
    }
}

/// A typed reference to one column of a model: its SQL name and its position in the table.
///
/// Generated models expose one per column in their `Columns` namespace
/// (`Pattern.Columns.trustTier` is a `ColumnDescriptor<Pattern, TrustTier>`).
public struct ColumnDescriptor<Record, Value>: Hashable, Sendable {
    /// The SQL column name.
    public let name: String
    /// The column's position in `TableMetadata.columns`.
    public let position: Int

    /// The column `name`, at `position` in table order.
    public init(_ name: String, position: Int) {
        self.name = name
        self.position = position
    }
}

/// A generated model backed by a table.
public protocol TableModel: Codable, Hashable, Sendable {
    /// The table the model is stored in.
    static var table: TableMetadata { get }
}
