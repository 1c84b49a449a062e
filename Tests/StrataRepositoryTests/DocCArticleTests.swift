import Foundation
import struct KitchenSinkModels.Ticket
import struct KitchenSinkModels.TicketNote
import struct KitchenSinkModels.TicketSummary
import StrataSQLite
import Testing
import Workflow

/// The code of the DocC articles (Sources/*/*.docc), run here as written there; a second test
/// checks that every Swift block of every article appears in this file, so they cannot drift apart.
@Suite struct DocCArticleTests {
    @Test func landingPage() async throws {
        let db = try SQLiteDatabase.inMemory()
        try await db.migrate(GeneratedSchema.migrations)
        let patterns = db.repository(Pattern.self)
        #expect(try await patterns.count() == 0)
        try await db.close()
    }

    @Test func gettingStarted() async throws {
        let db = try SQLiteDatabase.inMemory()
        try await db.migrate(GeneratedSchema.migrations)
        let patterns = db.repository(Pattern.self)
        let stored = try await patterns.insert(Pattern(
            name: "Weekly report", patternType: .workflowSequence, triggerConditions: ["weekday": "friday"], actions: []
        ))
        let found = try await patterns.find(stored.id)
        #expect(found == stored)
        try await db.close()
    }

    /// A database with one stored pattern, as the articles after "Getting started" assume.
    func started() async throws -> (SQLiteDatabase, Repository<Pattern>, Pattern) {
        let db = try SQLiteDatabase.inMemory()
        try await db.migrate(GeneratedSchema.migrations)
        let patterns = db.repository(Pattern.self)
        let stored = try await patterns.insert(Pattern(name: "Weekly report", patternType: .workflowSequence, triggerConditions: [:], actions: []))
        return (db, patterns, stored)
    }

    @Test func repositoryAndFilters() async throws {
        let (db, patterns, stored) = try await started()
        let top = try await patterns.list(
            where: \.trustTier == .auto && \.isActive == true,
            orderBy: .descending(\.frequencyCount), limit: 100
        )
        let unseen = try await patterns.count(where: .isNull(\.lastSeen) || .in(\.patternType, [.timeBased]))
        try await patterns.update(stored.id, set: [.increment(\.frequencyCount), .set(\.description, "Fridays")])
        let removed = try await patterns.delete(where: \.isActive == false)
        #expect(top.isEmpty && unseen == 1 && removed == 0)
        #expect(try await patterns.get(stored.id).frequencyCount == stored.frequencyCount + 1)
        try await db.close()
    }

    @Test func keysTheDatabaseAssigns() async throws {
        let db = try await openKitchenSinkDatabase(.sqlite)
        let tickets = db.repository(Ticket.self)
        let ticket = try await tickets.insert(Ticket(title: "Printer on fire"))
        let sameTicket = try await tickets.find(ticket.id)
        #expect(ticket.id == 1 && sameTicket == ticket)
        try await db.repository(TicketNote.self).insert(TicketNote(ticketID: 1, body: "smoke"))
        let busy = try await db.view(TicketSummary.self).list(where: \.noteCount > 0, orderBy: .ascending(\.title))
        #expect(busy.map(\.title) == ["Printer on fire"])
        try await db.close()
    }

    @Test func transactions() async throws {
        let (db, _, stored) = try await started()
        try await db.transaction { tx in
            try await tx.repository(Pattern.self).update(stored.id, set: [.increment(\.totalExecutions)])
            try await tx.repository(WorkflowExecution.self).insert(WorkflowExecution(patternID: stored.id))
        }
        let (count, active) = try await db.read { snapshot in
            let all = snapshot.repository(Pattern.self)
            return (try await all.count(), try await all.count(where: \.isActive == true))
        }
        #expect(count == 1 && active == 1)
        #expect(try await db.repository(WorkflowExecution.self).count() == 1)
        try await db.close()
    }

    @Test func migratingAtStartUp() async throws {
        let db = try SQLiteDatabase.inMemory()
        let steps = try await db.migrate(GeneratedSchema.migrations)
        for step in steps { print("applied \(step.id) in \(step.duration)") }
        #expect(steps.map(\.id) == GeneratedSchema.migrations.migrations.map(\.id))
        try await db.close()
    }

    @Test func workflow() async throws {
        let db = try SQLiteDatabase.inMemory()
        try await db.migrate(GeneratedSchema.migrations)
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(
            name: "Morning notes", patternType: .timeBased, triggerConditions: ["hour": 9], actions: ["open notes"]
        )
        try await store.recordOccurrence(patternID: pattern.id)
        let promoted = try await store.promote(id: pattern.id, to: .suggest)
        #expect(promoted.trustTier == .suggest && promoted.frequencyCount == 2)
        try await db.close()
    }

    /// Whether `lines` appear in `text`, one after another.
    static func contains(_ text: [String], _ lines: [String]) -> Bool {
        guard lines.count <= text.count else { return false }
        for start in 0...(text.count - lines.count) where Array(text[start..<(start + lines.count)]) == lines {
            return true
        }
        return false
    }

    /// Every ```swift block of every article, line by line (indentation aside), is in this file.
    @Test func everyArticleBlockIsInThisFile() throws {
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var blocks = 0
        for catalog in ["StrataRuntime/StrataRuntime.docc", "StrataSQLite/StrataSQLite.docc", "StrataPostgres/StrataPostgres.docc", "Workflow/Workflow.docc"] {
            let folder = packageRoot.appendingPathComponent("Sources/\(catalog)")
            let articles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
            #expect(!articles.isEmpty, "\(catalog) has no articles")
            for article in articles {
                let text = try String(contentsOf: folder.appendingPathComponent(article), encoding: .utf8)
                var rest = text[...]
                while let start = rest.range(of: "```swift\n"), let end = rest[start.upperBound...].range(of: "```") {
                    let lines = rest[start.upperBound..<end.lowerBound].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    rest = rest[end.upperBound...]
                    blocks += 1
                    let found = Self.contains(test, lines)
                    #expect(found, "\(catalog)/\(article): this block is not in DocCArticleTests.swift:\n\(lines.joined(separator: "\n"))")
                }
            }
        }
        #expect(blocks >= 9)
    }
}
