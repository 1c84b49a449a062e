import Foundation
import Testing
import Workflow

/// `db.read { }`: one snapshot for many reads, without taking the writer.
@Suite struct ReadTransactionTests {
    @Test(arguments: Dialect.allCases)
    func aReadSeesOneSnapshotWhileWritersGoOn(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let patterns = db.repository(Pattern.self)
        try await patterns.insert(samplePattern("first"))
        let (before, during) = try await db.read { snapshot in
            let before = try await snapshot.repository(Pattern.self).count()
            // A write from elsewhere commits while the read is open: it does not wait for the read.
            try await patterns.insert(samplePattern("second"))
            let during = try await snapshot.repository(Pattern.self).list(orderBy: .ascending(\.name)).map(\.name)
            return (before, during)
        }
        #expect(before == 1)
        #expect(during == ["first"])
        #expect(try await patterns.count() == 2)
    }

    @Test(arguments: Dialect.allCases)
    func aWriteInAReadIsRefused(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        await #expect(throws: StrataError.writeInReadTransaction) {
            try await db.read { snapshot in try await snapshot.repository(Pattern.self).insert(samplePattern("no")) }
        }
        #expect(try await db.repository(Pattern.self).count() == 0)
        // The read's connection is fine afterwards.
        #expect(try await db.read { try await $0.repository(Pattern.self).count() } == 0)
    }
}
