import Foundation
import Testing
import StrataSQLite
import StrataTestSupport
import Workflow

/// The pattern repository's operations inside a caller's transaction: no savepoint, and a failure
/// still leaves nothing behind.
@Suite struct AtomicWithoutSavepointTests {
    @Test(arguments: Dialect.allCases)
    func operationsInACallersTransactionOpenNoSavepoint(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let pattern = try await PatternRepository(db).createPattern(name: "p", patternType: .timeBased, triggerConditions: [:], actions: [])
        let detected = Date(timeIntervalSince1970: 1_800_000_000.123_4)
        let id = UUID()
        let (occurrence, savepoints) = try await db.transaction { tx in
            let recording = RecordingSession(tx)
            let store = PatternRepository(recording)
            let occurrence = try await store.recordOccurrence(patternID: pattern.id, confidence: 0.7, id: id, detectedAt: detected)
            try await store.recordExecution(patternID: pattern.id)
            try await store.suspend(id: pattern.id, reason: "r")
            try await store.unsuspend(id: pattern.id)
            _ = try await store.patternStats(id: pattern.id)
            return (occurrence, recording.transactionCount)
        }
        #expect(savepoints == 0)
        #expect(occurrence.id == id && occurrence.detectedAt == detected.roundedToMilliseconds)
        let stored = try #require(try await PatternRepository(db).pattern(id: pattern.id))
        #expect(stored.frequencyCount == 2 && stored.totalExecutions == 1 && stored.lastSeen == detected.roundedToMilliseconds)
        // Outside a transaction each operation still gets one of its own.
        let recording = RecordingSession(db)
        try await PatternRepository(recording).recordOccurrence(patternID: pattern.id)
        #expect(recording.transactionCount == 1)
    }

    /// A failing occurrence (unknown capture) inside the caller's transaction: on SQLite the
    /// transaction goes on with nothing of it left; on PostgreSQL the transaction is failed and
    /// rolls back. Either way the pattern's count never includes it.
    @Test(arguments: Dialect.allCases)
    func aFailedOperationInACallersTransactionLeavesNothing(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let pattern = try await PatternRepository(db).createPattern(name: "p", patternType: .timeBased, triggerConditions: [:], actions: [])
        let missing = UUID()
        if dialect == .sqlite {
            try await db.transaction { tx in
                let store = PatternRepository(tx)
                await #expect(throws: StrataError.self) { try await store.recordOccurrence(patternID: pattern.id, captureID: UUID()) }
                await #expect(throws: StrataError.notFound(table: "patterns", key: "\(missing)")) {
                    try await store.recordOccurrence(patternID: missing)
                }
                let left = try await tx.repository(PatternOccurrence.self).count()
                #expect(left == 0)
                #expect(try await store.pattern(id: pattern.id)?.frequencyCount == 1)
                try await store.recordOccurrence(patternID: pattern.id)
            }
            #expect(try await PatternRepository(db).pattern(id: pattern.id)?.frequencyCount == 2)
            #expect(try await db.repository(PatternOccurrence.self).count() == 1)
        } else {
            // The pattern's update ran first; the failed insert fails the transaction, which rolls back.
            var insertFailure: StrataError?
            do {
                try await db.transaction { tx in
                    let store = PatternRepository(tx)
                    do {
                        try await store.recordOccurrence(patternID: pattern.id, captureID: UUID())
                    } catch let error as StrataError {
                        insertFailure = error
                    }
                    try await store.recordOccurrence(patternID: pattern.id)
                }
                Issue.record("the transaction went on after a failed statement")
            } catch {}
            if case .foreignKeyViolation? = insertFailure {} else { Issue.record("expected a foreign-key violation, got \(String(describing: insertFailure))") }
            #expect(try await PatternRepository(db).pattern(id: pattern.id)?.frequencyCount == 1)
            #expect(try await db.repository(PatternOccurrence.self).count() == 0)
            // A missing pattern changes no row, so the transaction goes on.
            try await db.transaction { tx in
                let store = PatternRepository(tx)
                await #expect(throws: StrataError.notFound(table: "patterns", key: "\(missing)")) {
                    try await store.recordOccurrence(patternID: missing)
                }
                try await store.recordOccurrence(patternID: pattern.id)
            }
            #expect(try await PatternRepository(db).pattern(id: pattern.id)?.frequencyCount == 2)
        }
    }

    /// On SQLite the insert runs first; when the pattern's update then fails (here a trigger
    /// refuses it), the inserted row is deleted again, inside the caller's transaction.
    @Test func aFailedCounterUpdateRemovesTheInsertedRowOnSQLite() async throws {
        let db = try await openWorkflowDatabase(.sqlite)
        defer { Task { try? await db.close() } }
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(name: "p", patternType: .timeBased, triggerConditions: [:], actions: [])
        let path = String(db.url.dropFirst("sqlite:".count))
        try SQLiteDirectConnection(path: path).execute(
            "CREATE TRIGGER refuse_counting BEFORE UPDATE OF frequency_count ON patterns BEGIN SELECT RAISE(ABORT, 'counting refused'); END"
        )
        try await db.transaction { tx in
            let store = PatternRepository(tx)
            await #expect(throws: StrataError.self) { try await store.recordOccurrence(patternID: pattern.id) }
            let left = try await tx.repository(PatternOccurrence.self).count()
            #expect(left == 0)
        }
        #expect(try await db.repository(PatternOccurrence.self).count() == 0)
        #expect(try await store.pattern(id: pattern.id)?.frequencyCount == 1)
    }
}
