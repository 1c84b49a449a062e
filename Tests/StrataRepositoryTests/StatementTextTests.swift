import Foundation
import Testing
@testable import StrataRuntime
import Workflow
import KitchenSinkModels

/// A session that runs nothing: it records each statement's text and bound values (changes one
/// row, reads none), so tests can pin the exact SQL every repository operation sends.
final class CapturingSession: DatabaseSession, @unchecked Sendable {
    let dialect: any DatabaseDialect
    private let lock = NSLock()
    private var captured: [(sql: String, values: [SQLValue])] = []

    init(_ dialect: any DatabaseDialect) { self.dialect = dialect }

    var statements: [(sql: String, values: [SQLValue])] { lock.withLock { captured } }
    var last: (sql: String, values: [SQLValue]) { statements.last! }

    func record<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) {
        var collector = KeyCollector()
        arguments.write(to: &collector)
        lock.withLock { captured.append((sql, collector.values)) }
    }

    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        record(sql, arguments)
        return 1
    }

    func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        for arguments in batch { record(sql, arguments) }
        return batch.count
    }

    func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        record(sql, arguments)
        return []
    }

    func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        record(sql, arguments)
        return []
    }

    func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await body(self)
    }
}

/// Timestamps vary per call; tests compare them as this placeholder.
func comparable(_ values: [SQLValue]) -> [SQLValue] {
    values.map { if case .timestamp = $0 { return .text("<now>") }; return $0 }
}

/// The exact SQL of every repository operation on both dialects (as GRDB pins the SQL it runs).
@Suite struct StatementTextTests {
    static let columns = #""id", "name", "description", "pattern_type", "trigger_conditions", "actions", "frequency_count", "last_seen", "trust_tier", "is_active", "suspension_reason", "total_executions", "correct_executions", "created_at", "updated_at""#
    static let nonKey = ["name", "description", "pattern_type", "trigger_conditions", "actions", "frequency_count", "last_seen", "trust_tier", "is_active", "suspension_reason", "total_executions", "correct_executions", "created_at", "updated_at"]

    func parameters(_ dialect: any DatabaseDialect, _ range: ClosedRange<Int>) -> String {
        range.map { dialect.parameter($0) }.joined(separator: ", ")
    }

    @Test(arguments: [SQLiteDialect() as any DatabaseDialect, PostgreSQLDialect()])
    func modelStatements(_ dialect: any DatabaseDialect) async throws {
        let session = CapturingSession(dialect)
        let patterns = session.repository(Pattern.self)
        let pattern = samplePattern("p")
        let p = { dialect.parameter($0) }
        try await patterns.insert(pattern)
        // Updates and deletes end with the dialect's way of counting changed rows (PostgreSQL:
        // RETURNING 1); inserts and upserts are not counted (they write their rows or throw).
        let counted = dialect is PostgreSQLDialect ? " RETURNING 1" : ""
        let values = "INSERT INTO \"patterns\" (\(Self.columns)) VALUES (\(parameters(dialect, 1...15)))"
        let insert = values
        #expect(session.last.sql == insert)
        #expect(session.last.values.count == 15)
        try await patterns.upsert(pattern)
        #expect(session.last.sql == values + " ON CONFLICT (\"id\") DO UPDATE SET " + Self.nonKey.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", "))
        _ = try await patterns.find(pattern.id)
        #expect(session.last.sql == "SELECT \(Self.columns) FROM \"patterns\" WHERE \"id\" = \(p(1))")
        #expect(session.last.values == [.uuid(pattern.id)])
        _ = try await patterns.exists(pattern.id)
        #expect(session.last.sql == "SELECT 1 FROM \"patterns\" WHERE \"id\" = \(p(1))")
        try await patterns.update(pattern)
        #expect(session.last.sql == "UPDATE \"patterns\" SET " + Self.nonKey.enumerated().map { "\"\($1)\" = \(p($0 + 2))" }.joined(separator: ", ") + " WHERE \"id\" = \(p(1))" + counted)
        try await patterns.delete(pattern.id)
        #expect(session.last.sql == "DELETE FROM \"patterns\" WHERE \"id\" = \(p(1))" + counted)
        try await patterns.insert(contentsOf: Array(repeating: pattern, count: 101))
        let chunk = (0..<100).map { row in "(" + parameters(dialect, (row * 15 + 1)...(row * 15 + 15)) + ")" }.joined(separator: ", ")
        #expect(session.statements.suffix(2).map(\.sql) == ["INSERT INTO \"patterns\" (\(Self.columns)) VALUES \(chunk)", insert])
    }

    @Test(arguments: [SQLiteDialect() as any DatabaseDialect, PostgreSQLDialect()])
    func computedColumnsAreLeftOutOfWritesAndReturned(_ dialect: any DatabaseDialect) async throws {
        let session = CapturingSession(dialect)
        let tickets = session.repository(Ticket.self)
        let p = { dialect.parameter($0) }
        let returning = " RETURNING \"id\", \"title\", \"title_length\""
        // The capturing session returns no row, so the insert reports that none came back.
        await #expect(throws: StrataError.database(message: "the insert into 'tickets' returned no row")) { try await tickets.insert(Ticket(title: "a")) }
        #expect(session.last.sql == "INSERT INTO \"tickets\" (\"title\") VALUES (\(p(1)))" + returning)
        #expect(session.last.values == [.text("a")])
        _ = try? await tickets.insert(Ticket(id: 7, title: "b", titleLength: 5))
        #expect(session.last.sql == "INSERT INTO \"tickets\" (\"id\", \"title\") VALUES (\(p(1)), \(p(2)))" + returning)
        #expect(session.last.values == [.int(7), .text("b")])
        _ = try? await tickets.update(Ticket(id: 7, title: "c"))
        #expect(session.last.sql == "UPDATE \"tickets\" SET \"title\" = \(p(2)) WHERE \"id\" = \(p(1))" + returning)
        #expect(session.last.values == [.int(7), .text("c")])
        _ = try await tickets.upsert(Ticket(id: 7, title: "d"))
        #expect(session.last.sql == "INSERT INTO \"tickets\" (\"id\", \"title\") VALUES (\(p(1)), \(p(2))) ON CONFLICT (\"id\") DO UPDATE SET \"title\" = excluded.\"title\"" + returning)
        try await tickets.insert(contentsOf: (0..<101).map { Ticket(title: "t\($0)") } + [Ticket(id: 9, title: "k")])
        let chunk = (1...100).map { "(\(p($0)))" }.joined(separator: ", ")
        #expect(session.statements.suffix(3).map(\.sql) == [
            "INSERT INTO \"tickets\" (\"id\", \"title\") VALUES (\(p(1)), \(p(2)))",
            "INSERT INTO \"tickets\" (\"title\") VALUES \(chunk)",
            "INSERT INTO \"tickets\" (\"title\") VALUES (\(p(1)))",
        ])
        #expect(session.statements.suffix(2).first?.values.first == .text("t0"))
        #expect(session.last.values == [.text("t100")])
    }

    @Test(arguments: [SQLiteDialect() as any DatabaseDialect, PostgreSQLDialect()])
    func filteredOrderedAndAssigningStatements(_ dialect: any DatabaseDialect) async throws {
        let session = CapturingSession(dialect)
        let patterns = session.repository(Pattern.self)
        let p = { dialect.parameter($0) }
        let counted = dialect.changedRowsClause
        let id = UUID()
        try await patterns.update(id, set: [.increment(\.frequencyCount), .set(\.description, "x")])
        #expect(session.last.sql == "UPDATE \"patterns\" SET \"frequency_count\" = \"frequency_count\" + \(p(1)), \"description\" = \(p(2)), \"updated_at\" = \(p(3)) WHERE \"id\" = \(p(4))" + counted)
        #expect(comparable(session.last.values) == [.int(1), .text("x"), .text("<now>"), .uuid(id)])

        try await patterns.update(where: \.trustTier == .auto && \.isActive == true, set: [.set(\.isActive, false), .increment(\.correctExecutions, by: -2)])
        #expect(session.last.sql == "UPDATE \"patterns\" SET \"is_active\" = \(p(1)), \"correct_executions\" = \"correct_executions\" + \(p(2)), \"updated_at\" = \(p(3)) WHERE (\"trust_tier\" = \(p(4)) AND \"is_active\" = \(p(5)))" + counted)
        #expect(comparable(session.last.values) == [.bool(false), .int(-2), .text("<now>"), .text("auto"), .bool(true)])

        _ = try await patterns.list(
            where: .in(\.patternType, [.timeBased, .triggerResponse]) || .isNull(\.lastSeen),
            orderBy: .descending(\.lastSeen), .ascending(\.name), limit: 10, offset: 20
        )
        let nullsLast = dialect is PostgreSQLDialect ? " NULLS LAST" : ""
        #expect(session.last.sql == "SELECT \(Self.columns) FROM \"patterns\" WHERE (\"pattern_type\" IN (\(p(1)), \(p(2))) OR \"last_seen\" IS NULL) ORDER BY \"last_seen\" DESC\(nullsLast), \"name\" ASC LIMIT \(p(3)) OFFSET \(p(4))")
        #expect(session.last.values == [.text("time_based"), .text("trigger_response"), .int(10), .int(20)])

        _ = try await patterns.list(where: .in(\.name, [String]()), orderBy: .ascending(\.lastSeen), offset: 5)
        let nullsFirst = dialect is PostgreSQLDialect ? " NULLS FIRST" : ""
        #expect(session.last.sql == "SELECT \(Self.columns) FROM \"patterns\" WHERE 1 = 0 ORDER BY \"last_seen\" ASC\(nullsFirst) \(dialect.noLimit) OFFSET \(p(1))")

        _ = try await patterns.count(where: !(\.frequencyCount > 5))
        #expect(session.last.sql == "SELECT COUNT(*) FROM \"patterns\" WHERE NOT \"frequency_count\" > \(p(1))")
        _ = try await patterns.count()
        #expect(session.last.sql == "SELECT COUNT(*) FROM \"patterns\"")
        _ = try await patterns.exists(where: .like(\.name, "a%") && .notLike(\.name, "%b"))
        #expect(session.last.sql == "SELECT 1 FROM \"patterns\" WHERE (\"name\" LIKE \(p(1)) AND \"name\" NOT LIKE \(p(2))) LIMIT 1")
        _ = try await patterns.countGrouped(by: \.trustTier, where: \.isActive == true)
        #expect(session.last.sql == "SELECT \"trust_tier\", COUNT(*) FROM \"patterns\" WHERE \"is_active\" = \(p(1)) GROUP BY \"trust_tier\"")
        try await patterns.delete(where: \.frequencyCount <= 0 && .notIn(\.trustTier, [.auto]))
        #expect(session.last.sql == "DELETE FROM \"patterns\" WHERE (\"frequency_count\" <= \(p(1)) AND \"trust_tier\" NOT IN (\(p(2))))" + counted)
        #expect(session.last.values == [.int(0), .text("auto")])
    }

    /// One text per shape: the same shape with other values reuses it; another shape gets its own.
    @Test func statementsAreRenderedOncePerShape() async throws {
        let session = CapturingSession(SQLiteDialect())
        let patterns = session.repository(Pattern.self)
        let shapes = ModelStatements.of(Pattern.self, SQLiteDialect()).relation.shapes
        _ = try await patterns.list(where: \.name == "shape test a" && \.frequencyCount > 1, orderBy: .descending(\.createdAt), limit: 3)
        let first = session.last
        let count = shapes.count
        _ = try await patterns.list(where: \.name == "shape test b" && \.frequencyCount > 7, orderBy: .descending(\.createdAt), limit: 9)
        #expect(session.last.sql == first.sql)
        #expect(session.last.values == [.text("shape test b"), .int(7), .int(9)])
        #expect(shapes.count == count)
        _ = try await patterns.list(where: \.name == "shape test c" || \.frequencyCount > 7, orderBy: .descending(\.createdAt), limit: 9)
        #expect(session.last.sql != first.sql)
    }

    /// The cache renders a shape once and keeps it; another shape is rendered again (the test
    /// above cannot tell a working cache from none: the text is the same either way).
    @Test func theShapeCacheRendersEachShapeOnce() {
        let cache = ShapeCache()
        var renders = 0
        var first = ShapeWalker<Pattern>(.count)
        first.shape.append(Int32(1))
        var other = ShapeWalker<Pattern>(.count)
        other.shape.append(Int32(2))
        for _ in 0..<3 { _ = cache.text(for: first.shape) { renders += 1; return "a" } }
        #expect(renders == 1 && cache.count == 1)
        #expect(cache.text(for: other.shape) { renders += 1; return "b" } == "b")
        #expect(cache.text(for: first.shape) { renders += 1; return "changed" } == "a")
        #expect(renders == 2 && cache.count == 2)
    }

    /// Shapes found among the recently used ones and shapes found in the dictionary answer with
    /// their own text, whatever the order of use: more shapes than the recent list holds, used
    /// round and round and back and forth, each rendered once.
    @Test func theShapeCacheAnswersEachShapeWithItsOwnTextInAnyOrder() {
        let cache = ShapeCache()
        let count = ShapeCache.recentCapacity + 3
        let shapes = (0..<count).map { index -> StatementShape in
            var walker = ShapeWalker<Pattern>(.list)
            // Shapes of one length and of different lengths, so comparing tokens is exercised too.
            for token in 0...(index % 3) { walker.shape.append(Int32(index * 10 + token)) }
            return walker.shape
        }
        var renders = 0
        let order = Array(0..<count) + Array((0..<count).reversed()) + [0, 0, 5, 1, 5, 6, 2, 6, 0]
        for index in order {
            let text = cache.text(for: shapes[index]) { renders += 1; return "text \(index)" }
            #expect(text == "text \(index)")
        }
        #expect(renders == count && cache.count == count)
    }

    /// The walker that collects a shape's values and the renderer that makes its text agree on
    /// the order of the values, for random filters, orderings, limits and assignments.
    @Test func walkerAndRendererBindTheSameValuesInTheSameOrder() throws {
        var random = SeededRandom(seed: 42)
        for _ in 0..<500 {
            let filter = randomFilter(&random, depth: 3)
            let orderings: [Ordering<Pattern>] = random.next(3) == 0 ? [] : [.descending(\.lastSeen), .ascending(\.name)]
            let limit = random.next(2) == 0 ? nil : random.next(100)
            let offset = random.next(2) == 0 ? nil : random.next(100)
            let assignments: [Assignment<Pattern>] = [.set(\.description, "d\(random.next(9))"), .increment(\.frequencyCount, by: Int64(random.next(5)))]
            let now = SQLValue.timestamp(Date())
            var walker = ShapeWalker<Pattern>(.updateWhere)
            try walker.walk(assignments, now: now)
            try walker.walk(filter)
            try walker.walk(orderings)
            walker.walk(limit: limit, offset: offset)
            var renderer = QueryRenderer<Pattern>(dialect: PostgreSQLDialect())
            _ = try renderer.setClause(assignments, now: now)
            _ = try renderer.whereClause(filter)
            _ = try renderer.orderClause(orderings)
            _ = renderer.limitClause(limit: limit, offset: offset)
            #expect(walker.values == renderer.arguments)
        }
    }

    func randomFilter(_ random: inout SeededRandom, depth: Int) -> Filter<Pattern> {
        switch random.next(depth == 0 ? 6 : 9) {
        case 0: return \.name == "n\(random.next(5))"
        case 1: return \.frequencyCount >= Int64(random.next(50))
        case 2: return .in(\.trustTier, Array([TrustTier.observe, .suggest, .auto].prefix(random.next(4))))
        case 3: return .isNull(\.lastSeen)
        case 4: return .like(\.name, "%\(random.next(9))")
        case 5: return \.lastSeen == nil
        case 6: return randomFilter(&random, depth: depth - 1) && randomFilter(&random, depth: depth - 1)
        case 7: return randomFilter(&random, depth: depth - 1) || randomFilter(&random, depth: depth - 1)
        default: return !randomFilter(&random, depth: depth - 1)
        }
    }

    @Test func misuseHasItsOwnErrors() async throws {
        let patterns = CapturingSession(SQLiteDialect()).repository(Pattern.self)
        await #expect(throws: StrataError.notAColumn(table: "patterns", keyPath: "\(\Pattern.successRateForTest)")) {
            _ = try await patterns.list(where: \.successRateForTest == 1.0)
        }
        await #expect(throws: StrataError.notAColumn(table: "patterns", keyPath: "\(\Pattern.successRateForTest)")) {
            _ = try await patterns.list(orderBy: .ascending(\.successRateForTest))
        }
        await #expect(throws: StrataError.emptyUpdate(table: "captures")) {
            try await CapturingSession(SQLiteDialect()).repository(Capture.self).update(where: .all, set: [])
        }
    }

    /// Column positions cached by key path identity stay right: the same answer the second time,
    /// for a column and for a computed property (nil). A key path made at run time is a new object
    /// each time; its entry keeps it alive, so no later key path can be given its freed address and
    /// be answered from its entry. (Appending to `\Pattern.self` returns the literal's own object,
    /// so only a deeper path, which is no column, is a new one.)
    @Test func keyPathPositionsStayRightWhenCachedByIdentity() {
        for _ in 0..<2 {
            #expect(KeyPathPositions.position(of: \Pattern.frequencyCount as PartialKeyPath<Pattern>) == 6)
            #expect(KeyPathPositions.position(of: \Pattern.successRateForTest as PartialKeyPath<Pattern>) == nil)
        }
        weak var made: AnyKeyPath?
        do {
            let path: PartialKeyPath<Pattern> = (\Pattern.name).appending(path: \String.count)
            made = path
            #expect(KeyPathPositions.position(of: path) == nil)
        }
        #expect(made != nil, "the cache entry keeps the key path it is keyed by alive")
    }
}

extension Pattern {
    /// A computed property: not a column.
    var successRateForTest: Double { Double(correctExecutions) / Double(max(totalExecutions, 1)) }
}

/// A small reproducible generator for the property tests.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }
}
