import StrataSchema

/// The `strata_migrations` table: one row per applied migration.
enum VersionTable {
    static let name = "strata_migrations"

    static func createStatement(_ dialect: any DatabaseDialect) -> String {
        let q = dialect.quoted
        return """
            CREATE TABLE IF NOT EXISTS \(q(name)) (\
            \(q("id")) \(dialect.columnType(.text)) NOT NULL PRIMARY KEY, \
            \(q("position")) \(dialect.columnType(.int)) NOT NULL, \
            \(q("checksum")) \(dialect.columnType(.text)) NOT NULL, \
            \(q("applied_at")) \(dialect.columnType(.timestamp)) NOT NULL DEFAULT \(dialect.defaultExpression(.now, for: .timestamp)), \
            \(q("duration_ms")) \(dialect.columnType(.int)) NOT NULL);
            """
    }

    static func selectApplied(_ dialect: any DatabaseDialect) -> String {
        let q = dialect.quoted
        return "SELECT \(q("id")), \(q("position")), \(q("checksum")), \(q("applied_at")), \(q("duration_ms")) FROM \(q(name)) ORDER BY \(q("position"));"
    }

    static func insert(_ dialect: any DatabaseDialect, id: String, position: Int, checksum: String, durationMilliseconds: Int) -> String {
        let q = dialect.quoted
        return "INSERT INTO \(q(name)) (\(q("id")), \(q("position")), \(q("checksum")), \(q("duration_ms"))) VALUES (\(dialect.stringLiteral(id)), \(position), \(dialect.stringLiteral(checksum)), \(durationMilliseconds));"
    }

    static func delete(_ dialect: any DatabaseDialect, id: String) -> String {
        "DELETE FROM \(dialect.quoted(name)) WHERE \(dialect.quoted("id")) = \(dialect.stringLiteral(id));"
    }

    static func deleteAll(_ dialect: any DatabaseDialect) -> String {
        "DELETE FROM \(dialect.quoted(name));"
    }
}

/// A row of `strata_migrations`.
public struct AppliedMigration: Hashable, Sendable {
    /// The migration's id.
    public var id: String
    /// Its place in the applied order, from 1.
    public var position: Int
    /// SHA-256 of its file when it was applied.
    public var checksum: String
    /// When it was applied, as the database wrote it.
    public var appliedAt: String
    /// How long applying it took.
    public var durationMilliseconds: Int
}
