import Foundation
@testable import StrataSQLite
import StrataTestSupport
import Testing
import Workflow

/// The SQLite writer connection that repositories use directly under the writer lock, with its
/// own prepared statements (`WriterConnection`).
@Suite struct WriterConnectionTests {
    /// More distinct statements than the connection keeps at hand, cycled inside one transaction,
    /// and a schema change between two uses of a prepared statement (SQLite prepares it again).
    @Test func statementsCycleAndSurviveASchemaChange() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-writer-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: path)
        try await db.migrate(GeneratedSchema.migrations)
        let tiers: [TrustTier] = [.observe, .suggest, .auto]
        let inserted = try await db.transaction { tx in
            let patterns = tx.repository(Pattern.self)
            var inserted: [Pattern] = []
            for round in 0..<3 {
                for (index, tier) in tiers.enumerated() {
                    inserted.append(try await patterns.insert(samplePattern("p\(round)-\(index)", tier: tier, frequency: Int64(round * 10 + index))))
                }
                // Seven statement shapes per round, more than the four kept at hand.
                for tier in tiers {
                    #expect(try await patterns.count(where: \.trustTier == tier) == round + 1)
                }
                #expect(try await patterns.find(inserted[round * 3].id)?.name == "p\(round)-0")
                #expect(try await patterns.exists(where: \.frequencyCount > Int64(round * 10)))
                try await patterns.update(inserted[round * 3].id, set: [.increment(\.frequencyCount)])
            }
            return inserted
        }
        // A schema change between two uses of the writer's prepared find, in one transaction (both
        // finds run directly); SQLite prepares the statement again (a legacy prepare would fail).
        try await db.transaction { tx in
            let patterns = tx.repository(Pattern.self)
            #expect(try await patterns.find(inserted[0].id)?.frequencyCount == 1)
            try await tx.execute("CREATE INDEX ix_writer_test ON patterns (name)", [] as [SQLValue])
            #expect(try await patterns.find(inserted[6].id)?.frequencyCount == 21)
        }
        try await db.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// After `close()` every use throws `databaseClosed` (the statements are finalized, the
    /// connection gone), on a file and in memory.
    @Test(arguments: [false, true])
    func aClosedDatabaseSaysSo(inMemory: Bool) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-closed-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: inMemory ? ":memory:" : path)
        try await db.migrate(GeneratedSchema.migrations)
        let pattern = try await db.repository(Pattern.self).insert(samplePattern("kept"))
        #expect(try await db.repository(Pattern.self).find(pattern.id) != nil)
        try await db.close()
        await #expect(throws: StrataError.databaseClosed(url: db.url)) { try await db.repository(Pattern.self).find(pattern.id) }
        await #expect(throws: StrataError.databaseClosed(url: db.url)) { try await db.repository(Pattern.self).insert(samplePattern("late")) }
        await #expect(throws: StrataError.databaseClosed(url: db.url)) {
            try await db.transaction { tx in try await tx.repository(Pattern.self).count() }
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Transaction control run by hand inside a transaction goes through GRDB's queue, where its
    /// commit hook must run (directly it would stop the process), and so does every statement
    /// once no transaction is open; a text of two statements is refused, not half run.
    @Test func transactionControlAndSeveralStatementsInsideATransaction() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-control-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: path)
        try await db.migrate(GeneratedSchema.migrations)
        await #expect(throws: StrataError.self) {
            try await db.transaction { tx in
                try await tx.repository(Pattern.self).insert(samplePattern("before the commit"))
                try await tx.execute("COMMIT", [] as [SQLValue])
                // No transaction is open now: this write commits on its own, on GRDB's queue.
                try await tx.repository(Pattern.self).insert(samplePattern("after the commit"))
            }
        }
        #expect(try await db.repository(Pattern.self).count() == 2)
        await #expect(throws: StrataError.database(message: "the SQL text holds more than one statement: run them one by one")) {
            try await db.transaction { tx in
                try await tx.execute("DELETE FROM pattern_occurrences; DELETE FROM patterns", [] as [SQLValue])
            }
        }
        #expect(try await db.repository(Pattern.self).count() == 2)
        try await db.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Many distinct texts in transactions (values written into the SQL): the connection keeps at
    /// most `capacity` statements, starting again when full, and every answer stays right.
    @Test func theStatementCacheIsBounded() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bound-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: path)
        let total = WriterConnection.capacity + 100
        let sum = try await db.transaction { tx in
            var sum: Int64 = 0
            for number in 0..<total {
                sum += try await tx.fetch("SELECT \(number)", [] as [SQLValue], as: CountRow.self).first?.count ?? -1_000_000
            }
            return sum
        }
        #expect(sum == Int64(total * (total - 1) / 2))
        #expect(db.writerConnection.count <= WriterConnection.capacity)
        #expect(db.writerConnection.count == 100)
        try await db.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
