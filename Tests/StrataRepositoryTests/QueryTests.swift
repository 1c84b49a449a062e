import Foundation
import Testing
import Workflow

/// Filters, orderings, paging, counts and streaming, on both databases.
@Suite struct QueryTests {
    /// Ten patterns with known frequencies, tiers, types and nullable values.
    static func seed(_ db: any StrataDatabase) async throws -> [Pattern] {
        var patterns: [Pattern] = []
        for index in 0..<10 {
            var pattern = samplePattern(
                "pattern \(index)", type: index % 2 == 0 ? .timeBased : .triggerResponse,
                tier: [.observe, .suggest, .auto][index % 3], frequency: Int64(index * 10), active: index < 8,
                lastSeen: index % 3 == 0 ? nil : Date(timeIntervalSince1970: 1_700_000_000 + Double(index))
            )
            pattern.description = index == 4 ? "Morning ROUTINE 100%" : nil
            patterns.append(pattern)
        }
        try await db.repository(Pattern.self).insert(contentsOf: patterns)
        return patterns
    }

    @Test(arguments: Dialect.allCases)
    func everyFilterOperator(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        _ = try await Self.seed(db)
        let patterns = db.repository(Pattern.self)
        func names(_ filter: Filter<Pattern>) async throws -> [String] {
            try await patterns.list(where: filter, orderBy: .ascending(\.frequencyCount)).map(\.name)
        }
        func numbers(_ filter: Filter<Pattern>) async throws -> [Int] {
            try await names(filter).map { Int($0.split(separator: " ")[1])! }
        }
        #expect(try await numbers(\.frequencyCount == 30) == [3])
        #expect(try await numbers(\.frequencyCount != 30) == [0, 1, 2, 4, 5, 6, 7, 8, 9])
        #expect(try await numbers(\.frequencyCount < 30) == [0, 1, 2])
        #expect(try await numbers(\.frequencyCount <= 30) == [0, 1, 2, 3])
        #expect(try await numbers(\.frequencyCount > 70) == [8, 9])
        #expect(try await numbers(\.frequencyCount >= 70) == [7, 8, 9])
        #expect(try await numbers(\.trustTier == .auto && \.isActive == true) == [2, 5])
        #expect(try await numbers(\.trustTier == .auto || \.frequencyCount == 0) == [0, 2, 5, 8])
        #expect(try await numbers(!(\.isActive == true)) == [8, 9])
        #expect(try await numbers(.in(\.trustTier, [.suggest, .auto]) && \.patternType == .timeBased) == [2, 4, 8])
        #expect(try await numbers(.notIn(\.trustTier, [.suggest, .auto])) == [0, 3, 6, 9])
        #expect(try await numbers(.in(\.trustTier, [TrustTier]())) == [])
        #expect(try await numbers(.isNull(\.lastSeen)) == [0, 3, 6, 9])
        #expect(try await numbers(.isNotNull(\.lastSeen) && \.frequencyCount < 30) == [1, 2])
        #expect(try await numbers(\.lastSeen == nil) == [0, 3, 6, 9])
        #expect(try await numbers(\.lastSeen != nil) == [1, 2, 4, 5, 7, 8])
        #expect(try await numbers(\.lastSeen > Date(timeIntervalSince1970: 1_700_000_004.5)) == [5, 7, 8])
        #expect(try await numbers(.like(\.name, "pattern 1%")) == [1])
        #expect(try await numbers(.like(\.name, "PATTERN 1%")) == [], "LIKE is case-sensitive on both databases")
        #expect(try await numbers(.like(\.description, "%ROUTINE%")) == [4])
        #expect(try await numbers(.notLike(\.name, "pattern _")) == [])
        #expect(try await numbers(.any([\.frequencyCount == 10, \.frequencyCount == 90])) == [1, 9])
        #expect(try await numbers(.none) == [])
        #expect(try await numbers(Pattern.Columns.frequencyCount >= 80) == [8, 9], "the generated descriptors filter too")
        // Values are bound, never spliced: a quote in a value is just a character.
        #expect(try await numbers(\.name == "x' OR '1'='1") == [])
    }

    @Test(arguments: Dialect.allCases)
    func orderingWithNullsLimitOffsetCountAndExists(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        _ = try await Self.seed(db)
        let patterns = db.repository(Pattern.self)
        func numbers(_ orderings: [Ordering<Pattern>], limit: Int? = nil, offset: Int? = nil) async throws -> [Int] {
            try await patterns.list(where: .all, orderBy: orderings, limit: limit, offset: offset).map { Int($0.name.split(separator: " ")[1])! }
        }
        // NULLs sort as the smallest value on both databases.
        #expect(try await numbers([.ascending(\.lastSeen), .ascending(\.frequencyCount)]) == [0, 3, 6, 9, 1, 2, 4, 5, 7, 8])
        #expect(try await numbers([.descending(\.lastSeen), .ascending(\.frequencyCount)]) == [8, 7, 5, 4, 2, 1, 0, 3, 6, 9])
        #expect(try await numbers([.descending(\.frequencyCount)], limit: 3) == [9, 8, 7])
        #expect(try await numbers([.descending(\.frequencyCount)], limit: 3, offset: 3) == [6, 5, 4])
        #expect(try await numbers([.ascending(\.frequencyCount)], offset: 8) == [8, 9])
        #expect(try await numbers([.ascending(\.trustTier), .descending(\.name)]) == [8, 5, 2, 9, 6, 3, 0, 7, 4, 1])
        #expect(try await patterns.count() == 10)
        #expect(try await patterns.count(where: \.isActive == false) == 2)
        #expect(try await patterns.exists(where: \.frequencyCount == 90))
        #expect(!(try await patterns.exists(where: \.frequencyCount == 91)))
        let grouped = try await patterns.countGrouped(by: \.trustTier)
        #expect(Dictionary(uniqueKeysWithValues: grouped.map { ($0.value, $0.count) }) == [.observe: 4, .suggest: 3, .auto: 3])
    }

    @Test(arguments: Dialect.allCases)
    func updateAndDeleteByFilter(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let seeded = try await Self.seed(db)
        let patterns = db.repository(Pattern.self)
        let changed = try await patterns.update(where: \.trustTier == .observe, set: [.increment(\.frequencyCount, by: 5), .set(\.description, "bumped")])
        #expect(changed == 4)
        let bumped = try await patterns.list(where: \.description == "bumped", orderBy: .ascending(\.frequencyCount))
        #expect(bumped.map(\.frequencyCount) == [5, 35, 65, 95])
        #expect(bumped.allSatisfy { $0.updatedAt > seeded[0].updatedAt }, "on_update: now columns are set by updates")
        #expect(try await patterns.delete(where: \.isActive == false) == 2)
        #expect(try await patterns.count() == 8)
        await #expect(throws: StrataError.self) { try await patterns.update(UUID(), set: [.set(\.name, "missing")]) }
        await #expect(throws: StrataError.notFound(table: "patterns", key: seeded[9].id.uuidString)) {
            try await patterns.update(seeded[9])
        }
    }

    @Test(arguments: Dialect.allCases)
    func streamingReadsOnePageAtATime(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let total = 100_000
        let patterns = (0..<total).map { samplePattern(String(format: "stream %06d", $0), frequency: Int64($0)) }
        try await db.repository(Pattern.self).insert(contentsOf: patterns)
        let recording = RecordingSession(db)
        var count = 0
        var frequencySum: Int64 = 0
        var previous: UUID?
        for try await pattern in recording.repository(Pattern.self).stream(where: \.frequencyCount >= 0, batchSize: 500) {
            count += 1
            frequencySum += pattern.frequencyCount
            if let previous { #expect(previous.uuidString.lowercased() < pattern.id.uuidString.lowercased(), "key order") }
            previous = pattern.id
        }
        #expect(count == total)
        #expect(frequencySum == Int64(total) * Int64(total - 1) / 2)
        // Memory is bounded by the page, not by the row count: no fetch returned more than 500 rows.
        #expect(recording.largestFetch == 500)
        #expect(recording.fetchCount == total / 500 + 1)
    }
}
