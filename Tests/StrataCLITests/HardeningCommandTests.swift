import Foundation
import StrataSchema
import StrataTestSupport
import Testing

/// What an attacker or a careless user can put into a command line or a file, end to end.
@Suite struct HardeningCommandTests {
    func strata(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(strataExecutable)' \"$@\"", "strata"] + arguments)
    }

    func project(_ schema: String = notesSchema) throws -> URL {
        let folder = try temporaryFolder()
        try schema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// `-m $'add lang\nDROP TABLE captures;'` piped through `upgrade --sql` into the database
    /// shell runs exactly the migration: the message stays a comment.
    @Test(arguments: ["sqlite", "postgres"])
    func aMessageNeverBecomesAStatementInOfflineSQL(_ dialect: String) async throws {
        let folder = try project()
        let message = "add lang\nDROP TABLE captures;\r\u{85}DROP TABLE captures;\u{2028}DROP TABLE captures;"
        #expect(try strata(["revision", "--autogenerate", "-m", message], in: folder).status == 0)
        let sql = try strata(["upgrade", "head", "--sql", "--dialect", dialect], in: folder)
        #expect(sql.status == 0, "\(sql.standardError)")
        #expect(sql.standardOutput.contains(": add lang\\nDROP TABLE captures;\\r\\u{85}DROP TABLE captures;\\u{2028}DROP TABLE captures;\n"))
        for line in sql.standardOutput.split(separator: "\n") where line.contains("DROP TABLE") {
            #expect(line.hasPrefix("-- "), "a live DROP TABLE: \(line)")
        }
        let setup = "CREATE TABLE captures (id integer PRIMARY KEY);"
        if dialect == "sqlite" {
            let database = try SQLiteDirectConnection(path: folder.appendingPathComponent("piped.sqlite").path)
            try database.execute(setup)
            try database.execute(sql.standardOutput)
            #expect(try database.column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") == ["captures", "notes", "strata_migrations"])
        } else {
            let server = try await PostgresTestServer.shared()
            let url = try server.createDatabase()
            try server.run(setup, database: url)
            try server.run(sql.standardOutput, database: url)
            #expect(try server.run("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", database: url) == [["captures"], ["notes"], ["strata_migrations"]])
        }
    }

    /// An operation's summary quotes the schema's text (here a default holding a line break and
    /// an ESC): `upgrade` lists it on one line, escaped, so it cannot print a line of its own.
    @Test func upgradeListsOperationsOnOneLineEscaped() throws {
        let folder = try project(notesSchema.replacingOccurrences(of: "body: text", with: "body: {type: text, default: a}"))
        #expect(try strata(["revision", "--autogenerate", "-m", "notes"], in: folder).status == 0)
        try notesSchema.replacingOccurrences(of: "body: text", with: "body: {type: text, default: \"x\\n  ✔ 0003_fake: \\e[2J\"}")
            .write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let revision = try strata(["revision", "--autogenerate", "-m", "default"], in: folder)
        #expect(revision.status == 0, "\(revision.standardError)")
        let upgrade = try strata(["upgrade", "head"], in: folder)
        #expect(upgrade.status == 0, "\(upgrade.standardError)")
        #expect(upgrade.standardOutput.contains("      alter column notes.body (default 'a' → 'x\\n  ✔ 0003_fake: \\u{1B}[2J')\n"), "\(upgrade.standardOutput)")
        #expect(!upgrade.standardOutput.split(separator: "\n").contains { $0.hasPrefix("  ✔ 0003_fake") })
        #expect(!upgrade.standardOutput.unicodeScalars.contains("\u{1B}"))
    }

    @Test func historyAndProgressPrintControlCharactersEscaped() throws {
        let folder = try project()
        #expect(try strata(["revision", "--autogenerate", "-m", "notes \u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}txt"], in: folder).status == 0)
        let history = try strata(["history"], in: folder)
        #expect(history.standardOutput == "<base> -> 0001_notes_2j_0_pwned_txt (head), notes \\u{1B}[2J\\u{1B}]0;pwned\\u{7} \\u{202E}txt [upgrade safe, downgrade lossy]\n")
        let upgrade = try strata(["upgrade", "head"], in: folder)
        #expect(upgrade.status == 0)
        #expect(upgrade.standardOutput.contains("✔ 0001_notes_2j_0_pwned_txt: notes \\u{1B}[2J\\u{1B}]0;pwned\\u{7} \\u{202E}txt ("))
        #expect(!(history.standardOutput + upgrade.standardOutput).unicodeScalars.contains("\u{1B}"))
        // A target from the command line is echoed escaped on standard output and in the error.
        let target = try strata(["upgrade", "x\u{1B}[2J\u{202E}"], in: folder)
        #expect(target.status == 1)
        #expect(target.standardOutput == "Upgrading sqlite:notes.sqlite to x\\u{1B}[2J\\u{202E}\n")
        #expect(!(target.standardOutput + target.standardError).unicodeScalars.contains("\u{1B}"))
    }

    @Test func currentAndCheckChangeNothing() throws {
        let folder = try project()
        #expect(try strata(["revision", "--autogenerate", "-m", "create notes"], in: folder).status == 0)
        let database = folder.appendingPathComponent("notes.sqlite")

        // A missing file is an error, and stays missing.
        let missing = try strata(["current"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.standardError == "error: no SQLite database at notes.sqlite: 'strata upgrade head' creates it (check the path)\n")
        #expect(try strata(["check", "--database", "sqlite:notes.sqlite"], in: folder).status == 1)
        #expect(!FileManager.default.fileExists(atPath: database.path))

        // A database without the version table: base, and no table is created.
        let other = try SQLiteDirectConnection(path: database.path)
        try other.execute("CREATE TABLE unrelated (id INTEGER PRIMARY KEY)")
        #expect(try strata(["current"], in: folder).standardOutput == "base (no migration applied)\n")
        #expect(try strata(["check", "--database", "sqlite:notes.sqlite"], in: folder).status == 1)
        #expect(try other.column("SELECT name FROM sqlite_master WHERE type = 'table'") == ["unrelated"])
    }

    @Test func currentReportsACorruptedFile() throws {
        let folder = try project()
        #expect(try strata(["revision", "--autogenerate", "-m", "create notes"], in: folder).status == 0)
        #expect(try strata(["upgrade", "head"], in: folder).status == 0)
        let path = folder.appendingPathComponent("notes.sqlite").path
        let writer = try SQLiteDirectConnection(path: path)
        try writer.execute("PRAGMA journal_mode = DELETE")
        try writer.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200) INSERT INTO notes (id, body) SELECT x, hex(randomblob(250)) FROM n")
        // Overwrite the middle pages (table and index b-tree pages) with garbage, keep the header.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096 * 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096 * 3))
        try handle.close()
        let current = try strata(["current"], in: folder)
        #expect(current.status == 1, "\(current.standardOutput)")
        #expect(current.standardError.hasPrefix("error: "))
    }

    /// An unapplied migration edited by hand to index a missing column, or to check one, is an
    /// error at its line before anything runs; so is a migration that follows itself.
    @Test func handEditedMigrationsAreCheckedAgainstTheirSchema() throws {
        let folder = try project()
        #expect(try strata(["revision", "--autogenerate", "-m", "create notes"], in: folder).status == 0)
        #expect(try strata(["revision", "-m", "by title"], in: folder).status == 0)
        let file = folder.appendingPathComponent("Generated/Migrations/0002_by_title.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        func edit(_ upgrade: String, _ downgrade: String) throws {
            let text = original.replacingOccurrences(of: "upgrade:\n  []\ndowngrade:\n  []", with: "upgrade:\n  - \(upgrade)\ndowngrade:\n  - \(downgrade)")
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try edit("create_index: {table: notes, name: ix_notes_title, columns: [title]}", "drop_index: {table: notes, name: ix_notes_title, columns: [title]}")
        let index = try strata(["upgrade", "head"], in: folder)
        #expect(index.status == 2)
        #expect(index.standardError.hasPrefix("Generated/Migrations/0002_by_title.yaml:9:5: error: upgrade operation 'create index ix_notes_title on notes' does not fit the schema it applies to: index ix_notes_title of table notes names column title, which the table does not have (columns: id, body)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.sqlite").path), "nothing ran")

        try edit("add_check: {table: notes, name: ck_title, expression: \"\\\"title\\\" <> ''\"}", "drop_check: {table: notes, name: ck_title, expression: \"\\\"title\\\" <> ''\"}")
        let check = try strata(["check"], in: folder)
        #expect(check.status == 2)
        #expect(check.standardError.contains("check ck_title of table notes is not a single condition: \"title\" is not a column of this table"))

        try edit("add_check: {table: notes, name: ck_x, expression: \"1=1)); DROP TABLE notes; --\"}", "drop_check: {table: notes, name: ck_x, expression: \"1=1\"}")
        #expect(try strata(["upgrade", "head"], in: folder).status == 2)

        // Garbage that follows the rules but is not SQL: SQLite's parser, at the operation's line.
        try edit("add_check: {table: notes, name: ck_y, expression: \"body >\"}", "drop_check: {table: notes, name: ck_y, expression: \"body >\"}")
        let garbage = try strata(["upgrade", "head"], in: folder)
        #expect(garbage.status == 2)
        #expect(garbage.standardError.hasPrefix("Generated/Migrations/0002_by_title.yaml:9:5: error: upgrade operation 'add check ck_y on notes': check ck_y is not a valid SQL condition: near \")\": syntax error (SQLite's parser, on the table's columns)"), "\(garbage.standardError)")

        try original.replacingOccurrences(of: "parent: 0001_create_notes", with: "parent: 0002_by_title").write(to: file, atomically: true, encoding: .utf8)
        let cycle = try strata(["history"], in: folder)
        #expect(cycle.status == 2)
        #expect(cycle.standardError == "Generated/Migrations: error: migration '0002_by_title' names itself as its parent, a cycle: set 'parent' to the migration it follows (or ~ for the first)\n")
    }

    @Test func invalidUTF8AndControlCharactersAreLocatedErrors() throws {
        let folder = try project()
        try (Data("version: 1\nswift: {module: Notes}\ntables:\n  n\u{00E9}".utf8) + Data([0xC3, 0x28])).write(to: folder.appendingPathComponent("schema.yaml"))
        let utf8 = try strata(["generate"], in: folder)
        #expect(utf8.status == 2)
        #expect(utf8.standardError == "schema.yaml:4:5: error: the file is not valid UTF-8 (byte 0xC3 at offset 47): save it as UTF-8\n")
        try "version: 1\nswift: {module: Notes}\ntables:\n  notes:\n    doc: \u{1B}]0;title\u{07}\n".write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let control = try strata(["generate"], in: folder)
        #expect(control.status == 2)
        #expect(!control.standardError.unicodeScalars.contains("\u{1B}"))
        #expect(control.standardError.hasPrefix("schema.yaml:5:10: error: YAML does not allow this character (U+001B) here"))
    }
}
