/// A table with its columns and every constraint and index, each with its final name.
public struct Table: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case columns = "columns"
        case primaryKey = "primaryKey"
        case uniqueConstraints = "uniqueConstraints"
        case checkConstraints = "checkConstraints"
        case foreignKeys = "foreignKeys"
        case indexes = "indexes"
        case renamedFrom = "renamedFrom"
        case comment = "comment"
    }

    /// The SQL name of the table.
    public var name: String
    /// Columns in declaration order.
    public var columns: [Column]
    /// The primary key (one or more columns).
    public var primaryKey: PrimaryKey
    /// Multi- or single-column unique constraints.
    public var uniqueConstraints: [UniqueConstraint]
    /// CHECK constraints written in `schema.yaml` (column `check:` and table `checks:`).
    public var checkConstraints: [CheckConstraint]
    /// Foreign keys, in column order.
    public var foreignKeys: [ForeignKey]
    /// Plain and unique indexes.
    public var indexes: [Index]
    /// The table's previous name, when `schema.yaml` declares a rename (`renamed_from:`).
    public var renamedFrom: String?
    /// The table's `doc:`, which PostgreSQL keeps as its comment (`COMMENT ON TABLE`).
    public var comment: String?

    public init(
        name: String,
        columns: [Column],
        primaryKey: PrimaryKey,
        uniqueConstraints: [UniqueConstraint] = [],
        checkConstraints: [CheckConstraint] = [],
        foreignKeys: [ForeignKey] = [],
        indexes: [Index] = [],
        renamedFrom: String? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniqueConstraints = uniqueConstraints
        self.checkConstraints = checkConstraints
        self.foreignKeys = foreignKeys
        self.indexes = indexes
        self.renamedFrom = renamedFrom
        self.comment = comment
    }

    /// The table without its declared renames (`renamed_from:` guides a diff, and is never part
    /// of a migrated state).
    public var withoutRenames: Table {
        var plain = self
        plain.renamedFrom = nil
        plain.columns = columns.map(\.withoutRename)
        return plain
    }

    /// The column named `name`, if any.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The names of the tables this table references, excluding itself, in foreign-key order.
    public var referencedTables: [String] {
        var seen: [String] = []
        for key in foreignKeys where key.referencedTable != name && !seen.contains(key.referencedTable) {
            seen.append(key.referencedTable)
        }
        return seen
    }
}

/// A column of a table.
public struct Column: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case name = "name"
        case type = "type"
        case isNullable = "isNullable"
        case defaultValue = "defaultValue"
        case isUpdatedOnWrite = "isUpdatedOnWrite"
        case renamedFrom = "renamedFrom"
        case comment = "comment"
        case enumCheckName = "enumCheckName"
    }

    /// The SQL name of the column.
    public var name: String
    /// The column's logical type.
    public var type: ColumnType
    /// Whether the column accepts NULL.
    public var isNullable: Bool
    /// The database default, if any.
    public var defaultValue: ColumnDefault?
    /// Whether the repository sets this column to the current time on every update (`on_update: now`).
    public var isUpdatedOnWrite: Bool
    /// The column's previous name, when `schema.yaml` declares a rename (`renamed_from:`).
    public var renamedFrom: String?
    /// The column's `doc:`, which PostgreSQL keeps as its comment (`COMMENT ON COLUMN`).
    public var comment: String?
    /// For an enum column, the name of the CHECK that keeps its values (`check_name:`, a name a
    /// database already has); `nil` for the convention's `ck_<table>_<column>_enum`.
    public var enumCheckName: String?

    public init(
        name: String,
        type: ColumnType,
        isNullable: Bool = false,
        defaultValue: ColumnDefault? = nil,
        isUpdatedOnWrite: Bool = false,
        renamedFrom: String? = nil,
        comment: String? = nil,
        enumCheckName: String? = nil
    ) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.defaultValue = defaultValue
        self.isUpdatedOnWrite = isUpdatedOnWrite
        self.renamedFrom = renamedFrom
        self.comment = comment
        self.enumCheckName = enumCheckName
    }
}

extension Column {
    /// The column without its declared rename (`renamed_from:`).
    public var withoutRename: Column {
        var plain = self
        plain.renamedFrom = nil
        return plain
    }
}
