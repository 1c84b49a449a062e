/// The SQL expression of a `default: {sql: …}`: one text for both dialects, or one per dialect.
/// A dialect without one gives the column no default there.
public struct SQLExpressionDefault: Hashable, Codable, Sendable {
    /// The keys of the embedded migration format (docs/migrations.md).
    private enum CodingKeys: String, CodingKey {
        case sqlite = "sqlite"
        case postgres = "postgres"
    }

    /// The expression SQLite evaluates, if any.
    public var sqlite: String?
    /// The expression PostgreSQL evaluates, if any.
    public var postgres: String?

    /// The expressions per dialect.
    public init(sqlite: String?, postgres: String?) {
        self.sqlite = sqlite
        self.postgres = postgres
    }

    /// The expression of the dialect named `dialect` (`sqlite`, `postgres`).
    public func text(for dialect: String) -> String? {
        switch dialect {
        case "sqlite": sqlite
        case "postgres": postgres
        default: nil
        }
    }

    /// Whether both dialects have an expression.
    public var coversEveryDialect: Bool { sqlite != nil && postgres != nil }
}

extension ColumnDefault {
    /// Whether the default exists in the dialect named `dialect`: every kind but an SQL
    /// expression written for the other dialect only.
    public func exists(in dialect: String) -> Bool {
        if case .sql(let expression) = self { return expression.text(for: dialect) != nil }
        return true
    }

    /// Whether both dialects have the default.
    public var existsInEveryDialect: Bool {
        if case .sql(let expression) = self { return expression.coversEveryDialect }
        return true
    }
}
