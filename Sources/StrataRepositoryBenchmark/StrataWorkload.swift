import Foundation
import Workflow

/// Strata's repository and pattern repository on a driver, each call on its own as an app makes it.
final class StrataWorkload: Workload {
    let name: String
    let db: any StrataDatabase
    let patterns: Repository<Pattern>
    let store: PatternRepository

    init(name: String, db: any StrataDatabase) {
        self.name = name
        self.db = db
        patterns = db.repository(Pattern.self)
        store = PatternRepository(db)
    }

    func insertAll(_ patterns: [Pattern]) async throws {
        try await self.patterns.insert(contentsOf: patterns)
    }

    func fetchAll() async throws -> Int {
        try await patterns.list().count
    }

    func fetchByKey(_ ids: [UUID]) async throws -> Int {
        var found = 0
        for id in ids where try await patterns.find(id) != nil { found += 1 }
        return found
    }

    func update(_ patterns: [Pattern]) async throws {
        for pattern in patterns { try await self.patterns.update(pattern) }
    }

    func listTop(_ count: Int) async throws -> Int {
        var rows = 0
        for _ in 0..<count { rows += try await store.listPatterns(trustTier: .suggest, limit: 100).count }
        return rows
    }

    func recordOccurrences(_ ids: [UUID]) async throws {
        for id in ids { try await store.recordOccurrence(patternID: id) }
    }

    func close() async throws { try await db.close() }
}
