/// One dialect-neutral step of a migration. Every operation carries what is needed to reverse it
/// (a dropped table keeps its definition, an altered column keeps its old definition), so a
/// downgrade is the upgrade's operations reversed, and nothing is read back from a database.
public enum MigrationOperation: Hashable, Codable, Sendable {
    case createTable(Table)
    case dropTable(Table)
    case renameTable(from: String, to: String)
    /// Adds a column at the end of the table.
    case addColumn(table: String, column: Column)
    case dropColumn(table: String, column: Column)
    case renameColumn(table: String, from: String, to: String)
    /// Changes a column's type, nullability, default or `on_update`; `from` is the old definition.
    case alterColumn(table: String, from: Column, to: Column)
    case alterPrimaryKey(table: String, from: PrimaryKey, to: PrimaryKey)
    case createIndex(table: String, index: Index)
    case dropIndex(table: String, index: Index)
    case addUnique(table: String, constraint: UniqueConstraint)
    case dropUnique(table: String, constraint: UniqueConstraint)
    case addCheck(table: String, constraint: CheckConstraint)
    case dropCheck(table: String, constraint: CheckConstraint)
    case addForeignKey(table: String, key: ForeignKey)
    case dropForeignKey(table: String, key: ForeignKey)
    case createEnum(EnumType)
    case dropEnum(EnumType)
    /// Changes an enum's values; `renamedValues` maps old values to new ones (rows are updated).
    case alterEnum(from: EnumType, to: EnumType, renamedValues: [ValueRename])
    /// Hand-written SQL per dialect, with its explicit reverse.
    case sql(RawSQL)
    /// Changes a table's comment (its `doc:`); PostgreSQL keeps it, SQLite has none.
    case alterTableComment(table: String, from: String?, to: String?)
    /// Creates an object of `sql_objects:` with its SQL (`create`).
    case createSQLObject(SQLObject)
    /// Drops an object of `sql_objects:` with its SQL (`drop`).
    case dropSQLObject(SQLObject)
}

/// A renamed enum value.
public struct ValueRename: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case from = "from"
        case to = "to"
    }

    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Hand-written SQL for a data migration: the statements per dialect (`sqlite`, `postgres`) and
/// their reverse. A dialect without statements runs nothing for it.
public struct RawSQL: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md): fixed strings, so renaming a
    /// property never changes the format.
    private enum CodingKeys: String, CodingKey {
        case upgrade = "upgrade"
        case downgrade = "downgrade"
        case description = "description"
    }

    public var upgrade: [String: String]
    public var downgrade: [String: String]
    /// What the statements do, for messages.
    public var description: String

    public init(upgrade: [String: String], downgrade: [String: String], description: String = "raw SQL") {
        self.upgrade = upgrade
        self.downgrade = downgrade
        self.description = description
    }
}

extension MigrationOperation {
    /// The operation that undoes this one.
    public var reversed: MigrationOperation {
        switch self {
        case .createTable(let table): .dropTable(table)
        case .dropTable(let table): .createTable(table)
        case .renameTable(let from, let to): .renameTable(from: to, to: from)
        case .addColumn(let table, let column): .dropColumn(table: table, column: column)
        case .dropColumn(let table, let column): .addColumn(table: table, column: column)
        case .renameColumn(let table, let from, let to): .renameColumn(table: table, from: to, to: from)
        case .alterColumn(let table, let from, let to): .alterColumn(table: table, from: to, to: from)
        case .alterPrimaryKey(let table, let from, let to): .alterPrimaryKey(table: table, from: to, to: from)
        case .createIndex(let table, let index): .dropIndex(table: table, index: index)
        case .dropIndex(let table, let index): .createIndex(table: table, index: index)
        case .addUnique(let table, let constraint): .dropUnique(table: table, constraint: constraint)
        case .dropUnique(let table, let constraint): .addUnique(table: table, constraint: constraint)
        case .addCheck(let table, let constraint): .dropCheck(table: table, constraint: constraint)
        case .dropCheck(let table, let constraint): .addCheck(table: table, constraint: constraint)
        case .addForeignKey(let table, let key): .dropForeignKey(table: table, key: key)
        case .dropForeignKey(let table, let key): .addForeignKey(table: table, key: key)
        case .createEnum(let value): .dropEnum(value)
        case .dropEnum(let value): .createEnum(value)
        case .alterEnum(let from, let to, let renames):
            .alterEnum(from: to, to: from, renamedValues: renames.map { ValueRename(from: $0.to, to: $0.from) })
        case .sql(let raw): .sql(raw.reversed)
        case .alterTableComment(let table, let from, let to): .alterTableComment(table: table, from: to, to: from)
        case .createSQLObject(let object): .dropSQLObject(object)
        case .dropSQLObject(let object): .createSQLObject(object)
        }
    }

    /// A short human description (`add column patterns.last_seen`).
    public var summary: String {
        switch self {
        case .createTable(let table): "create table \(table.name)"
        case .dropTable(let table): "drop table \(table.name)"
        case .renameTable(let from, let to): "rename table \(from) to \(to)"
        case .addColumn(let table, let column): "add column \(table).\(column.name)"
        case .dropColumn(let table, let column): "drop column \(table).\(column.name)"
        case .renameColumn(let table, let from, let to): "rename column \(table).\(from) to \(to)"
        case .alterColumn(let table, let from, let to): "alter column \(table).\(to.name) (\(from.changes(to: to).joined(separator: ", ")))"
        case .alterPrimaryKey(let table, _, let to): "alter primary key of \(table) to (\(to.columns.joined(separator: ", ")))"
        case .createIndex(let table, let index): "create \(index.isUnique ? "unique " : "")index \(index.name) on \(table)"
        case .dropIndex(let table, let index): "drop index \(index.name) on \(table)"
        case .addUnique(let table, let constraint): "add unique \(constraint.name) on \(table)"
        case .dropUnique(let table, let constraint): "drop unique \(constraint.name) on \(table)"
        case .addCheck(let table, let constraint): "add check \(constraint.name) on \(table)"
        case .dropCheck(let table, let constraint): "drop check \(constraint.name) on \(table)"
        case .addForeignKey(let table, let key): "add foreign key \(key.name) on \(table)"
        case .dropForeignKey(let table, let key): "drop foreign key \(key.name) on \(table)"
        case .createEnum(let value): "create enum \(value.name)"
        case .dropEnum(let value): "drop enum \(value.name)"
        case .alterEnum(let from, let to, _): "alter enum \(to.name) (\(from.values.joined(separator: ", ")) → \(to.values.joined(separator: ", ")))"
        case .sql(let raw): raw.description
        case .alterTableComment(let table, _, let to): to == nil ? "remove the comment of table \(table)" : "comment table \(table)"
        case .createSQLObject(let object): "create SQL object \(object.name)"
        case .dropSQLObject(let object): "drop SQL object \(object.name)"
        }
    }
}

extension Column {
    /// What differs between this definition and `other`, in words (`type int → string`).
    public func changes(to other: Column) -> [String] {
        var changes: [String] = []
        if type != other.type { changes.append("type \(type.displayName) → \(other.type.displayName)") }
        if isNullable != other.isNullable { changes.append(other.isNullable ? "nullable" : "not null") }
        if defaultValue != other.defaultValue { changes.append("default \(defaultValue?.displayName ?? "none") → \(other.defaultValue?.displayName ?? "none")") }
        if isUpdatedOnWrite != other.isUpdatedOnWrite { changes.append(other.isUpdatedOnWrite ? "on_update now" : "no on_update") }
        if enumMaxLength != other.enumMaxLength { changes.append("max_length \(enumMaxLength.map(String.init) ?? "none") → \(other.enumMaxLength.map(String.init) ?? "none")") }
        if generatedExpression != other.generatedExpression {
            changes.append(other.generatedExpression.map { "generated as \($0.postgres ?? $0.sqlite ?? "")" } ?? "not generated")
        }
        if isAutoIncrement != other.isAutoIncrement { changes.append(other.isAutoIncrement ? "auto_increment" : "no auto_increment") }
        if comment != other.comment { changes.append(other.comment == nil ? "no comment" : "comment") }
        return changes
    }
}

extension ColumnType {
    /// `string(200)`, `int`, `json (postgres_type: json)`, `trust_tier`…
    public var displayName: String {
        if case .string(let maxLength?) = self { return "string(\(maxLength))" }
        if self == .textualJSON { return "json (postgres_type: json)" }
        if case .decimal(let precision, let scale) = self { return "decimal(\(precision),\(scale))" }
        return schemaName
    }
}

extension ColumnDefault {
    /// `now`, `uuid`, `'observe'`, `1`…
    public var displayName: String {
        switch self {
        case .now: "now"
        case .uuid: "uuid"
        case .literal(.string(let text)): "'\(text)'"
        case .literal(.int(let number)): String(number)
        case .literal(.double(let number)): number.description
        case .literal(.bool(let flag)): flag ? "true" : "false"
        case .literal(.json(let text)): text
        case .sql(let expression):
            expression.sqlite == expression.postgres
                ? "sql \(expression.sqlite ?? "")"
                : "sql (sqlite: \(expression.sqlite ?? "none"), postgres: \(expression.postgres ?? "none"))"
        }
    }
}

extension MigrationOperation {
    /// The table the operation changes, for operations on one table (`nil` for enums, renames of
    /// tables and hand-written SQL).
    public var tableName: String? {
        switch self {
        case .createTable(let table), .dropTable(let table): table.name
        case .addColumn(let table, _), .dropColumn(let table, _), .renameColumn(let table, _, _), .alterColumn(let table, _, _),
             .alterPrimaryKey(let table, _, _), .createIndex(let table, _), .dropIndex(let table, _), .addUnique(let table, _),
             .dropUnique(let table, _), .addCheck(let table, _), .dropCheck(let table, _), .addForeignKey(let table, _),
             .dropForeignKey(let table, _), .alterTableComment(let table, _, _): table
        case .renameTable, .createEnum, .dropEnum, .alterEnum, .sql, .createSQLObject, .dropSQLObject: nil
        }
    }
}
