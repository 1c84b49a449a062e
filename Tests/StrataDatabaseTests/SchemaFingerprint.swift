import StrataRuntime
import StrataSchema
import StrataTestSupport

/// What a database's catalog says about its schema, as comparable lines (`CatalogQueries` in
/// StrataTestSupport): physical details included, stricter than `strata check`'s IR-level drift.
func fingerprint(_ database: any TestDatabase) async throws -> [String] {
    let querying = TestDatabaseQuerying(database: database)
    return database.dialect.name == "sqlite"
        ? try await CatalogQueries.sqlite(querying)
        : try await CatalogQueries.postgres(schema: "public", querying)
}

/// A test database seen as `SQLQuerying`. Tests use each database from one task at a time.
private struct TestDatabaseQuerying: SQLQuerying, @unchecked Sendable {
    let database: any TestDatabase
    func query(_ sql: String) async throws -> [[String?]] { try database.rows(sql) }
}
