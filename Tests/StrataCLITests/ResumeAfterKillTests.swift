import Foundation
import StrataPostgres
import StrataRuntime
import StrataTestSupport
import Testing

/// `strata upgrade` killed with SIGKILL between the steps of a lock-aware PostgreSQL migration,
/// while a concurrent index build waits: the next `strata upgrade head` drops the invalid index
/// the build left, finishes the migration, and ends with the schema of an uninterrupted run.
@Suite struct ResumeAfterKillTests {
    static let first = """
        version: 1
        swift: {module: Shop}
        tables:
          orders:
            columns:
              id: {type: int, primary_key: true}
              total: {type: int, nullable: true}
          lines:
            columns:
              id: {type: int, primary_key: true}
              sku: {type: text}

        """
    // One migration: a CHECK on orders (added NOT VALID, then validated), then an index on lines
    // built concurrently.
    static let second = first
        .replacingOccurrences(of: "      total: {type: int, nullable: true}\n", with: "      total: {type: int, nullable: true}\n    checks:\n      - {expression: \"total >= 0\", name: ck_orders_total}\n")
        .replacingOccurrences(of: "      sku: {type: text}\n", with: "      sku: {type: text}\n    indexes:\n      - {columns: [sku], name: ix_lines_sku}\n")

    func strata(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(strataExecutable)' \"$@\"", "strata"] + arguments)
    }

    @Test func killedBetweenStepsThenUpgradeHeadEndsAtHead() async throws {
        let server = try await PostgresTestServer.shared()
        let url = try server.createDatabase()
        let folder = try temporaryFolder()
        try Self.first.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "tables"], in: folder).status == 0)
        #expect(try strata(["upgrade", "head", "--database", url], in: folder).status == 0)
        try server.run("INSERT INTO orders SELECT g, g FROM generate_series(1, 5000) g; INSERT INTO lines SELECT g, 'sku' || g FROM generate_series(1, 5000) g;", database: url)
        try Self.second.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "check and index"], in: folder).status == 0)

        // A writer's open transaction on lines: the concurrent index build waits for it to end.
        let blocker = try await PostgresMigrationConnection(url: try DatabaseURL(url))
        let process = Process()
        do {
            try await blocker.execute("BEGIN")
            try await blocker.execute("UPDATE lines SET sku = sku WHERE id = 1")
            process.executableURL = URL(fileURLWithPath: strataExecutable)
            process.arguments = ["upgrade", "head", "--database", url, "--lock-timeout", "60s"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the build waits (the CHECK's two steps are done by then).
            var waiting = false
            for _ in 0..<300 where !waiting {
                waiting = try server.run("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'", database: url) == [["1"]]
                if !waiting { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(waiting, "the index build should wait for the open transaction")
            // While it waits, writes to the table go on (a plain CREATE INDEX waiting for its SHARE
            // lock would queue them behind it: this insert would hit its statement timeout).
            try server.run("SET statement_timeout = '5s'; INSERT INTO lines VALUES (900001, 'written during the build');", database: url)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            // The server notices a vanished client only when the wait ends; an operator (or the
            // server's restart) ends the orphaned build, which leaves its index invalid.
            try server.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'", database: url)
            try await blocker.execute("COMMIT")
        } catch {
            Issue.record(error)
        }
        await blocker.close()
        for _ in 0..<50 {
            if try server.run("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'", database: url) == [["0"]] { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try server.run("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_lines_sku'::regclass", database: url) == [["f"]], "the killed build left an invalid index")
        let current = try strata(["current", "--database", url], in: folder)
        #expect(current.standardOutput.hasSuffix("partially applied: 0002_check_and_index (upgrade, 2 of 3 steps done); run 'strata upgrade' to continue\n"), "\(current.standardOutput)")

        let resumed = try strata(["upgrade", "head", "--database", url], in: folder)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try strata(["current", "--database", url], in: folder).standardOutput == "0002_check_and_index (head)\n")
        #expect(try server.run("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_lines_sku'::regclass", database: url) == [["t"]])
        #expect(try server.run("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_orders_total'", database: url) == [["t"]])
        let check = try strata(["check", "--database", url], in: folder)
        #expect(check.status == 0, "same schema as an uninterrupted run: \(check.standardOutput) \(check.standardError)")
        #expect(try server.run("SELECT count(*) FROM strata_migration_progress", database: url) == [["0"]])
    }
}
