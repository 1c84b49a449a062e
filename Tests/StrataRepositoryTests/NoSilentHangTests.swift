import Foundation
import Testing
import StrataSQLite
import Workflow

/// Misuse that would wait forever throws at once; waiting for the writer can be cancelled.
@Suite struct NoSilentHangTests {
    /// Fails the test (rather than hanging the suite) when `body` takes longer than `seconds`.
    func withinSeconds<Result: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let result = first else { throw HangError() }
            return result
        }
    }

    struct HangError: Error {}

    func sqliteFile() throws -> SQLiteDatabase {
        try SQLiteDatabase(path: FileManager.default.temporaryDirectory.appendingPathComponent("strata-hang-\(UUID().uuidString).sqlite").path)
    }

    @Test(arguments: ["file", "memory"])
    func usingTheDatabaseInsideItsOwnTransactionThrowsAtOnce(_ kind: String) async throws {
        let db = kind == "file" ? try sqliteFile() : try SQLiteDatabase.inMemory()
        try await db.migrate(GeneratedSchema.migrations)
        let error = try await withinSeconds(20) {
            do {
                _ = try await db.transaction { _ in
                    try await db.repository(Pattern.self).insert(samplePattern("inner"))
                }
                return nil as StrataError?
            } catch let error as StrataError {
                return error
            }
        }
        #expect(error == .reentrantUse(url: db.url))
        // A child task of the transaction would wait for its parent forever too.
        let childError = try await withinSeconds(20) {
            do {
                try await db.transaction { _ in
                    async let inner: Int = db.repository(Pattern.self).count()
                    _ = try await inner
                }
                return nil as StrataError?
            } catch let error as StrataError {
                return error
            }
        }
        #expect(kind == "file" ? childError == nil : childError == .reentrantUse(url: db.url))
        // Once the transaction has ended the database serves again, from tasks it started too.
        let (ended, endedContinuation) = AsyncStream.makeStream(of: Void.self)
        let later = try await db.transaction { tx in
            try await tx.repository(Pattern.self).insert(samplePattern("outer"))
            return Task {
                for await _ in ended { break }
                try await db.repository(Pattern.self).insert(samplePattern("later"))
                return try await db.repository(Pattern.self).count()
            }
        }
        endedContinuation.yield()
        #expect(try await later.value == 2)
        try await db.close()
    }

    @Test func aTaskWaitingForTheWriterCanBeCancelled() async throws {
        let db = try sqliteFile()
        try await db.migrate(GeneratedSchema.migrations)
        let (holding, holdingContinuation) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await db.transaction { tx in
                try await tx.repository(Pattern.self).insert(samplePattern("held"))
                holdingContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in holding { break }
        let waiter = Task { try await db.repository(Pattern.self).insert(samplePattern("waiting")) }
        try await Task.sleep(for: .milliseconds(200))
        waiter.cancel()
        let outcome = try await withinSeconds(20) { await waiter.result }
        #expect(throws: CancellationError.self) { try outcome.get() }
        releaseContinuation.yield()
        try await holder.value
        #expect(try await db.repository(Pattern.self).list().map(\.name) == ["held"])
        try await db.close()
    }

    @Test func cancellingTheTaskHoldingTheWriterRollsBackAndReleasesIt() async throws {
        let db = try sqliteFile()
        try await db.migrate(GeneratedSchema.migrations)
        let (holding, holdingContinuation) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await db.transaction { tx in
                try await tx.repository(Pattern.self).insert(samplePattern("rolled back"))
                holdingContinuation.yield()
                try await Task.sleep(for: .seconds(600))
            }
        }
        for await _ in holding { break }
        holder.cancel()
        let outcome = try await withinSeconds(20) { await holder.result }
        #expect(throws: CancellationError.self) { try outcome.get() }
        try await withinSeconds(20) { try await db.repository(Pattern.self).insert(samplePattern("after")) }
        #expect(try await db.repository(Pattern.self).list().map(\.name) == ["after"])
        try await db.close()
    }
}
