import Foundation
import Testing
import Workflow

/// `listPatterns` on 100,000 patterns is served by an index, with no sort of the table.
@Suite struct QueryPlanTests {
    struct SQLitePlanRow: RowDecodable {
        let detail: String
        init<Reader: RowReader>(row reader: inout Reader) throws {
            _ = try reader.readInt64()
            _ = try reader.readInt64()
            _ = try reader.readInt64()
            detail = try reader.readString()
        }
    }

    struct PostgresPlanRow: RowDecodable {
        let line: String
        init<Reader: RowReader>(row reader: inout Reader) throws { line = try reader.readString() }
    }

    func plan(_ db: any StrataDatabase, _ statement: (sql: String, arguments: [SQLValue]), _ dialect: Dialect) async throws -> String {
        switch dialect {
        case .sqlite:
            return try await db.fetch("EXPLAIN QUERY PLAN " + statement.sql, statement.arguments, as: SQLitePlanRow.self).map(\.detail).joined(separator: "\n")
        case .postgres:
            return try await db.fetch("EXPLAIN " + statement.sql, statement.arguments, as: PostgresPlanRow.self).map(\.line).joined(separator: "\n")
        }
    }

    @Test(arguments: Dialect.allCases)
    func listPatternsUsesTheCompositeIndexes(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let tiers: [TrustTier] = [.observe, .suggest, .auto]
        let types = PatternType.allCases
        let patterns = (0..<100_000).map { index in
            samplePattern("plan \(index)", type: types[index % types.count], tier: tiers[index % 3], frequency: Int64(index % 5_000), active: index % 10 != 0)
        }
        try await db.repository(Pattern.self).insert(contentsOf: patterns)
        if dialect == .postgres { try await db.execute("ANALYZE patterns", [SQLValue]()) } else { try await db.execute("ANALYZE", [SQLValue]()) }
        let store = PatternRepository(db)
        let cases: [(statement: (sql: String, arguments: [SQLValue]), index: String)] = [
            (try store.listPatternsStatement(), "ix_patterns_is_active_frequency_count"),
            (try store.listPatternsStatement(trustTier: .suggest), "ix_patterns_is_active_trust_tier_frequency_count"),
            (try store.listPatternsStatement(patternType: .timeBased), "ix_patterns_is_active_pattern_type_frequency_count"),
        ]
        for (statement, index) in cases {
            let text = try await plan(db, statement, dialect)
            switch dialect {
            case .sqlite:
                #expect(text.contains("USING INDEX \(index)"), "\(text)")
                #expect(!text.contains("TEMP B-TREE"), "sorted: \(text)")
            case .postgres:
                #expect(text.contains("Index Scan Backward using \(index)"), "\(text)")
                #expect(!text.contains("Sort"), "sorted: \(text)")
            }
        }
        // And the answers are right: the most frequent active patterns of the tier.
        let top = try await store.listPatterns(trustTier: .suggest, limit: 100)
        #expect(top.count == 100)
        #expect(top.allSatisfy { $0.trustTier == .suggest && $0.isActive })
        #expect(top.map(\.frequencyCount) == top.map(\.frequencyCount).sorted(by: >))
        #expect(top.first?.frequencyCount == 4_999 || top.first?.frequencyCount == 4_998)
    }
}
