import Foundation
import GRDBSQLite
import Logging
import PostgresNIO
import Workflow

/// The second mode: each operation's calls made one by one inside one transaction, as an app does
/// a unit of work, so commit costs do not hide the cost of each call.
protocol InTransactionWorkload {
    var name: String { get }
    /// One `insert` per pattern.
    func insertEach(_ patterns: [Pattern]) async throws
    /// One fetch by primary key per id; how many were found.
    func find(_ ids: [UUID]) async throws -> Int
    /// One `update(id, set: [frequency_count + 1, description = text])` per id (`updated_at` set too).
    func updateSet(_ ids: [UUID], description: String) async throws
    /// One whole-row update per pattern (setting `updated_at`).
    func updateWhole(_ patterns: [Pattern]) async throws
    /// `count` lists: active patterns of tier suggest, most frequent first, limit 100; rows read.
    func listEach(_ count: Int) async throws -> Int
    /// One `recordOccurrence` per id.
    func recordEach(_ ids: [UUID]) async throws
}

let inTransactionPhases = ["insert", "find", "update(_:set:)", "update(_:)", "list top 100", "record occurrence"]

/// Runs every phase once, checking the answers.
func runInTransaction(
    _ workload: any InTransactionWorkload, fresh: [Pattern], keys: [UUID], updates: [Pattern], lists: Int, into times: inout PhaseTimes
) async throws {
    times.add("insert", try await measure { try await workload.insertEach(fresh) })
    var found = 0
    times.add("find", try await measure { found = try await workload.find(keys) })
    precondition(found == keys.count, "\(workload.name): found \(found)")
    times.add("update(_:set:)", try await measure { try await workload.updateSet(keys, description: "changed") })
    times.add("update(_:)", try await measure { try await workload.updateWhole(updates) })
    times.add("list top 100", try await measure { found = try await workload.listEach(lists) })
    precondition(found == lists * 100, "\(workload.name): listed \(found)")
    times.add("record occurrence", try await measure { try await workload.recordEach(keys) })
}

/// Strata: `db.transaction { tx in … }` around each phase, the repository and pattern repository on `tx`.
struct StrataInTransaction: InTransactionWorkload {
    let name: String
    let db: any StrataDatabase

    func insertEach(_ patterns: [Pattern]) async throws {
        try await db.transaction { tx in
            let repository = tx.repository(Pattern.self)
            for pattern in patterns { try await repository.insert(pattern) }
        }
    }

    func find(_ ids: [UUID]) async throws -> Int {
        try await db.transaction { tx in
            let repository = tx.repository(Pattern.self)
            var found = 0
            for id in ids where try await repository.find(id) != nil { found += 1 }
            return found
        }
    }

    func updateSet(_ ids: [UUID], description: String) async throws {
        try await db.transaction { tx in
            let repository = tx.repository(Pattern.self)
            for id in ids { try await repository.update(id, set: [.increment(\.frequencyCount), .set(\.description, description)]) }
        }
    }

    func updateWhole(_ patterns: [Pattern]) async throws {
        try await db.transaction { tx in
            let repository = tx.repository(Pattern.self)
            for pattern in patterns { try await repository.update(pattern) }
        }
    }

    func listEach(_ count: Int) async throws -> Int {
        try await db.transaction { tx in
            let store = PatternRepository(tx)
            var rows = 0
            for _ in 0..<count { rows += try await store.listPatterns(trustTier: .suggest, limit: 100).count }
            return rows
        }
    }

    func recordEach(_ ids: [UUID]) async throws {
        try await db.transaction { tx in
            let store = PatternRepository(tx)
            for id in ids { try await store.recordOccurrence(patternID: id) }
        }
    }

}

/// The SQLite C API baseline: statements prepared once, `BEGIN IMMEDIATE` … `COMMIT` around each phase.
extension SQLiteCBaseline: InTransactionWorkload {
    func inTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try exec("BEGIN IMMEDIATE")
        let result = try body()
        try exec("COMMIT")
        return result
    }

    func insertEach(_ patterns: [Pattern]) async throws {
        try await insertAll(patterns)
    }

    func find(_ ids: [UUID]) async throws -> Int {
        try inTransaction {
            let find = try statement("SELECT \(Self.columns) FROM patterns WHERE id = ?1")
            var found = 0
            for id in ids {
                bindUUID(find, 1, id)
                found += try readAll(find).count
            }
            return found
        }
    }

    func updateSet(_ ids: [UUID], description: String) async throws {
        try inTransaction {
            let update = try statement("UPDATE patterns SET frequency_count = frequency_count + ?1, description = ?2, updated_at = ?3 WHERE id = ?4")
            for id in ids {
                sqlite3_bind_int64(update, 1, 1)
                bindText(update, 2, description)
                bindDate(update, 3, Date())
                bindUUID(update, 4, id)
                try step(update)
                guard sqlite3_changes(db) == 1 else { throw BenchmarkError("not found") }
            }
        }
    }

    func updateWhole(_ patterns: [Pattern]) async throws {
        try exec("BEGIN IMMEDIATE")
        try await update(patterns)
        try exec("COMMIT")
    }

    func listEach(_ count: Int) async throws -> Int {
        try exec("BEGIN IMMEDIATE")
        let rows = try await listTop(count)
        try exec("COMMIT")
        return rows
    }

    func recordEach(_ ids: [UUID]) async throws {
        try inTransaction {
            let increment = try statement("UPDATE patterns SET frequency_count = frequency_count + 1, last_seen = ?1, updated_at = ?2 WHERE id = ?3")
            let insert = try statement("INSERT INTO pattern_occurrences (id, pattern_id, capture_id, context, confidence_score, detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            // The occurrence first, then its pattern's counters: the order in which the operation
            // is atomic inside the caller's transaction without a savepoint on SQLite, where a
            // failed statement undoes only itself (an insert that fails leaves nothing; its foreign
            // key proves the pattern exists), as `PatternRepository.recordOccurrence` does. The
            // other order cannot be undone by hand if the insert fails. (The order changes how
            // SQLite's page cache spills within a transaction: with the update first, this side spent
            // about 8 % less time in SQLite and the kernel than Strata in one paired run of 40,000
            // calls, with this order about 3 %: `STRATA_PERF_PAIRED=both:…`, docs/benchmarks.md.)
            for id in ids {
                let now = Date()
                bindUUID(insert, 1, UUID())
                bindUUID(insert, 2, id)
                sqlite3_bind_null(insert, 3)
                sqlite3_bind_null(insert, 4)
                sqlite3_bind_double(insert, 5, 0.5)
                bindDate(insert, 6, now)
                try step(insert)
                bindDate(increment, 1, now)
                bindDate(increment, 2, now)
                bindUUID(increment, 3, id)
                try step(increment)
                guard sqlite3_changes(db) == 1 else { throw BenchmarkError("not found") }
            }
        }
    }
}

/// The PostgresNIO baseline: one connection, `BEGIN` … `COMMIT` around each phase, prepared statements.
extension PostgresNIOBaseline: InTransactionWorkload {
    struct UpdateSet: PostgresPreparedStatement {
        static let sql = "UPDATE patterns SET frequency_count = frequency_count + $1, description = $2, updated_at = $3 WHERE id = $4 RETURNING 1"
        typealias Row = PostgresRow
        let id: UUID
        let description: String
        func makeBindings() -> PostgresBindings {
            var b = PostgresBindings(capacity: 4)
            b.append(Int64(1)); b.append(description); b.append(Date()); b.append(id)
            return b
        }
        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    func inTransaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            _ = try await Self.drain(try await connection.query("BEGIN", logger: Self.logger))
            let result = try await body(connection)
            _ = try await Self.drain(try await connection.query("COMMIT", logger: Self.logger))
            return result
        }
    }

    func insertEach(_ patterns: [Pattern]) async throws {
        try await insertAll(patterns)
    }

    func find(_ ids: [UUID]) async throws -> Int {
        try await inTransaction { connection in
            var found = 0
            for id in ids { found += try await Self.drain(try await connection.execute(Find(id: id), logger: Self.logger)) }
            return found
        }
    }

    func updateSet(_ ids: [UUID], description: String) async throws {
        try await inTransaction { connection in
            for id in ids {
                guard try await Self.drain(try await connection.execute(UpdateSet(id: id, description: description), logger: Self.logger)) == 1 else {
                    throw BenchmarkError("not found")
                }
            }
        }
    }

    func updateWhole(_ patterns: [Pattern]) async throws {
        try await inTransaction { connection in
            for var pattern in patterns {
                pattern.updatedAt = Date()
                guard try await Self.drain(try await connection.execute(Update(pattern: pattern), logger: Self.logger)) == 1 else { throw BenchmarkError("not found") }
            }
        }
    }

    func listEach(_ count: Int) async throws -> Int {
        try await inTransaction { connection in
            var rows = 0
            for _ in 0..<count { rows += try await Self.drain(try await connection.execute(ListTop(), logger: Self.logger)) }
            return rows
        }
    }

    func recordEach(_ ids: [UUID]) async throws {
        try await inTransaction { connection in
            for id in ids {
                let now = Date()
                guard try await Self.drain(try await connection.execute(Increment(id: id, now: now), logger: Self.logger)) == 1 else {
                    throw BenchmarkError("not found")
                }
                _ = try await Self.drain(try await connection.execute(InsertOccurrence(id: id, now: now), logger: Self.logger))
            }
        }
    }
}
