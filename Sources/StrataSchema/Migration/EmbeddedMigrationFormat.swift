// The embedded migration format (docs/migrations.md, "The embedded format"): how the generator
// writes each migration into `Generated/Swift/Migrations.swift` and the runtime reads it back.
// Every key is a fixed string written here, never derived from a Swift name, so renaming a case
// or a property cannot change it. `Migration` carries `"format": 1`; a document without it is
// the format written before versioning (Swift's synthesized coding, with `"_0"` for unnamed
// payloads), which is still read so that apps that shipped it keep working.

/// The version of the embedded migration format this code writes, and the newest it reads.
public enum EmbeddedMigrationFormat {
    public static let version = 1
}

/// A coding key that is any string: the single key of an operation or a value kind.
struct FormatKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == FormatKey {
    /// The value under `key`, or under the legacy unnamed payload key `_0`.
    func decode<Value: Decodable>(_ type: Value.Type, named key: String) throws -> Value {
        if contains(FormatKey(key)) { return try decode(type, forKey: FormatKey(key)) }
        return try decode(type, forKey: FormatKey("_0"))
    }

    /// The only key of a single-key object, or an error naming what was expected.
    func onlyKey(_ what: String) throws -> FormatKey {
        guard allKeys.count == 1, let key = allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(what) must be an object with one key, found \(allKeys.map(\.stringValue))"))
        }
        return key
    }
}

func unknown(_ what: String, _ key: String, _ path: [any CodingKey]) -> DecodingError {
    .dataCorrupted(.init(codingPath: path, debugDescription: "unknown \(what) '\(key)': the migrations were embedded by a newer Strata; update Strata or run 'strata generate'"))
}

// MARK: MigrationOperation: {"<operation>": {<named fields>}}

extension MigrationOperation {
    /// The operation's key in the format (the same words as the migration files).
    var formatName: String {
        switch self {
        case .createTable: "create_table"
        case .dropTable: "drop_table"
        case .renameTable: "rename_table"
        case .addColumn: "add_column"
        case .dropColumn: "drop_column"
        case .renameColumn: "rename_column"
        case .alterColumn: "alter_column"
        case .alterPrimaryKey: "alter_primary_key"
        case .createIndex: "create_index"
        case .dropIndex: "drop_index"
        case .addUnique: "add_unique"
        case .dropUnique: "drop_unique"
        case .addCheck: "add_check"
        case .dropCheck: "drop_check"
        case .addForeignKey: "add_foreign_key"
        case .dropForeignKey: "drop_foreign_key"
        case .createEnum: "create_enum"
        case .dropEnum: "drop_enum"
        case .alterEnum: "alter_enum"
        case .sql: "sql"
        case .alterTableComment: "alter_table_comment"
        case .createSQLObject: "create_sql_object"
        case .dropSQLObject: "drop_sql_object"
        }
    }

    /// Format names, and the legacy (synthesized) names they replace.
    static let legacyNames: [String: String] = [
        "createTable": "create_table", "dropTable": "drop_table", "renameTable": "rename_table", "addColumn": "add_column",
        "dropColumn": "drop_column", "renameColumn": "rename_column", "alterColumn": "alter_column",
        "alterPrimaryKey": "alter_primary_key", "createIndex": "create_index", "dropIndex": "drop_index",
        "addUnique": "add_unique", "dropUnique": "drop_unique", "addCheck": "add_check", "dropCheck": "drop_check",
        "addForeignKey": "add_foreign_key", "dropForeignKey": "drop_foreign_key", "createEnum": "create_enum",
        "dropEnum": "drop_enum", "alterEnum": "alter_enum",
    ]

    public func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: FormatKey.self)
        var fields = outer.nestedContainer(keyedBy: FormatKey.self, forKey: FormatKey(formatName))
        func put<Value: Encodable>(_ value: Value, _ key: String) throws { try fields.encode(value, forKey: FormatKey(key)) }
        switch self {
        case .createTable(let table), .dropTable(let table):
            try put(table, "table")
        case .renameTable(let from, let to):
            try put(from, "from"); try put(to, "to")
        case .addColumn(let table, let column), .dropColumn(let table, let column):
            try put(table, "table"); try put(column, "column")
        case .renameColumn(let table, let from, let to):
            try put(table, "table"); try put(from, "from"); try put(to, "to")
        case .alterColumn(let table, let from, let to):
            try put(table, "table"); try put(from, "from"); try put(to, "to")
        case .alterPrimaryKey(let table, let from, let to):
            try put(table, "table"); try put(from, "from"); try put(to, "to")
        case .createIndex(let table, let index), .dropIndex(let table, let index):
            try put(table, "table"); try put(index, "index")
        case .addUnique(let table, let constraint), .dropUnique(let table, let constraint):
            try put(table, "table"); try put(constraint, "constraint")
        case .addCheck(let table, let constraint), .dropCheck(let table, let constraint):
            try put(table, "table"); try put(constraint, "constraint")
        case .addForeignKey(let table, let key), .dropForeignKey(let table, let key):
            try put(table, "table"); try put(key, "key")
        case .createEnum(let value), .dropEnum(let value):
            try put(value, "enum")
        case .alterEnum(let from, let to, let renames):
            try put(from, "from"); try put(to, "to"); try put(renames, "renamedValues")
        case .sql(let raw):
            try put(raw, "sql")
        case .alterTableComment(let table, let from, let to):
            try put(table, "table"); try fields.encodeIfPresent(from, forKey: FormatKey("from")); try fields.encodeIfPresent(to, forKey: FormatKey("to"))
        case .createSQLObject(let object), .dropSQLObject(let object):
            try put(object, "object")
        }
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: FormatKey.self)
        let key = try outer.onlyKey("a migration operation")
        let name = Self.legacyNames[key.stringValue] ?? key.stringValue
        let fields = try outer.nestedContainer(keyedBy: FormatKey.self, forKey: key)
        func get<Value: Decodable>(_ field: String) throws -> Value { try fields.decode(Value.self, forKey: FormatKey(field)) }
        switch name {
        case "create_table": self = .createTable(try fields.decode(Table.self, named: "table"))
        case "drop_table": self = .dropTable(try fields.decode(Table.self, named: "table"))
        case "rename_table": self = .renameTable(from: try get("from"), to: try get("to"))
        case "add_column": self = .addColumn(table: try get("table"), column: try get("column"))
        case "drop_column": self = .dropColumn(table: try get("table"), column: try get("column"))
        case "rename_column": self = .renameColumn(table: try get("table"), from: try get("from"), to: try get("to"))
        case "alter_column": self = .alterColumn(table: try get("table"), from: try get("from"), to: try get("to"))
        case "alter_primary_key": self = .alterPrimaryKey(table: try get("table"), from: try get("from"), to: try get("to"))
        case "create_index": self = .createIndex(table: try get("table"), index: try get("index"))
        case "drop_index": self = .dropIndex(table: try get("table"), index: try get("index"))
        case "add_unique": self = .addUnique(table: try get("table"), constraint: try get("constraint"))
        case "drop_unique": self = .dropUnique(table: try get("table"), constraint: try get("constraint"))
        case "add_check": self = .addCheck(table: try get("table"), constraint: try get("constraint"))
        case "drop_check": self = .dropCheck(table: try get("table"), constraint: try get("constraint"))
        case "add_foreign_key": self = .addForeignKey(table: try get("table"), key: try get("key"))
        case "drop_foreign_key": self = .dropForeignKey(table: try get("table"), key: try get("key"))
        case "create_enum": self = .createEnum(try fields.decode(EnumType.self, named: "enum"))
        case "drop_enum": self = .dropEnum(try fields.decode(EnumType.self, named: "enum"))
        case "alter_enum":
            self = .alterEnum(from: try get("from"), to: try get("to"), renamedValues: try fields.decodeIfPresent([ValueRename].self, forKey: FormatKey("renamedValues")) ?? [])
        case "sql": self = .sql(try fields.decode(RawSQL.self, named: "sql"))
        case "create_sql_object": self = .createSQLObject(try get("object"))
        case "drop_sql_object": self = .dropSQLObject(try get("object"))
        case "alter_table_comment":
            self = .alterTableComment(table: try get("table"), from: try fields.decodeIfPresent(String.self, forKey: FormatKey("from")),
                                      to: try fields.decodeIfPresent(String.self, forKey: FormatKey("to")))
        default: throw unknown("migration operation", key.stringValue, decoder.codingPath)
        }
    }
}

// MARK: ColumnType: {"type": "<name>"[, "maxLength": n][, "postgresType": "json"][, "precision": p, "scale": s][, "enum": "<name>"]}

extension ColumnType {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FormatKey.self)
        switch self {
        case .string(let maxLength):
            try container.encode("string", forKey: FormatKey("type"))
            try container.encodeIfPresent(maxLength, forKey: FormatKey("maxLength"))
        case .decimal(let precision, let scale):
            try container.encode("decimal", forKey: FormatKey("type"))
            try container.encode(precision, forKey: FormatKey("precision"))
            try container.encode(scale, forKey: FormatKey("scale"))
        case .textualJSON:
            try container.encode("json", forKey: FormatKey("type"))
            try container.encode("json", forKey: FormatKey("postgresType"))
        case .enumeration(let name):
            try container.encode("enum", forKey: FormatKey("type"))
            try container.encode(name, forKey: FormatKey("enum"))
        default:
            try container.encode(schemaName, forKey: FormatKey("type"))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FormatKey.self)
        let name: String
        let fields: KeyedDecodingContainer<FormatKey>
        if container.contains(FormatKey("type")) {
            name = try container.decode(String.self, forKey: FormatKey("type"))
            fields = container
        } else {  // legacy: {"uuid": {}}, {"string": {"maxLength": 10}}, {"enumeration": {"_0": "tier"}}
            let key = try container.onlyKey("a column type")
            name = key.stringValue == "enumeration" ? "enum" : key.stringValue
            fields = try container.nestedContainer(keyedBy: FormatKey.self, forKey: key)
        }
        if name == "enum" {
            self = .enumeration(try fields.decode(String.self, named: "enum"))
        } else if let builtin = ColumnType.builtin(named: name, maxLength: try fields.decodeIfPresent(Int.self, forKey: FormatKey("maxLength")),
                                                   postgresType: try fields.decodeIfPresent(String.self, forKey: FormatKey("postgresType")),
                                                   precision: try fields.decodeIfPresent(Int.self, forKey: FormatKey("precision")),
                                                   scale: try fields.decodeIfPresent(Int.self, forKey: FormatKey("scale"))) {
            self = builtin
        } else {
            throw unknown("column type", name, decoder.codingPath)
        }
    }
}

// MARK: ColumnDefault: {"now": {}}, {"uuid": {}}, {"literal": {"value": <literal>}}, {"sql": {"sqlite": "…", "postgres": "…"}}

extension ColumnDefault {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FormatKey.self)
        switch self {
        case .now: _ = container.nestedContainer(keyedBy: FormatKey.self, forKey: FormatKey("now"))
        case .uuid: _ = container.nestedContainer(keyedBy: FormatKey.self, forKey: FormatKey("uuid"))
        case .literal(let value):
            var fields = container.nestedContainer(keyedBy: FormatKey.self, forKey: FormatKey("literal"))
            try fields.encode(value, forKey: FormatKey("value"))
        case .sql(let expression):
            try container.encode(expression, forKey: FormatKey("sql"))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FormatKey.self)
        let key = try container.onlyKey("a column default")
        switch key.stringValue {
        case "now": self = .now
        case "uuid": self = .uuid
        case "literal":
            self = .literal(try container.nestedContainer(keyedBy: FormatKey.self, forKey: key).decode(LiteralValue.self, named: "value"))
        case "sql": self = .sql(try container.decode(SQLExpressionDefault.self, forKey: key))
        default: throw unknown("column default", key.stringValue, decoder.codingPath)
        }
    }
}

// MARK: LiteralValue: {"string": "x"}, {"int": 1}, {"double": 1.5}, {"bool": true}, {"json": "<canonical text>"}

extension LiteralValue {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FormatKey.self)
        switch self {
        case .string(let value): try container.encode(value, forKey: FormatKey("string"))
        case .int(let value): try container.encode(value, forKey: FormatKey("int"))
        case .double(let value): try container.encode(value, forKey: FormatKey("double"))
        case .bool(let value): try container.encode(value, forKey: FormatKey("bool"))
        case .json(let value): try container.encode(value, forKey: FormatKey("json"))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FormatKey.self)
        let key = try container.onlyKey("a literal")
        /// The value itself, or (legacy) `{"_0": value}`.
        func value<Value: Decodable>(_ type: Value.Type) throws -> Value {
            if let nested = try? container.nestedContainer(keyedBy: FormatKey.self, forKey: key) {
                return try nested.decode(type, forKey: FormatKey("_0"))
            }
            return try container.decode(type, forKey: key)
        }
        switch key.stringValue {
        case "string": self = .string(try value(String.self))
        case "int": self = .int(try value(Int64.self))
        case "double": self = .double(try value(Double.self))
        case "bool": self = .bool(try value(Bool.self))
        case "json": self = .json(try value(String.self))
        default: throw unknown("literal", key.stringValue, decoder.codingPath)
        }
    }
}
