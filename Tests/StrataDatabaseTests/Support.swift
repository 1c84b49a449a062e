import Foundation
import StrataGenerator
import StrataSchema
import StrataTestSupport
import Testing

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A validated schema of this package, by path relative to the package root.
func validatedSchema(_ path: String) throws -> ValidatedSchema {
    let source = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    return try GeneratorPipeline.validate(source: source)
}

/// The text of a committed generated file.
func generatedText(_ path: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
}

/// One database under test, reached the same way on both dialects.
protocol TestDatabase {
    var dialect: any DatabaseDialect { get }
    /// Runs statements; throws with the database's message on failure.
    func execute(_ sql: String) throws
    /// Rows of one query, values as text.
    func rows(_ sql: String) throws -> [[String?]]
}

final class SQLiteTestDatabase: TestDatabase {
    let connection: SQLiteDirectConnection
    let dialect: any DatabaseDialect = SQLiteDialect()

    init() throws {
        connection = try SQLiteDirectConnection()
    }

    func execute(_ sql: String) throws { try connection.execute(sql) }
    func rows(_ sql: String) throws -> [[String?]] { try connection.query(sql) }
}

final class PostgresTestDatabase: TestDatabase {
    let server: PostgresTestServer
    let url: String
    let dialect: any DatabaseDialect = PostgreSQLDialect()

    init() async throws {
        server = try await PostgresTestServer.shared()
        url = try server.createDatabase()
    }

    func execute(_ sql: String) throws { try server.run(sql, database: url) }
    func rows(_ sql: String) throws -> [[String?]] {
        try server.run(sql, database: url).map { $0.map { $0 == "\\N" ? nil : $0 } }
    }
}

/// Expects `body` to throw an error whose text contains `fragment`.
func expectFailure(containing fragment: String, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("\(what): expected a failure mentioning '\(fragment)', but it succeeded", sourceLocation: sourceLocation)
    } catch {
        let message = "\(error)"
        #expect(message.contains(fragment), "\(what): '\(message)' does not mention '\(fragment)'", sourceLocation: sourceLocation)
    }
}
