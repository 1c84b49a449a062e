import Foundation
import JarvisModels
import StrataRuntime
import StrataSQLite
import Testing

/// The runner at start-up with the embedded history (what `Database.migrate` does).
@Suite struct ReadmeSnippetTests {
    @Test func anAppMigratesAtStartUpWithNoFilesOnDisk() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).sqlite").path
        let connection = try SQLiteMigrationConnection(path: path)
        try await MigrationRunner(history: GeneratedSchema.migrations).upgrade(on: connection)
        // Then the database is at head, with the workflow tables.
        #expect(try await MigrationRunner(history: GeneratedSchema.migrations).current(on: connection) == "0004_keep_the_docs_as_database_comments")
        #expect(try await connection.query("SELECT count(*) FROM \"patterns\"") == [["0"]])
    }
}
