import Foundation
import StrataSQLite
import Testing
import Workflow

/// `DatabaseSession.fetchFirst`, which `find`, `get`, `exists` and counts use: the first row or
/// nil, on the database, in a transaction and in a read transaction, on both dialects.
@Suite struct FetchFirstTests {
    /// One text column.
    struct Name: RowDecodable {
        let name: String
        init<Reader: RowReader>(row reader: inout Reader) throws { name = try reader.readString() }
    }

    /// SQLite's `wal_checkpoint` result: whether it was blocked, and the WAL's frames.
    struct Checkpoint: RowDecodable {
        let busy: Int64, logFrames: Int64, checkpointed: Int64
        init<Reader: RowReader>(row reader: inout Reader) throws {
            busy = try reader.readInt64(); logFrames = try reader.readInt64(); checkpointed = try reader.readInt64()
        }
    }

    @Test(arguments: Dialect.allCases)
    func firstRowOrNilOnEverySession(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let patterns = db.repository(Pattern.self)
        for name in ["c", "a", "b"] { try await patterns.insert(samplePattern(name)) }
        let ordered = "SELECT name FROM patterns ORDER BY name DESC"
        let none = "SELECT name FROM patterns WHERE name = 'zz'"
        #expect(try await db.fetchFirst(ordered, [SQLValue](), as: Name.self)?.name == "c")
        #expect(try await db.fetchFirst(none, [SQLValue](), as: Name.self) == nil)
        try await db.transaction { (tx: any DatabaseSession) async throws in
            #expect(try await tx.fetchFirst(ordered, [SQLValue](), as: Name.self)?.name == "c")
            try await tx.repository(Pattern.self).insert(samplePattern("d"))
            // The statement stopped at its first row is reset: the same text runs again, seeing the new row.
            #expect(try await tx.fetchFirst(ordered, [SQLValue](), as: Name.self)?.name == "d")
            #expect(try await tx.fetchFirst(none, [SQLValue](), as: Name.self) == nil)
        }
        try await db.read { (reader: any DatabaseSession) async throws in
            #expect(try await reader.fetchFirst(ordered, [SQLValue](), as: Name.self)?.name == "d")
            #expect(try await reader.fetchFirst(none, [SQLValue](), as: Name.self) == nil)
        }
        #expect(try await patterns.count() == 4)
        #expect(try await patterns.exists(where: \.name == "a"))
        #expect(try await !patterns.exists(where: \.name == "zz"))
    }

    /// A SQLite statement left at its first row would keep a read open on the writer connection,
    /// and no checkpoint could then empty the WAL; `fetchFirst` resets it at once.
    @Test func sqliteStatementStoppedAtTheFirstRowHoldsNoRead() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-first-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: path)
        defer { Task { try? await db.close(); for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        try await db.migrate(GeneratedSchema.migrations)
        try await db.repository(Pattern.self).insert(contentsOf: (0..<50).map { samplePattern("p\($0)") })
        #expect(try await db.fetchFirst("SELECT name FROM patterns ORDER BY name", [SQLValue](), as: Name.self)?.name == "p0")
        try await db.transaction { (tx: any DatabaseSession) async throws in
            #expect(try await tx.fetchFirst("SELECT name FROM patterns ORDER BY name DESC", [SQLValue](), as: Name.self)?.name == "p9")
        }
        let checkpoint = try #require(try await db.fetchFirst("PRAGMA wal_checkpoint(TRUNCATE)", [SQLValue](), as: Checkpoint.self))
        #expect(checkpoint.busy == 0, "a read left open blocks the checkpoint")
        #expect(checkpoint.logFrames == 0)
    }

    /// A query whose rows stop with an error part way (SQLite's own, or a row that does not
    /// decode) leaves no statement holding a read: the error is thrown, the same text runs again,
    /// and a checkpoint right after can empty the WAL.
    @Test func sqliteRowsStoppedByAnErrorHoldNoRead() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-rows-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: path)
        defer { Task { try? await db.close(); for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        try await db.migrate(GeneratedSchema.migrations)
        try await db.repository(Pattern.self).insert(contentsOf: (0..<50).map { samplePattern("p\($0)") })
        // The second row overflows `abs` (a step error); the third is NULL read as an integer (a row error).
        let overflows = "SELECT abs(v) FROM (SELECT 1 AS v UNION ALL SELECT -9223372036854775807 - 1)"
        let null = "SELECT v FROM (SELECT 1 AS v UNION ALL SELECT 2 UNION ALL SELECT NULL)"
        try await db.transaction { (tx: any DatabaseSession) async throws in
            #expect(try await tx.fetch("SELECT name FROM patterns", [SQLValue](), as: Name.self).count == 50)
            for _ in 0..<2 {
                await #expect(throws: StrataError.self) { try await tx.fetch(overflows, [SQLValue](), as: One<Int64>.self) }
                await #expect(throws: StrataError.decoding("column 'v' holds NULL, not an integer")) {
                    try await tx.fetch(null, [SQLValue](), as: One<Int64>.self)
                }
            }
        }
        for _ in 0..<2 {
            await #expect(throws: StrataError.self) { try await db.fetch(overflows, [SQLValue](), as: One<Int64>.self) }
            await #expect(throws: StrataError.decoding("column 'v' holds NULL, not an integer")) {
                try await db.fetch(null, [SQLValue](), as: One<Int64>.self)
            }
        }
        let checkpoint = try #require(try await db.fetchFirst("PRAGMA wal_checkpoint(TRUNCATE)", [SQLValue](), as: Checkpoint.self))
        #expect(checkpoint.busy == 0, "a read left open blocks the checkpoint")
        #expect(checkpoint.logFrames == 0)
    }

    /// One column read as `Value`.
    struct One<Value: ColumnValue & Sendable>: RowDecodable {
        let value: Value
        init<Reader: RowReader>(row reader: inout Reader) throws { value = try Value.read(from: &reader) }
    }

    /// Zeros, empty text and empty bytes read as themselves; NULL read as a value that is not
    /// optional is a decoding error naming the column (SQLite reads NULL as 0, 0.0 and no
    /// pointer, so its reader asks the column's type exactly for those values).
    @Test func sqliteZerosAndEmptyValuesReadAndNullIsAnError() async throws {
        let db = try SQLiteDatabase.inMemory()
        defer { Task { try? await db.close() } }
        #expect(try await db.fetchFirst("SELECT 0", [SQLValue](), as: One<Int64>.self)?.value == 0)
        #expect(try await db.fetchFirst("SELECT 0.0", [SQLValue](), as: One<Double>.self)?.value == 0)
        #expect(try await db.fetchFirst("SELECT -0.0", [SQLValue](), as: One<Double>.self)?.value == 0)
        #expect(try await db.fetchFirst("SELECT 0", [SQLValue](), as: One<Bool>.self)?.value == false)
        #expect(try await db.fetchFirst("SELECT ''", [SQLValue](), as: One<String>.self)?.value == "")
        #expect(try await db.fetchFirst("SELECT x''", [SQLValue](), as: One<Data>.self)?.value == Data())
        #expect(try await db.fetchFirst("SELECT x'00ff'", [SQLValue](), as: One<Data>.self)?.value == Data([0, 255]))
        #expect(try await db.fetchFirst("SELECT NULL", [SQLValue](), as: One<Int64?>.self)?.value == nil)
        func expectNullRejected<Value: ColumnValue & Sendable>(_ type: Value.Type, _ expected: String) async {
            await #expect(throws: StrataError.decoding("column 'v' holds NULL, not \(expected)")) {
                try await db.fetchFirst("SELECT NULL AS v", [SQLValue](), as: One<Value>.self)
            }
        }
        await expectNullRejected(Int64.self, "an integer")
        await expectNullRejected(Bool.self, "an integer")
        await expectNullRejected(Double.self, "a number")
        await expectNullRejected(String.self, "text")
        await expectNullRejected(Data.self, "bytes")
        await expectNullRejected(UUID.self, "a UUID")
        await expectNullRejected(JSONValue.self, "JSON")
        await expectNullRejected(Date.self, "a timestamp (YYYY-MM-DD HH:MM:SS.SSS)")
    }
}
