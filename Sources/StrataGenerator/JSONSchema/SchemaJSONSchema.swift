import StrataSchema

/// The JSON Schema of `schema.yaml`, for editors (the YAML language server of VS Code and others
/// completes and checks keys with it). It is built from the parser's own key lists
/// (`SchemaKeys`), so a key the parser accepts is in it and a key it rejects is not; a test keeps
/// the descriptions below in step with those lists and validates every fixture against it.
///
/// `strata generate` writes it as `Generated/strata-schema.json`; `strata init` points the starter
/// schema at it with `# yaml-language-server: $schema=Generated/strata-schema.json`.
public enum SchemaJSONSchema {
    /// The JSON text, deterministic to the byte.
    public static func document() -> String {
        root.rendered() + "\n"
    }

    /// The keys of `SchemaKeys` that have no property schema below (must be empty).
    static var undescribedKeys: [String] {
        let lists: [([String], [String: JSONText])] = [
            (SchemaKeys.root, rootProperties), (SchemaKeys.swift, swiftProperties), (SchemaKeys.database, databaseProperties),
            (SchemaKeys.enumDefinition, enumProperties), (SchemaKeys.enumValue, enumValueProperties), (SchemaKeys.table, tableProperties), (SchemaKeys.column, columnProperties),
            (SchemaKeys.index, indexProperties), (SchemaKeys.unique, uniqueProperties), (SchemaKeys.check, checkProperties),
            (SchemaKeys.primaryKey, primaryKeyProperties), (SchemaKeys.foreignKey, foreignKeyProperties), (SchemaKeys.foreignKeyTarget, foreignKeyTargetProperties),
        ]
        return lists.flatMap { keys, described in keys.filter { described[$0] == nil } }
    }

    static let identifierPattern = "^[a-z_][a-z0-9_]*$"
    static let swiftIdentifierPattern = "^[A-Za-z_][A-Za-z0-9_]*$"

    static func string(_ description: String, pattern: String? = nil) -> JSONText {
        var members: [(key: String, value: JSONText)] = [("type", .string("string")), ("description", .string(description))]
        if let pattern { members.append(("pattern", .string(pattern))) }
        return .object(members)
    }

    static func bool(_ description: String) -> JSONText {
        .object([("type", .string("boolean")), ("description", .string(description))])
    }

    static func ref(_ name: String) -> JSONText {
        .object([("$ref", .string("#/definitions/\(name)"))])
    }

    static func names(_ description: String) -> JSONText {
        .object([
            ("description", .string(description)),
            ("anyOf", .array([string("one column"), .object([("type", .string("array")), ("minItems", .integer(1)), ("items", .object([("type", .string("string"))]))])])),
        ])
    }

    /// An object whose properties are `keys` in the parser's order, each described by `described`.
    static func object(_ description: String, keys: [String], _ described: [String: JSONText], required: [String] = []) -> JSONText {
        var members: [(key: String, value: JSONText)] = [
            ("type", .string("object")), ("description", .string(description)), ("additionalProperties", .bool(false)),
            ("properties", .object(keys.map { ($0, described[$0] ?? .object([])) })),
        ]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONText.string)))) }
        return .object(members)
    }

    /// A mapping of user-chosen names (tables, columns, enums) to values of `item`.
    static func namedMapping(_ description: String, item: JSONText) -> JSONText {
        .object([
            ("type", .string("object")), ("description", .string(description)),
            ("propertyNames", .object([("pattern", .string(identifierPattern))])), ("additionalProperties", item),
        ])
    }

    static let rootProperties: [String: JSONText] = [
        "version": .object([("description", .string("The version of the schema language: 1.")), ("enum", .array([.integer(1)]))]),
        "swift": ref("swift"),
        "database": ref("database"),
        "enums": namedMapping("Enums by name: a list of values, or {values, doc, swift_name}.", item: ref("enum")),
        "tables": namedMapping("Tables by name (lowercase, digits, underscores).", item: ref("table")),
        "views": namedMapping("Views by name: {columns, query, tables, doc, swift_name}; each is a read-only Swift type.", item: .object([
            ("type", .string("object")), ("additionalProperties", .bool(false)), ("required", .array([.string("columns"), .string("query")])),
            ("properties", .object([
                ("columns", .object([("type", .string("object")), ("description", .string("The columns the query returns, in order: a type (id: int) or {type, max_length, precision, scale, postgres_type, nullable, doc, swift_name}."))])),
                ("query", .object([("description", .string("The SELECT the view shows: one text for both dialects, or {sqlite, postgres}."))])),
                ("tables", .object([("type", .string("array")), ("items", .object([("type", .string("string")), ("pattern", .string(identifierPattern))])), ("description", .string("Tables the query reads that its text does not name (the others are found in it)."))])),
                ("doc", .object([("type", .string("string")), ("description", .string("The doc comment of the generated Swift type."))])),
                ("swift_name", string("The Swift type name of a row (default: the singular of the view name).", pattern: swiftIdentifierPattern)),
            ])),
        ])),
        "sql_objects": namedMapping("Functions, triggers and other objects the schema cannot model, by name: {tables, create, drop}, each SQL for both dialects or {sqlite, postgres}.", item: .object([
            ("type", .string("object")), ("additionalProperties", .bool(false)),
            ("properties", .object([
                ("tables", .object([("type", .string("array")), ("items", .object([("type", .string("string")), ("pattern", .string(identifierPattern))])), ("description", .string("The tables it reads or is attached to: it is created after them, dropped before them, and dropped and created again around a migration that changes them."))])),
                ("create", .object([("description", .string("The SQL that creates it: one text for both dialects, or {sqlite, postgres}."))])),
                ("drop", .object([("description", .string("The SQL that drops it, for every dialect it is created in."))])),
            ])),
        ])),
    ]
    static let swiftProperties: [String: JSONText] = [
        "module": string("The Swift module of the generated code, such as JarvisModels.", pattern: swiftIdentifierPattern),
    ]
    static let databaseProperties: [String: JSONText] = [
        "url": string("The default database of the strata CLI: sqlite:path, sqlite::memory: or postgres://user:password@host:port/db."),
        "locking": .object([("enum", .array([.string("lock-aware"), .string("plain")])), ("description", .string("How migrations take their locks on PostgreSQL: lock-aware (default: indexes built concurrently, constraints validated without blocking writes) or plain DDL."))]),
        "lock_timeout": string("How long one migration statement waits for its lock before the attempt is retried, such as 2s (default) or 500ms.", pattern: "^[0-9]+(ms|s|min)$"),
    ]
    static let enumValue: JSONText = .object([
        ("anyOf", .array([
            .object([("type", .string("string")), ("minLength", .integer(1)), ("description", .string("A value: any text without control characters, such as active, NOTEBOOK or in-progress."))]),
            object("A value with options.", keys: SchemaKeys.enumValue, enumValueProperties, required: ["value"]),
        ])),
    ])
    static let enumValueProperties: [String: JSONText] = [
        "value": .object([("type", .string("string")), ("minLength", .integer(1)), ("description", .string("The value."))]),
        "renamed_from": .object([("type", .string("string")), ("minLength", .integer(1)), ("description", .string("Its old value: rows holding it are rewritten."))]),
        "swift_name": string("The Swift case name (default: camelCase of the value).", pattern: swiftIdentifierPattern),
    ]
    static let enumProperties: [String: JSONText] = [
        "values": .object([("type", .string("array")), ("minItems", .integer(1)), ("description", .string("The values, in order.")), ("items", ref("enumValue"))]),
        "doc": string("Documentation of the generated Swift enum."),
        "swift_name": string("The Swift type name (default: PascalCase of the enum name).", pattern: swiftIdentifierPattern),
    ]
    static let tableProperties: [String: JSONText] = [
        "swift_name": string("The model's Swift name (default: singular PascalCase of the table name).", pattern: swiftIdentifierPattern),
        "doc": string("Documentation of the generated model."),
        "columns": namedMapping("Columns by name, in order: a type (id: uuid) or a mapping.", item: ref("column")),
        "primary_key": .object([
            ("description", .string("The primary key's columns, when it is not one column marked primary_key: true; or {columns, name} to name it.")),
            ("anyOf", .array([names("The key's columns."), object("A named primary key.", keys: SchemaKeys.primaryKey, primaryKeyProperties, required: ["columns"])])),
        ]),
        "foreign_keys": .object([("type", .string("array")), ("description", .string("Foreign keys on several columns, or with a name: {columns, references: {table, columns}, name, on_delete, on_update}.")), ("items", ref("foreignKey"))]),
        "indexes": .object([("type", .string("array")), ("description", .string("Indexes: [a, b] or {columns, unique, name, where}.")), ("items", ref("index"))]),
        "unique": .object([("type", .string("array")), ("description", .string("Unique constraints: [a, b] or {columns, name}.")), ("items", ref("unique"))]),
        "checks": .object([("type", .string("array")), ("description", .string("Check constraints: an SQL condition, or {expression, name}.")), ("items", ref("check"))]),
        "renamed_from": string("The table's old name: a rename that keeps the rows.", pattern: identifierPattern),
    ]
    static let columnType: JSONText = .object([
        ("description", .string("uuid, string, text, int (or bigint), int32, int16, double, float, decimal, bool, timestamp, date, time, bytes, json, or the name of an enum.")),
        ("anyOf", .array([
            .object([("enum", .array((ColumnType.builtinNames + ["bigint"]).map(JSONText.string)))]),
            .object([("type", .string("string")), ("pattern", .string(identifierPattern))]),
        ])),
    ])
    static let actions = ReferentialAction.allCases.map(\.rawValue)
    static let columnProperties: [String: JSONText] = [
        "type": columnType,
        "max_length": .object([("type", .string("integer")), ("minimum", .integer(1)), ("description", .string("The longest value of a string column, in characters."))]),
        "precision": .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(38)), ("description", .string("The number of digits of a decimal column, before and after the point (1 to 38)."))]),
        "scale": .object([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(38)), ("description", .string("The digits of a decimal column after the point (0 to its precision; default 0)."))]),
        "check_name": string("The name of an enum column's CHECK, when the database already has one (default ck_<table>_<column>_enum).", pattern: identifierPattern),
        "postgres_type": .object([("enum", .array([.string("jsonb"), .string("json")])), ("description", .string("How PostgreSQL stores a json column: jsonb (the default) or json, which keeps the text as written."))]),
        "nullable": bool("Whether the column allows NULL (a Swift optional); default false."),
        "generated": .object([("description", .string("The SQL expression the database computes the column from on every write (stored), over the table's other columns: one text for both dialects or {sqlite, postgres}. The repository never writes it, and reads it back."))]),
        "auto_increment": bool("Whether the database assigns the value on insert: an integer primary key of one column (PostgreSQL identity, SQLite INTEGER PRIMARY KEY AUTOINCREMENT); the Swift key is optional until the row is inserted."),
        "default": .object([("description", .string("A literal, now (timestamp, date), uuid (uuid), or a mapping or list for json. Quote a string to store the words now or uuid."))]),
        "primary_key": bool("Whether the column is the primary key."),
        "unique": bool("Whether the column's values are unique."),
        "index": bool("Whether to index the column."),
        "references": string("The referenced column, as table.column.", pattern: "^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$"),
        "on_delete": .object([("description", .string("What deleting the referenced row does.")), ("enum", .array(actions.map(JSONText.string)))]),
        "on_update": .object([("description", .string("now: set on every update (timestamp, date); or what updating the referenced key does.")), ("enum", .array((["now"] + actions).map(JSONText.string)))]),
        "check": string("One SQL condition over the table's own columns, such as quantity >= 0."),
        "doc": string("Documentation of the generated property."),
        "swift_name": string("The Swift property name (default: camelCase of the column name).", pattern: swiftIdentifierPattern),
        "renamed_from": string("The column's old name: a rename that keeps the values.", pattern: identifierPattern),
    ]
    static let indexProperties: [String: JSONText] = [
        "columns": names("The indexed columns, in order; 'name desc' sorts one descending."),
        "unique": bool("Whether the index is unique."),
        "name": string("The index name (default: ix_<table>_<columns>).", pattern: identifierPattern),
        "where": string("A partial index: one SQL condition over the table's columns; only rows that meet it are indexed."),
        "expressions": .object([("type", .string("array")), ("items", .object([("type", .string("string"))])), ("description", .string("SQL expressions indexed after the columns, such as lower(email); the index then needs a name."))]),
        "include": .object([("type", .string("array")), ("items", .object([("type", .string("string")), ("pattern", .string(identifierPattern))])), ("description", .string("Columns stored in the index without being keys (PostgreSQL INCLUDE; SQLite has no such clause and indexes the keys only)."))]),
    ]
    static let uniqueProperties: [String: JSONText] = [
        "columns": names("The columns whose values are unique together."),
        "name": string("The constraint name (default: uq_<table>_<columns>).", pattern: identifierPattern),
    ]
    static let checkProperties: [String: JSONText] = [
        "expression": string("One SQL condition over the table's own columns."),
        "name": string("The constraint name (default: ck_<table>_<n>).", pattern: identifierPattern),
    ]

    static let primaryKeyProperties: [String: JSONText] = [
        "columns": names("The key's columns, in order."),
        "name": string("The constraint name (default: pk_<table>).", pattern: identifierPattern),
    ]
    static let foreignKeyProperties: [String: JSONText] = [
        "columns": names("The referencing columns, in order."),
        "references": object("The referenced table and columns (default: its primary key).", keys: SchemaKeys.foreignKeyTarget, foreignKeyTargetProperties, required: ["table"]),
        "name": string("The constraint name (default: fk_<table>_<columns>_<referenced table>).", pattern: identifierPattern),
        "on_delete": .object([("description", .string("What deleting the referenced row does.")), ("enum", .array(actions.map(JSONText.string)))]),
        "on_update": .object([("description", .string("What updating the referenced key does.")), ("enum", .array(actions.map(JSONText.string)))]),
    ]
    static let foreignKeyTargetProperties: [String: JSONText] = [
        "table": string("The referenced table.", pattern: identifierPattern),
        "columns": names("The referenced columns, in the order of the referencing ones; unique together."),
    ]

    static var root: JSONText {
        let stringArray: JSONText = .object([("type", .string("array")), ("minItems", .integer(1)), ("items", .object([("type", .string("string"))]))])
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$comment", .string("Generated by strata from its schema language. Do not edit.")),
            ("title", .string("Strata schema.yaml")),
            ("description", .string("The single source of truth of a database: tables, columns, enums, keys, indexes and checks.")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("required", .array(["version", "swift", "tables"].map(JSONText.string))),
            ("properties", .object(SchemaKeys.root.map { ($0, rootProperties[$0] ?? .object([])) })),
            ("definitions", .object([
                ("swift", object("Swift options.", keys: SchemaKeys.swift, swiftProperties, required: ["module"])),
                ("database", object("The default database.", keys: SchemaKeys.database, databaseProperties)),
                ("enumValue", enumValue),
                ("enum", .object([("anyOf", .array([
                    .object([("type", .string("array")), ("minItems", .integer(1)), ("items", ref("enumValue"))]),
                    object("An enum with options.", keys: SchemaKeys.enumDefinition, enumProperties, required: ["values"]),
                ]))])),
                ("table", object("A table.", keys: SchemaKeys.table, tableProperties, required: ["columns"])),
                ("column", .object([("anyOf", .array([
                    columnType,
                    object("A column.", keys: SchemaKeys.column, columnProperties, required: ["type"]),
                ]))])),
                ("index", .object([("anyOf", .array([stringArray, object("An index (of 'columns', 'expressions' or both).", keys: SchemaKeys.index, indexProperties)]))])),
                ("unique", .object([("anyOf", .array([stringArray, string("One column."), object("A unique constraint.", keys: SchemaKeys.unique, uniqueProperties, required: ["columns"])]))])),
                ("check", .object([("anyOf", .array([string("One SQL condition."), object("A check constraint.", keys: SchemaKeys.check, checkProperties, required: ["expression"])]))])),
                ("foreignKey", object("A foreign key.", keys: SchemaKeys.foreignKey, foreignKeyProperties, required: ["columns", "references"])),
            ])),
        ])
    }
}
