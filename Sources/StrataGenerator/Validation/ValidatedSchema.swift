import StrataSchema

/// The result of validation: the IR plus what only the Swift side needs (names, docs, where each
/// thing was written). The IR is what SQL and migrations see; the rest is for generated Swift.
public struct ValidatedSchema: Sendable {
    /// The database schema (IR).
    public var schema: Schema
    /// The name of the generated Swift module (`swift.module`).
    public var swiftModule: String
    /// The CLI's default database (`database.url`), if the file names one.
    public var databaseURL: String?
    /// How migrations take their locks (`database.locking`), if the file says.
    public var locking: MigrationLocking?
    /// How long a migration statement waits for a lock (`database.lock_timeout`), in
    /// milliseconds, if the file says.
    public var lockTimeoutMilliseconds: Int?
    /// One entry per enum, in `schema.enums` order.
    public var swiftEnums: [SwiftEnumNames]
    /// One entry per table, in `schema.tables` order.
    public var swiftTables: [SwiftTableNames]
    /// The views of `views:`, in file order (each is also an SQL object of `schema`).
    public var views: [ValidatedView]
    /// Warnings found while validating (errors would have stopped validation).
    public var warnings: [Diagnostic]
}

/// A view of `views:` as the Swift side sees it: a relation of typed columns without a key.
public struct ValidatedView: Hashable, Sendable {
    /// The view's name and columns (its primary key is empty).
    public var relation: Table
    /// The Swift names of the view's row type and its properties.
    public var names: SwiftTableNames
}

/// Swift names, docs and source lines of an enum.
public struct SwiftEnumNames: Hashable, Sendable {
    public var typeName: String
    /// Case names, paired with the enum's values.
    public var caseNames: [String]
    public var doc: String?
    public var line: Int?
}

/// Swift names, docs and source lines of a table and its columns.
public struct SwiftTableNames: Hashable, Sendable {
    public var typeName: String
    /// Property names, paired with the table's columns.
    public var propertyNames: [String]
    /// Column docs, paired with the table's columns.
    public var columnDocs: [String?]
    /// Column source lines, paired with the table's columns.
    public var columnLines: [Int?]
    public var doc: String?
    public var line: Int?
    /// How the model conforms to `Identifiable`.
    public var identity: Identity

    public enum Identity: Hashable, Sendable {
        /// The primary key is one column whose property is `id`.
        case idProperty
        /// The primary key is one column with another name; `id` returns it.
        case computed(property: String)
        /// The primary key has several columns; `id` returns a nested `ID` struct of them.
        case composite
        /// A non-key column is called `id`, so the model is not `Identifiable`.
        case none
    }
}
