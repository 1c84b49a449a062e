import Foundation
import StrataTestSupport
import Testing

let notesSchema = """
    version: 1
    swift: {module: Notes}
    database: {url: "sqlite:notes.sqlite"}
    tables:
      notes:
        columns:
          id: {type: int, primary_key: true}
          body: text

    """

@Suite struct MigrationCommandTests {
    func strata(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(strataExecutable)' \"$@\"", "strata"] + arguments)
    }

    @Test func theAlembicWorkflowOnTheEmbeddedSQLiteDefault() throws {
        let folder = try temporaryFolder()
        try notesSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)

        let first = try strata(["revision", "--autogenerate", "-m", "Create notes!"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.hasPrefix("Wrote Generated/Migrations/0001_create_notes.yaml\n  create table notes\n"))
        let again = try strata(["revision", "--autogenerate", "-m", "again"], in: folder)
        #expect(again.status == 0)
        #expect(again.standardOutput == "No changes detected: schema.yaml matches the head of the migration history.\n")
        #expect(try strata(["check"], in: folder).status == 0)

        try (notesSchema + "      title: {type: string, nullable: true}\n").write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let stale = try strata(["check"], in: folder)
        #expect(stale.status == 1)
        #expect(stale.standardError == "schema.yaml has changes that no migration holds; run 'strata revision --autogenerate -m \"…\"':\n  add column notes.title\n")
        #expect(try strata(["revision", "--autogenerate", "-m", "add title"], in: folder).status == 0)

        let upgrade = try strata(["upgrade", "head"], in: folder)
        #expect(upgrade.status == 0, "\(upgrade.standardError)")
        #expect(upgrade.standardOutput.contains("  ✔ 0001_create_notes: Create notes! (1 operation, "))
        #expect(upgrade.standardOutput.contains("  ✔ 0002_add_title: add title (1 operation, "))
        #expect(try strata(["current"], in: folder).standardOutput == "0002_add_title (head)\n")
        #expect(try strata(["check", "--database", "sqlite:notes.sqlite"], in: folder).status == 0)
        #expect(try strata(["history"], in: folder).standardOutput == """
            <base> -> 0001_create_notes, Create notes! [upgrade safe, downgrade lossy]
            0001_create_notes -> 0002_add_title (head), add title [upgrade safe, downgrade lossy]

            """)

        // A change made outside Strata is drift.
        let sneaky = try SQLiteDirectConnection(path: folder.appendingPathComponent("notes.sqlite").path)
        try sneaky.execute("CREATE INDEX \"by_body\" ON \"notes\" (\"body\")")
        let drift = try strata(["check", "--database", "sqlite:notes.sqlite"], in: folder)
        #expect(drift.status == 1)
        #expect(drift.standardError == "sqlite:notes.sqlite is at head but its schema differs from it (changed outside Strata?):\n  changed outside the migrations: create index by_body on notes\n")
        try sneaky.execute("DROP INDEX \"by_body\"")
        #expect(try strata(["check", "--database", "sqlite:notes.sqlite"], in: folder).status == 0)

        // Reverting 0002 drops a column: refused before anything runs, naming what would be lost.
        let refusedDowngrade = try strata(["downgrade", "-1"], in: folder)
        #expect(refusedDowngrade.status == 1)
        #expect(refusedDowngrade.standardError == "error: nothing was run: the downgrade would destroy data in 0002_add_title (drop column notes.title); set 'acknowledge_downgrade_data_loss: true' in its file or pass --allow-data-loss\n")
        #expect(try strata(["current"], in: folder).standardOutput == "0002_add_title (head)\n")
        let downgrade = try strata(["downgrade", "-1", "--allow-data-loss"], in: folder)
        #expect(downgrade.status == 0, "\(downgrade.standardError)")
        #expect(try strata(["current"], in: folder).standardOutput == "0001_create_notes\n")
        let behind = try strata(["check", "--database", "sqlite:notes.sqlite"], in: folder)
        #expect(behind.status == 1)
        #expect(behind.standardError.contains("sqlite:notes.sqlite is at 0001_create_notes, not at head 0002_add_title; run 'strata upgrade head'"))

        // An applied migration edited afterwards is refused, by name.
        let applied = folder.appendingPathComponent("Generated/Migrations/0001_create_notes.yaml")
        try (try String(contentsOf: applied, encoding: .utf8).replacingOccurrences(of: "Create notes!", with: "Create notes")).write(to: applied, atomically: true, encoding: .utf8)
        let refused = try strata(["upgrade", "head"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("error: migration 0001_create_notes changed after it was applied"))
        #expect(try strata(["current"], in: folder).standardOutput == "0001_create_notes\n")

        // heads names the head; stamp records a revision without running anything.
        #expect(try strata(["heads"], in: folder).standardOutput == "0002_add_title\n")
        #expect(try strata(["stamp", "base"], in: folder).status == 0)
        #expect(try strata(["current"], in: folder).standardOutput == "base (no migration applied)\n")
        #expect(try strata(["stamp", "0001_create_notes"], in: folder).status == 0)
        #expect(try strata(["current"], in: folder).standardOutput == "0001_create_notes\n")

        // Usage errors exit 2.
        #expect(try strata(["downgrade"], in: folder).status == 2)
        #expect(try strata(["upgrade", "--database", "mysql://x"], in: folder).status == 2)
    }

    @Test func offlineSQLNeedsNoDatabase() throws {
        let folder = try temporaryFolder()
        try notesSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "create notes"], in: folder).status == 0)
        let sql = try strata(["upgrade", "head", "--sql", "--dialect", "postgres"], in: folder)
        #expect(sql.status == 0)
        #expect(sql.standardOutput.contains("-- upgrade 0001_create_notes: create notes\nBEGIN;\n-- create table notes\n-- ACCESS EXCLUSIVE on notes (reads and writes wait), catalog only\nCREATE TABLE \"notes\" (\n    \"id\" bigint NOT NULL,\n    \"body\" text NOT NULL,\n"))
        #expect(sql.standardOutput.contains("INSERT INTO \"strata_migrations\""))
        let down = try strata(["downgrade", "base", "--sql", "--dialect", "sqlite"], in: folder)
        #expect(down.status == 0)
        #expect(down.standardOutput.contains("DROP TABLE \"notes\";"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.sqlite").path), "no database touched")

        // A lock-aware PostgreSQL migration prints as the runner runs it: the session lock, the
        // lock timeout, one block per step with its progress record, each statement labelled.
        let indexed = notesSchema + "    indexes:\n      - {columns: [body], name: ix_notes_body}\n    checks:\n      - {expression: \"length(body) > 0\", name: ck_notes_body}\n"
        try indexed.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "index and check body"], in: folder).status == 0)
        let lockAware = try strata(["upgrade", "head", "--sql", "--dialect", "postgres", "--from", "0001_create_notes"], in: folder)
        let expected = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/Plans/offline-upgrade.postgres.sql"), encoding: .utf8)
        #expect(lockAware.standardOutput == expected)
        let plain = try strata(["upgrade", "head", "--sql", "--dialect", "postgres", "--from", "0001_create_notes", "--locking", "plain"], in: folder)
        #expect(plain.standardOutput.contains("BEGIN;\n-- add check ck_notes_body on notes\n-- ACCESS EXCLUSIVE on notes (reads and writes wait), scans the table\nALTER TABLE \"notes\" ADD CONSTRAINT \"ck_notes_body\" CHECK (length(body) > 0);\n"), "\(plain.standardOutput)")
        #expect(!plain.standardOutput.contains("strata_migration_progress"))
        let badLocking = try strata(["upgrade", "head", "--sql", "--dialect", "postgres", "--locking", "fast"], in: folder)
        #expect(badLocking.status == 2)
        #expect(badLocking.standardError == "error: --locking must be lock-aware or plain, not 'fast'\n")
        try (indexed.replacingOccurrences(of: "database: {url: \"sqlite:notes.sqlite\"}", with: "database: {url: \"sqlite:notes.sqlite\", lock_timeout: 2 hours}"))
            .write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let badTimeout = try strata(["upgrade", "head", "--sql", "--dialect", "postgres"], in: folder)
        #expect(badTimeout.status == 2)
        #expect(badTimeout.standardError.contains("schema.yaml:3:"), "\(badTimeout.standardError)")
        #expect(badTimeout.standardError.contains("error: 'database.lock_timeout' must be a duration such as 2s or 500ms (at most 10min), not '2 hours'"), "\(badTimeout.standardError)")
    }

    @Test(arguments: ["sqlite", "postgres"])
    func twoProcessesUpgradingAtOnceApplyEachMigrationOnce(_ dialect: String) async throws {
        let folder = try temporaryFolder()
        var schema = notesSchema
        for index in 1...5 { schema += "      extra_\(index): {type: int, default: \(index)}\n" }
        try notesSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "create notes"], in: folder).status == 0)
        try schema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "extras"], in: folder).status == 0)
        let url = dialect == "sqlite" ? "sqlite:shared.sqlite" : try await PostgresTestServer.shared().createDatabase()
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            results.append(Result { try strata(["upgrade", "head", "--database", url], in: folder) })
        }
        let outputs = try results.all.map { try $0.get() }
        #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.standardError))")
        let combined = outputs.map(\.standardOutput).joined()
        #expect(combined.components(separatedBy: "✔ 0001_create_notes").count == 2, "0001 applied once:\n\(combined)")
        #expect(combined.components(separatedBy: "✔ 0002_extras").count == 2, "0002 applied once:\n\(combined)")
        #expect(try strata(["current", "--database", url], in: folder).standardOutput == "0002_extras (head)\n")
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<ProcessResult, any Error>] = []
    func append(_ result: Result<ProcessResult, any Error>) { lock.lock(); results.append(result); lock.unlock() }
    var all: [Result<ProcessResult, any Error>] { lock.lock(); defer { lock.unlock() }; return results }
}
