/// The logical type of a column; each dialect maps it to its natural storage type.
public enum ColumnType: Hashable, Codable, Sendable {
    /// A UUID (PostgreSQL `uuid`; SQLite lowercase canonical text).
    case uuid
    /// Short text, optionally limited to `maxLength` characters.
    case string(maxLength: Int?)
    /// Unbounded text.
    case text
    /// A 64-bit signed integer (`int`, also written `bigint`).
    case int
    /// A 32-bit signed integer (PostgreSQL `integer`; SQLite INTEGER with a range check).
    case int32
    /// A 16-bit signed integer (PostgreSQL `smallint`; SQLite INTEGER with a range check).
    case int16
    /// A 64-bit IEEE float.
    case double
    /// A 32-bit IEEE float (PostgreSQL `real`; SQLite REAL checked to `Float`'s range).
    case float
    /// An exact decimal number of at most `precision` digits, `scale` of them after the point
    /// (Swift `Decimal`; PostgreSQL `numeric(p,s)`; SQLite canonical text checked to the shape).
    case decimal(precision: Int, scale: Int)
    /// A boolean (SQLite 0 or 1).
    case bool
    /// A UTC instant with at least millisecond precision.
    case timestamp
    /// A calendar date without time zone.
    case date
    /// A time of day without date or time zone, at millisecond precision (Swift `TimeOfDay`;
    /// PostgreSQL `time(3)`; SQLite text `HH:MM:SS.SSS`).
    case time
    /// Binary data.
    case bytes
    /// A JSON document (PostgreSQL `jsonb`; SQLite text checked by `json_valid`).
    case json
    /// A JSON document PostgreSQL keeps as written (`type: json, postgres_type: json`: PostgreSQL
    /// `json`, which keeps whitespace, key order and duplicate keys); on SQLite the same as `json`.
    case textualJSON
    /// A value of the enum with this name, stored as text.
    case enumeration(String)

    /// The name used in `schema.yaml` for this type (`string` for any `string(maxLength:)`).
    public var schemaName: String {
        switch self {
        case .uuid: "uuid"
        case .string: "string"
        case .text: "text"
        case .int: "int"
        case .int32: "int32"
        case .int16: "int16"
        case .double: "double"
        case .float: "float"
        case .decimal: "decimal"
        case .bool: "bool"
        case .timestamp: "timestamp"
        case .date: "date"
        case .time: "time"
        case .bytes: "bytes"
        case .json, .textualJSON: "json"
        case .enumeration(let name): name
        }
    }

    /// The built-in type called `name` (`string` with `maxLength`, `json` with `postgresType`,
    /// `decimal` with `precision` and `scale`); nil for any other name, or a decimal without a
    /// valid precision.
    public static func builtin(named name: String, maxLength: Int? = nil, postgresType: String? = nil, precision: Int? = nil, scale: Int? = nil) -> ColumnType? {
        switch name {
        case "json" where postgresType == "json": .textualJSON
        case "decimal":
            if let precision, decimalPrecisions.contains(precision), (0...precision).contains(scale ?? 0) {
                .decimal(precision: precision, scale: scale ?? 0)
            } else {
                nil
            }
        case "uuid": .uuid
        case "string": .string(maxLength: maxLength)
        case "text": .text
        case "int": .int
        case "int32": .int32
        case "int16": .int16
        case "double": .double
        case "float": .float
        case "bool": .bool
        case "timestamp": .timestamp
        case "date": .date
        case "time": .time
        case "bytes": .bytes
        case "json": .json
        default: nil
        }
    }

    /// The built-in type names of `schema.yaml`.
    public static let builtinNames: [String] = [
        "uuid", "string", "text", "int", "int32", "int16", "double", "float", "decimal", "bool", "timestamp", "date", "time", "bytes", "json",
    ]
}

/// A column's database default.
public enum ColumnDefault: Hashable, Codable, Sendable {
    /// A constant value.
    case literal(LiteralValue)
    /// The current time when the row is inserted (`default: now`).
    case now
    /// A fresh random UUID (`default: uuid`).
    case uuid
    /// An SQL expression the database evaluates (`default: {sql: …}`), per dialect.
    case sql(SQLExpressionDefault)
}

/// A constant value in a schema: a default, for example.
public enum LiteralValue: Hashable, Codable, Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// A JSON document, kept as canonical text (sorted keys, no spaces).
    case json(String)
}

extension ColumnType {
    /// The keys `schema.yaml` writes beside `type` for this type, in order: `max_length` of a
    /// `string`, `postgres_type` of a JSON document PostgreSQL keeps as written.
    public var schemaOptions: [(key: String, value: String)] {
        switch self {
        case .string(let maxLength?): [("max_length", String(maxLength))]
        case .textualJSON: [("postgres_type", "json")]
        case .decimal(let precision, let scale): [("precision", String(precision)), ("scale", String(scale))]
        default: []
        }
    }

    /// The precisions a `decimal` may have: Swift's `Decimal` holds 38 significant digits.
    public static let decimalPrecisions = 1...38

    /// Whether the type is an enum.
    public var isEnumeration: Bool {
        if case .enumeration = self { return true }
        return false
    }

    /// Whether the type is a `decimal` of any precision.
    public var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    /// Whether values are JSON documents (`json`, whatever PostgreSQL stores them as).
    public var isJSON: Bool { self == .json || self == .textualJSON }

    /// `number` rounded to the nearest `Float`, as a `Double`: how a `float` column's default is
    /// kept, so a default reads back the same from both databases.
    public static func floatValue(_ number: Double) -> Double { Double(Float(number)) }

    /// The values an integer type holds; `nil` for the other types.
    public var integerRange: ClosedRange<Int64>? {
        switch self {
        case .int: Int64.min...Int64.max
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        case .int16: Int64(Int16.min)...Int64(Int16.max)
        default: nil
        }
    }
}
