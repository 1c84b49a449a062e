import Foundation
import StrataTestSupport
import Testing

/// `strata lint` and the lock warnings of `strata revision`.
@Suite struct LintCommandTests {
    func strata(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(strataExecutable)' \"$@\"", "strata"] + arguments)
    }

    static let scores = """
        version: 1
        swift: {module: Scores}
        tables:
          scores:
            columns:
              id: {type: int, primary_key: true}
              points: {type: int}

        """

    @Test func lintLabelsEveryStepAndFailsOnAnUnacknowledgedRewrite() throws {
        let folder = try temporaryFolder()
        try Self.scores.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["revision", "--autogenerate", "-m", "scores \u{1B}[31m"], in: folder).status == 0)
        try (Self.scores + "    indexes:\n      - {columns: [points], name: ix_scores_points}\n")
            .write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let indexed = try strata(["revision", "--autogenerate", "-m", "index points"], in: folder)
        #expect(indexed.status == 0)
        #expect(!indexed.standardError.contains("warning: on PostgreSQL"), "a concurrent index build blocks nothing: \(indexed.standardError)")
        #expect(indexed.standardOutput.contains("  create index ix_scores_points on scores\n      postgres: SHARE UPDATE EXCLUSIVE on scores (reads and writes continue), scans the table, outside a transaction\n"), "\(indexed.standardOutput)")

        let clean = try strata(["lint"], in: folder)
        #expect(clean.status == 0, "\(clean.standardError)")
        #expect(clean.standardOutput == """
            0001_scores_31m: scores \\u{1B}[31m (postgres, lock-aware)
              step 1 of 1
                create table scores: ACCESS EXCLUSIVE on scores (reads and writes wait), catalog only
            0002_index_points: index points (postgres, lock-aware)
              step 1 of 1, outside a transaction
                create index ix_scores_points on scores: SHARE UPDATE EXCLUSIVE on scores (reads and writes continue), scans the table, outside a transaction

            """)
        // The plain plan builds the index under a lock that blocks writes.
        let plain = try strata(["lint", "0002_index_points", "--locking", "plain"], in: folder)
        #expect(plain.status == 1)
        #expect(plain.standardOutput.contains("create index ix_scores_points on scores: SHARE on scores (writes wait), scans the table"))
        #expect(plain.standardError.contains("warning: 0002_index_points: create index ix_scores_points on scores: SHARE on scores (writes wait), scans the table, for as long as that takes on a large table; safer: the lock-aware plan"), "\(plain.standardError)")
        // SQLite: one writer, nothing to report.
        let sqlite = try strata(["lint", "--dialect", "sqlite"], in: folder)
        #expect(sqlite.status == 0)
        #expect(sqlite.standardOutput.contains("create index ix_scores_points on scores: database write lock (readers continue), scans the table"))

        // A type change rewrites the table under ACCESS EXCLUSIVE: revision warns, lint fails.
        try (Self.scores.replacingOccurrences(of: "points: {type: int}", with: "points: {type: text}") + "    indexes:\n      - {columns: [points], name: ix_scores_points}\n")
            .write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let retyped = try strata(["revision", "--autogenerate", "-m", "points as text"], in: folder)
        #expect(retyped.status == 0)
        #expect(retyped.standardError.contains("warning: on PostgreSQL, alter column scores.points (type int → text): ACCESS EXCLUSIVE on scores (reads and writes wait), rewrites the table, for as long as that takes on a large table; safer: add a column of the new type, backfill it in batches, switch the app to it, then drop the old column (see 'strata lint 0003_points_as_text')"), "\(retyped.standardError)")
        let failing = try strata(["lint"], in: folder)
        #expect(failing.status == 1)
        #expect(failing.standardError.hasSuffix("error: 1 migration blocks writes for as long as a step takes on a large table: make the change the safer way, or set 'acknowledge_blocking_locks: true' in the file once the table is known to be small or the downtime accepted\n"), "\(failing.standardError)")

        // Acknowledged in the file: reported, not failing.
        let file = folder.appendingPathComponent("Generated/Migrations/0003_points_as_text.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "message: \"points as text\"\n", with: "message: \"points as text\"\nacknowledge_blocking_locks: true\n").write(to: file, atomically: true, encoding: .utf8)
        let acknowledged = try strata(["lint", "0003_points_as_text"], in: folder)
        #expect(acknowledged.status == 0, "\(acknowledged.standardError)")
        #expect(acknowledged.standardError.contains("rewrites the table") && acknowledged.standardError.contains("(acknowledged)"))

        #expect(try strata(["lint", "0009_missing"], in: folder).standardError == "error: unknown migration '0009_missing'; see 'strata history'\n")
        #expect(try strata(["lint", "--dialect", "oracle"], in: folder).status == 2)
    }
}
