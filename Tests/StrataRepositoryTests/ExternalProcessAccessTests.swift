import Foundation
import Testing
import StrataSQLite
import StrataTestSupport
import Workflow

/// Another process (the `sqlite3` shell) using the database file while a Strata app runs waits
/// at most its own busy timeout, and with none set is never refused while the app works.
///
/// Why an external reader once got `SQLITE_BUSY` ("database is locked") on its first statement:
/// SQLite takes an exclusive lock on a WAL database at two moments, whoever the app is: when the
/// *first* connection opens it (rebuilding the WAL index) and when the *last* one closes it
/// (checkpointing and deleting the WAL; see https://sqlite.org/wal.html, "Sometimes queries
/// return SQLITE_BUSY in WAL mode"). The `sqlite3` shell's busy timeout is 0, so a shell started
/// in one of those few milliseconds (a short-lived Strata command or app starting or exiting) is
/// refused at once. While a Strata app has the file open, its transactions never lock readers out.
@Suite struct ExternalProcessAccessTests {
    static let shell = "/usr/bin/sqlite3"

    /// Runs the `sqlite3` shell `times` times, on a thread of its own (it blocks), collecting failures.
    func runShell(_ path: String, _ script: String, times: Int) async -> [String] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var failures: [String] = []
                for _ in 0..<times {
                    do {
                        let result = try runProcess(Self.shell, [path], input: script)
                        if result.status != 0 || !result.standardError.isEmpty { failures.append(result.standardError) }
                    } catch {
                        failures.append("\(error)")
                    }
                }
                continuation.resume(returning: failures)
            }
        }
    }

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("strata-external-\(UUID().uuidString).sqlite").path
    }

    @Test func aShellWithNoBusyTimeoutIsNeverRefusedWhileTheAppWrites() async throws {
        let path = temporaryPath()
        let db = try SQLiteDatabase(path: path)
        try await db.migrate(GeneratedSchema.migrations)
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(name: "p", patternType: .timeBased, triggerConditions: [:], actions: [])
        let writer = Task {
            var written = 0
            while !Task.isCancelled {
                try await store.recordOccurrence(patternID: pattern.id)
                written += 1
                await Task.yield()  // SQLite works synchronously: leave the other tests their threads
            }
            return written
        }
        let failures = await runShell(path, "SELECT count(*) FROM pattern_occurrences;\nSELECT frequency_count FROM patterns;\n", times: 25)
        writer.cancel()
        let written = try await writer.value
        #expect(failures.isEmpty, "\(failures)")
        #expect(written > 0)
        try await db.close()
    }

    @Test func aShellWithABusyTimeoutIsNeverRefusedWhileAppsOpenAndClose() async throws {
        let path = temporaryPath()
        let setUp = try SQLiteDatabase(path: path)
        try await setUp.migrate(GeneratedSchema.migrations)
        try await setUp.close()
        let apps = Task {
            for index in 0..<15 {
                let db = try SQLiteDatabase(path: path)
                try await PatternRepository(db).createPattern(name: "p\(index)", patternType: .timeBased, triggerConditions: [:], actions: [])
                try await db.close()
            }
        }
        let failures = await runShell(path, ".timeout 2000\nSELECT count(*) FROM patterns;\n", times: 25)
        try await apps.value
        #expect(failures.isEmpty, "\(failures)")
    }
}
