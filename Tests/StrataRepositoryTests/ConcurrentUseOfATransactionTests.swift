import Foundation
@testable import StrataSQLite
import Testing
import Workflow

/// A transaction's session handed to several child tasks at once (a task group, `async let`):
/// its statements run one at a time on the transaction's connection, every one inside the
/// transaction, and the counts come out exact. Before, two tasks stepped statements on SQLite's
/// writer connection at once and the test process crashed (SIGSEGV).
///
/// Serialized, so that the SQLite case has the machine's threads to itself: the crash needs two
/// of its tasks running at the same moment.
@Suite(.serialized) struct ConcurrentUseOfATransactionTests {
    static let tasks = 8
    static let callsPerTask = 300

    @Test(arguments: Dialect.allCases)
    func childTasksShareOneTransaction(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        let seeded = samplePattern("seeded")
        try await db.repository(Pattern.self).insert(seeded)
        let found = try await db.transaction { tx in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<Self.tasks {
                    group.addTask {
                        let patterns = tx.repository(Pattern.self)
                        var found = 0
                        for call in 0..<Self.callsPerTask {
                            // Reads, keyed updates and inserts interleaved, on one connection.
                            if try await patterns.find(seeded.id) != nil { found += 1 }
                            try await patterns.update(seeded.id, set: [.increment(Pattern.Columns.frequencyCount)])
                            if call % 10 == 0 { try await patterns.insert(samplePattern("task \(task) call \(call)")) }
                            // A text of its own: prepared and cached while the other tasks run theirs.
                            let own = try await tx.fetchFirst("SELECT \(task * Self.callsPerTask + call)", [SQLValue](), as: FetchFirstTests.One<Int64>.self)
                            #expect(own?.value == Int64(task * Self.callsPerTask + call))
                        }
                        return found
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        #expect(found == Self.tasks * Self.callsPerTask)
        let patterns = db.repository(Pattern.self)
        #expect(try await patterns.get(seeded.id).frequencyCount == seeded.frequencyCount + Int64(Self.tasks * Self.callsPerTask))
        #expect(try await patterns.count() == 1 + Self.tasks * Self.callsPerTask / 10)
        try await db.close()
    }

    @Test(arguments: Dialect.allCases)
    func aFailedTransactionSharedByChildTasksLeavesNothing(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            try await db.transaction { tx in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<Self.tasks {
                        group.addTask {
                            for call in 0..<20 { try await tx.repository(Pattern.self).insert(samplePattern("task \(task) call \(call)")) }
                        }
                    }
                    try await group.waitForAll()
                }
                throw Stop()
            }
        }
        #expect(try await db.repository(Pattern.self).count() == 0)
        try await db.close()
    }

    /// The mechanism itself, deterministically: a second statement waits for the running one,
    /// and ending the session waits for it too, after which the session refuses statements.
    @Test func aLeaseRunsOneStatementAtATimeAndEndsAfterTheRunningOne() async throws {
        let db = try SQLiteDatabase.inMemory()
        let lease = WriterLease(db.writerConnection)
        let events = Protected([String]())
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? lease.run { _ in
                events.withLock { $0.append("first in") }
                entered.signal()
                release.wait()
                events.withLock { $0.append("first out") }
            }
        }
        entered.wait()
        Thread.detachNewThread {
            try? lease.run { _ in events.withLock { $0.append("second") } }
            done.signal()
        }
        // Were the second statement not kept waiting, it would have run by now.
        try await Task.sleep(for: .milliseconds(200))
        #expect(events.withLock { $0 } == ["first in"])
        release.signal()
        done.wait()
        #expect(events.withLock { $0 } == ["first in", "first out", "second"])

        // Ending the session while a statement runs: the end waits for it.
        Thread.detachNewThread {
            try? lease.run { _ in
                entered.signal()
                release.wait()
                events.withLock { $0.append("last statement") }
            }
        }
        entered.wait()
        Thread.detachNewThread {
            lease.revoke()
            events.withLock { $0.append("ended") }
            done.signal()
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(events.withLock { $0.last } == "second")
        release.signal()
        done.wait()
        #expect(events.withLock { Array($0.suffix(2)) } == ["last statement", "ended"])
        #expect(throws: StrataError.transactionEnded) { try lease.run { _ in } }
        try await db.close()
    }
}
