import Foundation
import StrataPostgres
import StrataSQLite
import StrataTestSupport
import Testing
import Workflow

/// Constraint violations, connection failures and transactions.
@Suite struct ErrorAndTransactionTests {
    @Test(arguments: Dialect.allCases)
    func constraintViolationsAreTypedAndNamed(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let patterns = db.repository(Pattern.self)
        let first = try await patterns.insert(samplePattern("dup"))

        do {
            try await patterns.insert(samplePattern("dup"))
            Issue.record("duplicate name and type accepted")
        } catch StrataError.uniqueViolation(let table, let constraint, _) {
            #expect(table == "patterns")
            #expect(constraint == "uq_patterns_name_pattern_type")
        }

        var sameKey = samplePattern("other")
        sameKey.id = first.id
        do {
            try await patterns.insert(sameKey)
            Issue.record("duplicate key accepted")
        } catch StrataError.uniqueViolation(let table, let constraint, _) {
            #expect(table == "patterns" && constraint == "pk_patterns")
        }

        do {
            try await db.repository(PatternOccurrence.self).insert(PatternOccurrence(patternID: UUID()))
            Issue.record("occurrence of a missing pattern accepted")
        } catch StrataError.foreignKeyViolation(let table, let constraint, _) {
            #expect(table == "pattern_occurrences")
            if dialect == .postgres { #expect(constraint == "fk_pattern_occurrences_pattern_id_patterns") }
        }

        do {
            try await patterns.insert(samplePattern("negative", frequency: -1))
            Issue.record("negative frequency accepted")
        } catch StrataError.checkViolation(let table, let constraint, _) {
            #expect(table == "patterns" && constraint == "ck_patterns_frequency_count")
        }

        do {
            try await patterns.update(first.id, set: [.set(\.correctExecutions, 5)])
            Issue.record("more correct than total executions accepted")
        } catch StrataError.checkViolation(_, let constraint, _) {
            #expect(constraint == "ck_patterns_correct_within_total")
        }

        let insertNull = "INSERT INTO captures (id, filepath, timestamp, width, height, file_size) VALUES (\(db.dialect.parameter(1)), NULL, \(db.dialect.parameter(2)), 1, 1, 1)"
        do {
            try await db.execute(insertNull, [.uuid(UUID()), .timestamp(Date())])
            Issue.record("NULL file path accepted")
        } catch StrataError.notNullViolation(let table, let column, _) {
            #expect(table == "captures" && column == "filepath")
        }
        // Nothing of the failed writes is left.
        #expect(try await patterns.count() == 1)
    }

    @Test func connectionFailuresHideThePassword() async throws {
        do {
            _ = try await PostgreSQLDatabase(url: DatabaseURL("postgres://jarvis:s3cret-pw@127.0.0.1:1/jarvis"))
            Issue.record("connected to a closed port")
        } catch StrataError.connectionFailed(let url, let message) {
            #expect(url == "postgres://jarvis:***@127.0.0.1:1/jarvis")
            #expect(!message.contains("s3cret-pw") && !message.isEmpty)
        }
        let server = try await PostgresTestServer.shared()
        let wrongDatabase = try DatabaseURL(server.url + "_missing")
        await #expect(throws: StrataError.self) { try await PostgreSQLDatabase(url: wrongDatabase) }
        #expect(throws: StrataError.connectionFailed(url: "sqlite:/nonexistent-dir/x.sqlite", message: "unable to open database file")) {
            try SQLiteDatabase(path: "/nonexistent-dir/x.sqlite")
        }
        await #expect(throws: StrataError.self) { try await openDatabase("mysql://x", drivers: [SQLiteDatabase.self, PostgreSQLDatabase.self]) }
    }

    @Test(arguments: Dialect.allCases)
    func transactionsSpanRepositoriesAndRollBackOnError(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        struct Abort: Error {}
        let pattern = samplePattern("tx")
        await #expect(throws: Abort.self) {
            try await db.transaction { tx in
                try await tx.repository(Pattern.self).insert(pattern)
                try await tx.repository(PatternOccurrence.self).insert(PatternOccurrence(patternID: pattern.id))
                #expect(try await tx.repository(PatternOccurrence.self).count() == 1, "a transaction sees its own writes")
                throw Abort()
            }
        }
        #expect(try await db.repository(Pattern.self).count() == 0)
        #expect(try await db.repository(PatternOccurrence.self).count() == 0)

        let committed = try await db.transaction { tx in
            try await tx.repository(Pattern.self).insert(pattern)
            // A nested transaction is a savepoint: its failure undoes only its own writes.
            await #expect(throws: Abort.self) {
                try await tx.transaction { nested in
                    try await nested.repository(PatternOccurrence.self).insert(PatternOccurrence(patternID: pattern.id))
                    throw Abort()
                }
            }
            try await tx.repository(PatternOccurrence.self).insert(PatternOccurrence(patternID: pattern.id))
            return "done"
        }
        #expect(committed == "done")
        #expect(try await db.repository(PatternOccurrence.self).count() == 1)

        // A session used after its transaction ended is refused.
        let escaped = try await db.transaction { tx in tx }
        await #expect(throws: StrataError.self) { try await escaped.repository(Pattern.self).count() }
    }

    @Test func openByURLPicksTheDriver() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-url-\(UUID().uuidString).sqlite").path
        let sqlite = try await openDatabase("sqlite:\(path)", drivers: [SQLiteDatabase.self, PostgreSQLDatabase.self])
        #expect(sqlite is SQLiteDatabase)
        try await sqlite.migrate(GeneratedSchema.migrations)
        #expect(try await sqlite.repository(Pattern.self).count() == 0)
        try await sqlite.close()

        let memory = try await openDatabase("sqlite::memory:", drivers: [SQLiteDatabase.self])
        try await memory.migrate(GeneratedSchema.migrations)
        try await PatternRepository(memory).createPattern(name: "in memory", patternType: .timeBased, triggerConditions: [:], actions: [])
        #expect(try await PatternRepository(memory).listPatterns().map(\.name) == ["in memory"])

        let server = try await PostgresTestServer.shared()
        let postgres = try await openDatabase(try server.createDatabase(), drivers: [SQLiteDatabase.self, PostgreSQLDatabase.self])
        #expect(postgres is PostgreSQLDatabase)
        try await postgres.migrate(GeneratedSchema.migrations)
        #expect(try await postgres.repository(Pattern.self).count() == 0)
        try await postgres.close()
    }
}

/// Reads outside a transaction while it holds the writer: on SQLite they run on a pooled WAL
/// reader (not the busy writer), on PostgreSQL on another pooled connection; neither waits for the
/// transaction nor sees its uncommitted rows.
/// The limit is a hang guard, not a speed target: the whole suite runs in parallel on two cores,
/// where a test can wait minutes to be scheduled.
@Suite(.timeLimit(.minutes(10))) struct ConcurrentReadTests {
    @Test(arguments: Dialect.allCases)
    func readsDuringATransactionSeeCommittedRowsOnly(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let committed = try await db.repository(Pattern.self).insert(samplePattern("committed"))
        let pending = samplePattern("pending")
        try await db.transaction { tx in
            try await tx.repository(Pattern.self).insert(pending)
            #expect(try await tx.repository(Pattern.self).count() == 2)
            #expect(try await db.repository(Pattern.self).count() == 1)
            #expect(try await db.repository(Pattern.self).find(pending.id) == nil)
            #expect(try await db.repository(Pattern.self).find(committed.id) == committed)
        }
        #expect(try await db.repository(Pattern.self).count() == 2)
    }
}
