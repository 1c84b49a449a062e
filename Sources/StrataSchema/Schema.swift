/// A validated database schema: the intermediate representation (IR) every Strata stage shares.
///
/// A `Schema` is what the generator builds from `schema.yaml` after validation, what the SQL
/// renderers turn into DDL, and what migrations diff and replay. It holds no source locations and no
/// Swift names, so two schemas are equal exactly when they describe the same database.
public struct Schema: Hashable, Codable, Sendable {
    /// Enumerated types, in the order the file declares them.
    public var enums: [EnumType]
    /// Tables, in the order the file declares them.
    public var tables: [Table]
    /// Functions, triggers and other objects as SQL (`sql_objects:`), in file order.
    public var sqlObjects: [SQLObject]

    public init(enums: [EnumType] = [], tables: [Table] = [], sqlObjects: [SQLObject] = []) {
        self.enums = enums
        self.tables = tables
        self.sqlObjects = sqlObjects
    }

    /// The SQL object named `name`, if any.
    public func sqlObject(named name: String) -> SQLObject? {
        sqlObjects.first { $0.name == name }
    }

    /// The table named `name`, if any.
    public func table(named name: String) -> Table? {
        tables.first { $0.name == name }
    }

    /// The enum named `name`, if any.
    public func enumType(named name: String) -> EnumType? {
        enums.first { $0.name == name }
    }
}

/// A named set of string values; stored as text and kept honest by a CHECK constraint.
public struct EnumType: Hashable, Codable, Sendable {
    /// The enum's name in `schema.yaml` (`trust_tier`).
    public var name: String
    /// The allowed values, in declaration order.
    public var values: [String]
    /// Values renamed since the last migration, as declared in `schema.yaml` (`renamed_from:`);
    /// a hint for autogenerate, never part of the migrated state.
    public var renamedValues: [ValueRename]

    public init(name: String, values: [String], renamedValues: [ValueRename] = []) {
        self.name = name
        self.values = values
        self.renamedValues = renamedValues
    }
}

extension EnumType {
    private enum CodingKeys: String, CodingKey { case name = "name", values = "values", renamedValues = "renamedValues" }

    /// Decodes JSON written before `renamedValues` existed as well.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        values = try container.decode([String].self, forKey: .values)
        renamedValues = try container.decodeIfPresent([ValueRename].self, forKey: .renamedValues) ?? []
    }
}

extension EnumType {
    /// The longest value, in UTF-8 bytes.
    public static let maximumValueLength = 255

    /// Why `value` cannot be a value of an enum, or `nil` when it can: any text (`NOTEBOOK`,
    /// `in-progress`, `2fa`) that is not empty, holds no control or bidirectional characters and
    /// is at most 255 bytes. Values reach SQL only as quoted literals and Swift only as escaped
    /// raw values.
    public static func valueProblem(_ value: String) -> String? {
        if value.isEmpty { return "a value may not be empty" }
        if value.unicodeScalars.contains(where: ControlCharacters.isUnsafe) { return "a value may not hold control or bidirectional characters" }
        if value.utf8.count > maximumValueLength { return "a value is at most \(maximumValueLength) bytes" }
        return nil
    }
}
