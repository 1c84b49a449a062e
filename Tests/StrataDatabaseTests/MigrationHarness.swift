import StrataGenerator
import StrataSchema
import Testing

/// The IR of a schema fragment (tables and enums under the standard header).
func schemaIR(_ body: String) throws -> Schema {
    try GeneratorPipeline.validate(source: "version: 1\nswift: {module: M}\n" + body).schema
}

/// Runs rendered migration statements the way the runner does: one transaction; on SQLite with
/// foreign keys off and `PRAGMA foreign_key_check` before commit.
func runMigration(_ statements: [String], on database: any TestDatabase) throws {
    let body = statements.joined(separator: "\n")
    if database.dialect.name == "sqlite" {
        try database.execute("PRAGMA foreign_keys = OFF;")
        defer { try? database.execute("PRAGMA foreign_keys = ON;") }
        try database.execute("BEGIN IMMEDIATE;")
        do {
            try database.execute(body)
            let violations = try database.rows("PRAGMA foreign_key_check;")
            if !violations.isEmpty { throw MigrationError("foreign key violations: \(violations)") }
            try database.execute("COMMIT;")
        } catch {
            try? database.execute("ROLLBACK;")
            throw error
        }
    } else {
        try database.execute("BEGIN;\n" + body + "\nCOMMIT;")
    }
}

/// Creates `schema` from scratch with the dialect's create statements.
func createFresh(_ schema: Schema, on database: any TestDatabase) throws {
    try database.execute(database.dialect.createSQL(for: schema).joined(separator: "\n"))
}

/// A database created fresh from `schema`, for comparing fingerprints.
func freshFingerprint(of schema: Schema, dialect: String) async throws -> [String] {
    let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
    try createFresh(schema, on: database)
    return try await fingerprint(database)
}

/// A migration case: the schema before and after, rows to seed, and queries with their expected
/// results after the upgrade and after the downgrade.
struct MigrationCase: CustomTestStringConvertible, Sendable {
    var name: String
    var before: String
    var after: String
    var seed: String = ""
    var afterUpgrade: [(String, [[String?]])] = []
    var afterDowngrade: [(String, [[String?]])] = []
    var testDescription: String { name }
}

/// Upgrade, check; downgrade, check; upgrade again, check: the stairway on one database.
func runStairway(_ testCase: MigrationCase, dialect: String) async throws {
    let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
    let before = try schemaIR(testCase.before)
    let after = try schemaIR(testCase.after)
    try createFresh(before, on: database)
    if !testCase.seed.isEmpty { try database.execute(testCase.seed) }
    let diff = try SchemaDiff(from: before, to: after)
    #expect(!diff.isEmpty, "the schemas differ")
    let upgrade = try database.dialect.render(diff.operations, from: before)
    let downgradeOperations = diff.operations.reversed().map(\.reversed)
    let downgrade = try database.dialect.render(downgradeOperations, from: upgrade.end)
    #expect(try SchemaDiff(from: upgrade.end, to: after).isEmpty, "autogenerate after the upgrade is empty")
    #expect(try SchemaDiff(from: downgrade.end, to: before).isEmpty, "the downgrade replays back to the original state")
    let upgradedFingerprint = try await freshFingerprint(of: upgrade.end, dialect: dialect)
    let originalFingerprint = try await freshFingerprint(of: before, dialect: dialect)

    for round in 1...2 {
        try runMigration(upgrade.operations.flatMap(\.statements), on: database)
        #expect(try await fingerprint(database) == upgradedFingerprint, "schema after upgrade \(round)")
        for (query, expected) in testCase.afterUpgrade {
            #expect(try database.rows(query) == expected, "after upgrade \(round): \(query)")
        }
        if round == 2 { break }
        try runMigration(downgrade.operations.flatMap(\.statements), on: database)
        #expect(try await fingerprint(database) == originalFingerprint, "schema after downgrade")
        for (query, expected) in testCase.afterDowngrade {
            #expect(try database.rows(query) == expected, "after downgrade: \(query)")
        }
    }
}
