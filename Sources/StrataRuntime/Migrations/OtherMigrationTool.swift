import StrataSchema

/// Another tool's migration history found in a database (today: Alembic's `alembic_version`).
public struct OtherMigrationTool: Hashable, Sendable, CustomStringConvertible {
    /// The tool's name: `Alembic`.
    public var name: String
    /// The table it keeps its history in.
    public var table: String
    /// The revision(s) it records as applied.
    public var revisions: [String]

    /// The tool's history in the database `connection` reaches, or `nil` when there is none.
    public static func find(on connection: any MigrationConnection) async throws -> OtherMigrationTool? {
        let dialect = connection.dialect
        guard try await !connection.query(dialect.tableExistsQuery("alembic_version")).isEmpty else { return nil }
        let revisions = try await connection.query("SELECT version_num FROM \(dialect.quoted("alembic_version")) ORDER BY 1").compactMap { $0.first ?? nil }
        return OtherMigrationTool(name: "Alembic", table: "alembic_version", revisions: revisions)
    }

    /// `Alembic (alembic_version: 1f2e3d4c5b6a)`, escaped for a terminal.
    public var description: String {
        ControlCharacters.escaped("\(name) (\(table): \(revisions.isEmpty ? "empty" : revisions.joined(separator: ", ")))")
    }

    /// What to do to move the database to Strata, for messages.
    public var adoptionAdvice: String {
        "its schema was built by \(description). To manage it with Strata: 'strata pull --database URL' (writes schema.yaml), 'strata revision --baseline -m baseline', then 'strata stamp head --database URL' or 'strata upgrade --baseline --database URL' (records the baseline without running it); stop running \(name) on it. Strata leaves \(table) alone (docs/adopting.md)"
    }
}
