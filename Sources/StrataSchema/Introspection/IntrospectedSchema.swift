/// A schema read back from a database's catalog, with everything the catalog holds that the
/// schema language cannot express.
public struct IntrospectedSchema: Hashable, Sendable {
    /// What could be expressed: tables, columns, keys, constraints, indexes and enums.
    public var schema: Schema
    /// What could not, each with its place in the database; nothing is left out without one.
    public var warnings: [IntrospectionWarning]
    /// Table and column names that are not valid schema identifiers; a pull refuses to write a
    /// file while there are any (it never renames silently).
    public var invalidNames: [InvalidCatalogName]
    /// The views read back (each also an SQL object of `schema`, for drift), in name order.
    public var views: [ViewDefinition]

    /// A result with `schema`, `warnings`, `invalidNames` and `views`.
    public init(schema: Schema, warnings: [IntrospectionWarning] = [], invalidNames: [InvalidCatalogName] = [], views: [ViewDefinition] = []) {
        self.schema = schema
        self.warnings = warnings
        self.invalidNames = invalidNames
        self.views = views
    }
}

/// Something in the database that the schema does not hold as it is.
public struct IntrospectionWarning: Hashable, Sendable, CustomStringConvertible {
    /// Where it is in the database: `table "orders", column "total"`.
    public var place: String
    /// What was done and what to do: `numeric(10,2) has no schema type; left out …`.
    public var message: String

    /// A warning about `place`.
    public init(place: String, message: String) {
        self.place = place
        self.message = message
    }

    /// `place: message`, with control characters escaped (catalog text reaches a terminal).
    public var description: String { ControlCharacters.escaped("\(place): \(message)") }
}

/// A table or column whose name the schema language does not accept.
public struct InvalidCatalogName: Hashable, Sendable, CustomStringConvertible {
    /// The table's name.
    public var table: String
    /// The column's name, `nil` for the table itself.
    public var column: String?
    /// A valid name to rename it to.
    public var suggestion: String
    /// The statement that renames it in the database, for the dialect it was read from.
    public var fix: String

    /// An invalid name with its suggested replacement and the statement that applies it.
    public init(table: String, column: String?, suggestion: String, fix: String) {
        self.table = table
        self.column = column
        self.suggestion = suggestion
        self.fix = fix
    }

    /// What is wrong and the statement to fix it, escaped for a terminal.
    public var description: String {
        let what = column.map { "column \"\(table)\".\"\($0)\"" } ?? "table \"\(table)\""
        return ControlCharacters.escaped("\(what) is not a valid schema name (lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 bytes); rename it first: \(fix)")
    }
}

/// One query of a catalog and its rows, values as text (`nil` for NULL).
public struct CatalogQuery: Hashable, Sendable {
    /// What the query reads (`columns`, `constraints`, …); the key of its rows.
    public var name: String
    /// The query's text; it reads only catalogs and takes no parameters.
    public var sql: String

    /// A query named `name`.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}

/// How one dialect reads its catalog into the schema IR: a fixed set of read-only queries that a
/// driver runs, and a pure function from their rows to an ``IntrospectedSchema``.
public protocol SchemaCatalog: Sendable {
    /// The queries to run, in order.
    var queries: [CatalogQuery] { get }
    /// The schema the rows describe, keyed by ``CatalogQuery/name``.
    func introspect(_ rows: [String: [[String?]]]) -> IntrospectedSchema
}
