import Foundation
import JarvisModels
import StrataRuntime
import StrataSQLite
import Testing

/// The README's "migrate at start-up" snippet, as written there.
@Suite struct ReadmeSnippetTests {
    @Test func anAppMigratesAtStartUpWithNoFilesOnDisk() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).sqlite").path
        // From README.md:
        let connection = try SQLiteMigrationConnection(path: path)
        try await MigrationRunner(history: GeneratedSchema.migrations).upgrade(on: connection)
        // Then the database is at head, with the workflow tables.
        #expect(try await MigrationRunner(history: GeneratedSchema.migrations).current(on: connection) == "0002_add_workflow_automation_tables")
        #expect(try await connection.query("SELECT count(*) FROM \"patterns\"") == [["0"]])
    }
}
