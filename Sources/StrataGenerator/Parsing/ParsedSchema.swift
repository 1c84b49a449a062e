/// A value read from `schema.yaml` together with where it was written.
struct Located<Value: Sendable>: Sendable {
    var value: Value
    var location: SourceLocation?
}

/// A default as written: a keyword (`now`, `uuid`), a scalar, or a JSON document.
enum ParsedDefault: Sendable {
    /// An unquoted scalar: `now`, `uuid`, `true`, `1`, `0.5`, `observe`…
    case plain(String)
    /// A quoted scalar: always a string, never a keyword.
    case quoted(String)
    /// A mapping or sequence, for JSON columns, already in canonical JSON text.
    case json(String)
    /// `{sql: "…"}` (both dialects) or `{sql: {sqlite: "…", postgres: "…"}}`: an expression the
    /// database evaluates.
    case sql(sqlite: Located<String>?, postgres: Located<String>?)
}

/// `schema.yaml` after YAML parsing and key checking, before any semantic check.
/// Every value keeps its source location so that validation can point at it.
struct ParsedSchema: Sendable {
    var version: Located<String>?
    var swiftModule: Located<String>?
    /// `database.url`: the default database of the CLI (`sqlite:jarvis.sqlite`).
    var databaseURL: Located<String>?
    /// `database.locking`: `lock-aware` or `plain`.
    var locking: Located<String>?
    /// `database.lock_timeout`: `2s`, `500ms`.
    var lockTimeout: Located<String>?
    var enums: [ParsedEnum] = []
    var tables: [ParsedTable] = []
    var sqlObjects: [ParsedSQLObject] = []
    var views: [ParsedView] = []
}

/// One entry of `views:`: the columns a row holds and the query per dialect.
struct ParsedView: Sendable {
    var name: Located<String>
    var swiftName: Located<String>?
    var doc: String?
    /// Tables the query reads, declared (the query is searched for the others).
    var tables: [Located<String>] = []
    var columns: [ParsedColumn] = []
    /// By dialect (`sqlite`, `postgres`); a plain string is both.
    var query: [String: Located<String>] = [:]
}

/// One entry of `sql_objects:`: SQL per dialect that creates an object, and SQL that drops it.
struct ParsedSQLObject: Sendable {
    var name: Located<String>
    var tables: [Located<String>] = []
    /// By dialect (`sqlite`, `postgres`); a plain string is both.
    var create: [String: Located<String>] = [:]
    var drop: [String: Located<String>] = [:]
}

struct ParsedEnum: Sendable {
    var name: Located<String>
    var values: [Located<String>] = []
    /// `{value: new, renamed_from: old}` items: the old name of a value.
    var renames: [(from: Located<String>, to: String)] = []
    /// `{value: NOTEBOOK, swift_name: notebook}` items: the Swift case name of a value.
    var valueSwiftNames: [String: Located<String>] = [:]
    var swiftName: Located<String>?
    var doc: String?
}

struct ParsedTable: Sendable {
    var name: Located<String>
    var swiftName: Located<String>?
    var doc: String?
    var renamedFrom: Located<String>?
    var columns: [ParsedColumn] = []
    /// Table-level `primary_key: [a, b]`.
    var primaryKey: Located<[Located<String>]>?
    /// `primary_key: {columns: […], name: …}`: the key's name.
    var primaryKeyName: Located<String>?
    /// Whether a table-level `primary_key:` was written but invalid (so "no primary key" is not
    /// reported too).
    var hasInvalidPrimaryKey = false
    /// Table-level `foreign_keys:` (composite or named).
    var foreignKeys: [ParsedForeignKey] = []
    var indexes: [ParsedIndex] = []
    var uniqueConstraints: [ParsedUnique] = []
    var checks: [ParsedCheck] = []
}

struct ParsedColumn: Sendable {
    var name: Located<String>
    var type: Located<String>?
    var maxLength: Located<String>?
    var postgresType: Located<String>?
    /// `check_name:`: the name of an enum column's CHECK.
    var checkName: Located<String>?
    var precision: Located<String>?
    var scale: Located<String>?
    var nullable: Located<Bool>?
    /// `auto_increment:`: the database assigns the key on insert.
    var autoIncrement: Located<Bool>?
    /// `generated:`: the expression per dialect the database computes the column from.
    var generated: [String: Located<String>]?
    var defaultValue: Located<ParsedDefault>?
    var primaryKey: Located<Bool>?
    /// Whether `primary_key:` was written but invalid (so "no primary key" is not reported too).
    var hasInvalidPrimaryKey = false
    var unique: Located<Bool>?
    var index: Located<Bool>?
    var references: Located<String>?
    var onDelete: Located<String>?
    /// `on_update:` holds either `now` (timestamps) or a referential action (foreign keys).
    var onUpdate: Located<String>?
    var check: Located<String>?
    var doc: String?
    var swiftName: Located<String>?
    var renamedFrom: Located<String>?
}

struct ParsedIndex: Sendable {
    /// The key columns, without a `desc`/`asc` suffix.
    var columns: [Located<String>]
    var unique: Bool
    var name: Located<String>?
    /// `where:`: the condition of a partial index.
    var predicate: Located<String>? = nil
    /// The columns written `name desc`.
    var descending: [String] = []
    /// `expressions:`: SQL expressions indexed after the columns.
    var expressions: [Located<String>] = []
    /// `include:`: columns stored, not keys.
    var include: [Located<String>] = []
    var location: SourceLocation?
}

struct ParsedUnique: Sendable {
    var columns: [Located<String>]
    var name: Located<String>?
    var location: SourceLocation?
}

struct ParsedCheck: Sendable {
    var expression: Located<String>
    var name: Located<String>?
    var location: SourceLocation?
}

/// An item of a table's `foreign_keys:`.
struct ParsedForeignKey: Sendable {
    var columns: [Located<String>] = []
    var referencedTable: Located<String>?
    /// Empty when `references` names only the table: its primary key.
    var referencedColumns: [Located<String>] = []
    var name: Located<String>?
    var onDelete: Located<String>?
    var onUpdate: Located<String>?
    var location: SourceLocation?
}
