import StrataSchema

/// `strata_migration_progress`: the migration that is partially applied, if any. A migration
/// whose plan has several units (lock-aware PostgreSQL: indexes built outside transactions,
/// constraints validated in their own) records each committed unit here; the row is removed in
/// the transaction that records the migration in `strata_migrations`.
enum ProgressTable {
    static let name = "strata_migration_progress"

    static func createStatement(_ dialect: any DatabaseDialect) -> String {
        let q = dialect.quoted
        return """
            CREATE TABLE IF NOT EXISTS \(q(name)) (\
            \(q("id")) \(dialect.columnType(.text)) NOT NULL PRIMARY KEY, \
            \(q("direction")) \(dialect.columnType(.text)) NOT NULL, \
            \(q("completed_units")) \(dialect.columnType(.int)) NOT NULL, \
            \(q("total_units")) \(dialect.columnType(.int)) NOT NULL, \
            \(q("plan")) \(dialect.columnType(.text)) NOT NULL);
            """
    }

    static func select(_ dialect: any DatabaseDialect) -> String {
        let q = dialect.quoted
        return "SELECT \(q("id")), \(q("direction")), \(q("completed_units")), \(q("total_units")), \(q("plan")) FROM \(q(name));"
    }

    static func record(_ dialect: any DatabaseDialect, _ progress: PartialMigration) -> [String] {
        let q = dialect.quoted
        return [
            delete(dialect, id: progress.id),
            "INSERT INTO \(q(name)) (\(q("id")), \(q("direction")), \(q("completed_units")), \(q("total_units")), \(q("plan"))) VALUES "
                + "(\(dialect.stringLiteral(progress.id)), \(dialect.stringLiteral(progress.direction.rawValue)), \(progress.completedUnits), \(progress.totalUnits), \(dialect.stringLiteral(progress.planFingerprint)));",
        ]
    }

    static func delete(_ dialect: any DatabaseDialect, id: String) -> String {
        "DELETE FROM \(dialect.quoted(name)) WHERE \(dialect.quoted("id")) = \(dialect.stringLiteral(id));"
    }

    static func deleteAll(_ dialect: any DatabaseDialect) -> String {
        "DELETE FROM \(dialect.quoted(name));"
    }
}

/// A migration of several units that was interrupted or failed after some of them committed.
public struct PartialMigration: Hashable, Sendable {
    /// The migration's id.
    public var id: String
    /// Whether it was being applied or undone.
    public var direction: MigrationStep.Direction
    /// How many of its units committed.
    public var completedUnits: Int
    /// How many units its plan has.
    public var totalUnits: Int
    /// The fingerprint of the plan it follows (`MigrationPlan.fingerprint`).
    public var planFingerprint: String

    /// "0003_index (upgrade, 2 of 4 steps done)".
    public var description: String {
        "\(id) (\(direction.rawValue), \(completedUnits) of \(totalUnits) steps done)"
    }
}
