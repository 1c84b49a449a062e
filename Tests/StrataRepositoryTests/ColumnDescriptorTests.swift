import Foundation
import Testing
@testable import StrataRuntime
import StrataSchema
import Workflow

/// The generated column descriptors (`Pattern.Columns.frequencyCount`) assign, increment and order
/// as the key paths do, and a descriptor made by hand that names no column of its table is
/// refused with `StrataError.notAColumn`, never a crash or another column.
@Suite struct ColumnDescriptorTests {
    @Test(arguments: Dialect.allCases)
    func descriptorsAssignIncrementAndOrderOnBothDatabases(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let patterns = db.repository(Pattern.self)
        let first = try await patterns.insert(samplePattern("first", frequency: 5))
        let second = try await patterns.insert(samplePattern("second", frequency: 7))
        let seen = Date(timeIntervalSince1970: 1_700_000_123.456)
        try await patterns.update(first.id, set: [
            .increment(Pattern.Columns.frequencyCount, by: 10), .set(Pattern.Columns.lastSeen, seen),
            .set(Pattern.Columns.description, "set by descriptor"),
        ])
        let changed = try await patterns.get(first.id)
        #expect(changed.frequencyCount == 15)
        var expected = first
        expected.lastSeen = seen
        #expect(changed.lastSeen == expected.storedForm.lastSeen, "at the precision the database stores")
        #expect(changed.description == "set by descriptor")
        #expect(try await patterns.get(second.id).frequencyCount == 7, "only the keyed row changes")
        #expect(try await patterns.list(orderBy: .descending(Pattern.Columns.frequencyCount)).map(\.name) == ["first", "second"])
        #expect(try await patterns.list(orderBy: .ascending(Pattern.Columns.frequencyCount)).map(\.name) == ["second", "first"])

        let occurrences = db.repository(PatternOccurrence.self)
        let occurrence = try await occurrences.insert(PatternOccurrence(patternID: first.id, confidenceScore: 0.25))
        try await occurrences.update(occurrence.id, set: [.increment(PatternOccurrence.Columns.confidenceScore, by: 0.5)])
        #expect(try await occurrences.get(occurrence.id).confidenceScore == 0.75)
    }

    /// A descriptor and the key path of the same column make one statement shape: the same text
    /// and values, so both share one prepared statement.
    @Test(arguments: Dialect.allCases)
    func descriptorsRenderTheKeyPathsStatements(_ dialect: Dialect) async throws {
        let session = CapturingSession(dialect == .sqlite ? SQLiteDialect() : PostgreSQLDialect())
        let patterns = session.repository(Pattern.self)
        let id = UUID()
        try await patterns.update(id, set: [.increment(\.frequencyCount), .set(\.description, "d")])
        let byKeyPath = session.last
        try await patterns.update(id, set: [.increment(Pattern.Columns.frequencyCount), .set(Pattern.Columns.description, "d")])
        #expect(session.last.sql == byKeyPath.sql)
        // The increment, the description, `updated_at` (the time of each call) and the key.
        func withoutTime(_ values: [SQLValue]) -> [SQLValue] { values.enumerated().filter { $0.offset != 2 }.map(\.element) }
        #expect(session.last.values.count == 4)
        #expect(withoutTime(session.last.values) == withoutTime(byKeyPath.values))

        let ordered = try patterns.listStatement(orderBy: [.descending(\.frequencyCount), .ascending(\.name)], limit: 5)
        let byDescriptor = try patterns.listStatement(
            orderBy: [.descending(Pattern.Columns.frequencyCount), .ascending(Pattern.Columns.name)], limit: 5
        )
        #expect(byDescriptor.sql == ordered.sql)
        #expect(byDescriptor.arguments == ordered.arguments)
    }

    /// `ColumnDescriptor`'s initializer is public: a descriptor whose position is past the table's
    /// columns, or whose name is not the column at its position, names no column. Every use of it
    /// throws (before this check, the filter indexed past the columns and trapped).
    @Test func aDescriptorMadeByHandThatNamesNoColumnIsRefused() async throws {
        let patterns = CapturingSession(SQLiteDialect()).repository(Pattern.self)
        // The name reaches the message through `ControlCharacters.escaped`: no ESC for a terminal.
        let refused = [
            (ColumnDescriptor<Pattern, Int64>("frequency_count", position: 99), #"ColumnDescriptor("frequency_count", position: 99)"#),
            (ColumnDescriptor<Pattern, Int64>("frequency\u{1B}[2J", position: 6), #"ColumnDescriptor("frequency\u{1B}[2J", position: 6)"#),
        ]
        for (descriptor, text) in refused {
            let error = StrataError.notAColumn(table: "patterns", keyPath: text)
            await #expect(throws: error) { _ = try await patterns.list(where: descriptor >= 1) }
            await #expect(throws: error) { _ = try await patterns.list(orderBy: .descending(descriptor)) }
            await #expect(throws: error) { try await patterns.update(UUID(), set: [.increment(descriptor)]) }
            await #expect(throws: error) { try await patterns.update(where: .all, set: [.set(descriptor, 3)]) }
        }
    }
}
