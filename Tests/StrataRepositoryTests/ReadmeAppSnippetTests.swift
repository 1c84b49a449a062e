import Foundation
import StrataSQLite
import Testing
import Workflow

/// The README's "use it from an app" snippet, as written there (run in a temporary directory).
@Suite struct ReadmeAppSnippetTests {
    @Test func theAppSnippetRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(directory.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }

        // From README.md:
        let db = try SQLiteDatabase(path: "jarvis.sqlite")     // WAL pool; SQLiteDatabase.inMemory() for tests
        try await db.migrate(GeneratedSchema.migrations)        // at start-up: to head, no files on disk
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(
            name: "Weekly report", patternType: .workflowSequence,
            triggerConditions: ["weekday": "friday"], actions: [["open": "report.numbers"]]
        )
        try await store.recordOccurrence(patternID: pattern.id, confidence: 0.9)   // frequency +1, atomically
        let observed = try await store.listPatterns(trustTier: .observe)          // active, most frequent first
        let stats = try await store.patternStats(id: pattern.id)                   // SQL aggregates

        // Any generated model has a typed repository; filters are key paths, values are bound parameters.
        let top = try await db.repository(Pattern.self).list(
            where: \.trustTier == .auto && \.isActive == true, orderBy: .descending(\.frequencyCount), limit: 100
        )
        try await db.transaction { tx in                        // spans repositories; rolled back on throw
            try await tx.repository(Pattern.self).update(pattern.id, set: [.set(\.description, "Fridays")])
            try await tx.repository(PatternOccurrence.self).delete(where: \.patternID == pattern.id)
        }
        // End of the snippet.

        #expect(observed.map(\.id) == [pattern.id])
        #expect(stats.frequency == 2)
        #expect(top.isEmpty)
        #expect(try await store.pattern(id: pattern.id)?.description == "Fridays")
        #expect(try await db.repository(PatternOccurrence.self).count() == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("jarvis.sqlite").path))
        try await db.close()
    }

    /// The README's snippet text is the same as this test's (so the two cannot drift apart).
    @Test func theSnippetInTheReadmeIsThisOne() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let start = try #require(readme.range(of: "let db = try SQLiteDatabase(path: \"jarvis.sqlite\")"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let snippetLines = readme[start.lowerBound..<end.lowerBound].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let testLines = test.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let begin = try #require(testLines.firstIndex(of: snippetLines[0]))
        #expect(Array(testLines[begin..<begin + snippetLines.count]) == snippetLines)
    }
}
