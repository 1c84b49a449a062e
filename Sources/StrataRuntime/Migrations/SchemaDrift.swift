import StrataSchema

/// A database's schema read back into the IR, and drift detection against the schema a
/// migration history says it has.
///
/// Drift is found by comparing the database with a reference database created fresh from the
/// expected IR (SQLite: in memory; PostgreSQL: a scratch schema inside a transaction that is
/// rolled back), both read by the same catalog reader, so the reader's own blind spots (a
/// SQLite TEXT column without a type check reads as text) cancel out.
public protocol CatalogInspecting: Sendable {
    /// The connected database read into the IR, with what the IR cannot hold as warnings.
    func introspect() async throws -> IntrospectedSchema
    /// A database created fresh from `schema`, read into the IR.
    func freshIntrospection(of schema: Schema) async throws -> IntrospectedSchema
}

extension SchemaCatalog {
    /// Runs the catalog's queries on `connection` and reads their rows into the IR.
    public func read(from connection: any SQLQuerying) async throws -> IntrospectedSchema {
        var rows: [String: [[String?]]] = [:]
        for query in queries {
            rows[query.name] = try await connection.query(query.sql)
        }
        return introspect(rows)
    }
}

/// The differences between the database and `expected` (empty when they match), named:
/// what was changed outside the migrations as operations (`changed outside the migrations: add
/// column captures.sneaky`), then what the database holds beyond the schema language, as the
/// catalog reader reports it (`outside the schema: table "users", column "balance": …`).
public func schemaDrift(on connection: any CatalogInspecting, expected: Schema) async throws -> [String] {
    let actual = try await connection.introspect()
    let wanted = try await connection.freshIntrospection(of: expected)
    var lines = try SchemaDiff(from: wanted.schema, to: actual.schema).operations.map {
        "changed outside the migrations: \(ControlCharacters.escaped($0.summary))"
    }
    let expectedWarnings = Set(wanted.warnings)
    lines += actual.warnings.filter { !expectedWarnings.contains($0) }.map { "outside the schema: \($0)" }
    lines += actual.invalidNames.map { "outside the schema: \($0)" }
    return lines
}
