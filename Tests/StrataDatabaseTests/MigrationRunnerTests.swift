import Foundation
import JarvisModels
import StrataGenerator
import StrataPostgres
import StrataRuntime
import StrataSQLite
import StrataTestSupport
import Testing
import StrataSchema

/// A fresh database for the runner, and a `TestDatabase` view of the same database for checks.
func runnerDatabase(_ dialect: String) async throws -> (any MigrationConnection, any TestDatabase, String) {
    if dialect == "sqlite" {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-runner-\(UUID().uuidString).sqlite").path
        let connection = try SQLiteMigrationConnection(path: path)
        return (connection, try SQLiteFileTestDatabase(path: path), "sqlite:\(path)")
    }
    let database = try await PostgresTestDatabase()
    return (try await PostgresMigrationConnection(url: try DatabaseURL(database.url)), database, database.url)
}

/// A SQLite file opened a second time, for checks.
final class SQLiteFileTestDatabase: TestDatabase {
    let connection: SQLiteDirectConnection
    let dialect: any DatabaseDialect = SQLiteDialect()
    init(path: String) throws { connection = try SQLiteDirectConnection(path: path) }
    func execute(_ sql: String) throws { try connection.execute(sql) }
    func rows(_ sql: String) throws -> [[String?]] { try connection.query(sql) }
}

/// This repository's migration history, read from its files.
func repositoryHistory() throws -> MigrationHistory {
    let folder = packageRoot.appendingPathComponent("Generated/Migrations")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
    return try MigrationFiles.history(try names.map {
        MigrationFileSource(path: "Generated/Migrations/\($0)", text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
    })
}

@Suite struct MigrationRunnerTests {
    /// An operation's summary quotes the schema's text: a failure names it on one line, escaped.
    @Test func aFailureNamesItsOperationEscaped() {
        let failure = MigrationFailure(migration: "0002_x", operation: "alter column t.c (default 'a' → 'b\n\u{1B}[2J')", databaseMessage: "boom")
        #expect(failure.description == "migration 0002_x failed at 'alter column t.c (default 'a' → 'b\\n\\u{1B}[2J')': boom; it was rolled back, nothing changed")
    }

    static let dialects = ["sqlite", "postgres"]

    @Test(arguments: dialects)
    func repositoryStairway(_ dialect: String) async throws {
        let history = try repositoryHistory()
        let runner = MigrationRunner(history: history)
        let (connection, database, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        // Upgrade one step at a time, down one step, up again: the catalog always equals a fresh
        // database made from the IR of the current revision.
        for migration in history.migrations {
            try await runner.upgrade(to: .relative(1), on: connection)
            #expect(try await runner.current(on: connection) == migration.id)
            #expect(try await fingerprint(database) == (try await freshFingerprint(of: try history.schema(at: migration.id), dialect: dialect)))
            try await runner.downgrade(to: .relative(-1), on: connection, allowDataLoss: true)
            #expect(try await runner.current(on: connection) == migration.parent)
            #expect(try await fingerprint(database) == (try await freshFingerprint(of: try history.schema(at: migration.parent), dialect: dialect)))
            try await runner.upgrade(to: .id(migration.id), on: connection)
        }
        // At head, autogenerate is empty: the model matches the database.
        let schema = try validatedSchema("schema.yaml").schema
        #expect(try SchemaDiff(from: try history.schema(at: history.head), to: schema).isEmpty)
        #expect(try await runner.upgrade(on: connection).isEmpty, "nothing left to do")
        try await runner.downgrade(to: .base, on: connection, allowDataLoss: true)
        #expect(try await runner.current(on: connection) == nil)
        #expect(try await fingerprint(database) == [])
    }

    @Test(arguments: dialects)
    func driftIsFoundByComparingCatalogs(_ dialect: String) async throws {
        let history = try repositoryHistory()
        let (connection, database, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        try await MigrationRunner(history: history).upgrade(on: connection)
        let head = try history.schema(at: history.head)
        #expect(try await schemaDrift(on: connection, expected: head) == [])
        try database.execute("ALTER TABLE \"captures\" ADD COLUMN \"sneaky\" \(dialect == "sqlite" ? "INTEGER" : "bigint");")
        // Named: the database was read into the IR, and the difference is an operation.
        #expect(try await schemaDrift(on: connection, expected: head) == ["changed outside the migrations: add column captures.sneaky"])
        try database.execute("DROP INDEX \"ix_patterns_trust_tier\";")
        #expect(Set(try await schemaDrift(on: connection, expected: head)) == [
            "changed outside the migrations: add column captures.sneaky",
            "changed outside the migrations: drop index ix_patterns_trust_tier on patterns",
        ])
        try database.execute("ALTER TABLE \"captures\" DROP COLUMN \"sneaky\"; CREATE INDEX \"ix_patterns_trust_tier\" ON \"patterns\" (\"trust_tier\");")
        #expect(try await schemaDrift(on: connection, expected: head) == [])
        // An expression index is read into the IR like any other.
        try database.execute("CREATE INDEX \"by_lower_name\" ON \"patterns\" (lower(\"name\"));")
        #expect(try await schemaDrift(on: connection, expected: head) == ["changed outside the migrations: create index by_lower_name on patterns"])
        try database.execute("DROP INDEX \"by_lower_name\";")
        // What the IR cannot hold is named by the reader; the raw catalogs are the last resort.
        let odd = dialect == "sqlite" ? "\"name\" COLLATE NOCASE" : "\"name\" NULLS FIRST"
        try database.execute("CREATE INDEX \"by_odd_name\" ON \"patterns\" (\(odd));")
        let drift = try await schemaDrift(on: connection, expected: head)
        #expect(drift.count == 1 && drift[0].hasPrefix("outside the schema: table \"patterns\", index \"by_odd_name\"") && drift[0].contains("is not expressible"), "\(drift)")
    }

    @Test(arguments: dialects)
    func handWrittenStatementsThatCannotRunInATransactionRunOutsideOne(_ dialect: String) async throws {
        let create = try SchemaDiff(from: Schema(), to: try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: text\n")).operations
        let raw = RawSQL(upgrade: ["postgres": "CREATE INDEX CONCURRENTLY \"ix_notes_body\" ON \"notes\" (\"body\");", "sqlite": "VACUUM;"], downgrade: [:], description: "index concurrently")
        let runner = MigrationRunner(history: try MigrationHistory([
            Migration(id: "0001_notes", parent: nil, message: "notes", upgrade: create + [.sql(raw)], downgrade: [.sql(raw).reversed] + create.reversed().map(\.reversed), checksum: "a"),
        ]))
        let (connection, database, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        // The plan puts the hand-written statement in a unit of its own, outside a transaction.
        let plan = try connection.dialect.plan(create + [.sql(raw)], from: Schema(), locking: .lockAware).plan
        #expect(plan.units.map(\.isTransaction) == [true, false])
        try await runner.upgrade(on: connection)
        #expect(try database.rows("SELECT \"id\" FROM \"strata_migrations\"") == [["0001_notes"]])
        #expect(try database.rows("SELECT count(*) FROM \"strata_migration_progress\"") == [["0"]], "no partial migration left")
        if dialect == "postgres" {
            #expect(try database.rows("SELECT indexname FROM pg_indexes WHERE tablename = 'notes' AND indexname = 'ix_notes_body'") == [["ix_notes_body"]])
        }
    }

    @Test func sqliteRebuildsKeepTriggersAddedByHand() async throws {
        let before = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: string, max_length: 100}\n      edits: {type: int, default: 0}\n")
        let after = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: text}\n      edits: {type: int, default: 0}\n")
        let create = try SchemaDiff(from: Schema(), to: before).operations
        let trigger = RawSQL(
            upgrade: ["sqlite": "CREATE TRIGGER \"count_edits\" AFTER UPDATE OF \"body\" ON \"notes\" BEGIN UPDATE \"notes\" SET \"edits\" = \"edits\" + 1 WHERE \"id\" = NEW.\"id\"; END;"],
            downgrade: ["sqlite": "DROP TRIGGER \"count_edits\";"], description: "count edits")
        let change = try SchemaDiff(from: before, to: after).operations
        #expect(change.map(\.summary) == ["alter column notes.body (type string(100) → text)"])
        let runner = MigrationRunner(history: try MigrationHistory([
            Migration(id: "0001", parent: nil, message: "notes", upgrade: create + [.sql(trigger)], downgrade: [.sql(trigger).reversed] + create.reversed().map(\.reversed), checksum: "a"),
            Migration(id: "0002", parent: "0001", message: "unbounded body", upgrade: change, downgrade: change.reversed().map(\.reversed), checksum: "b"),
        ]))
        let (connection, database, _) = try await runnerDatabase("sqlite")
        defer { Task { await connection.close() } }
        try await runner.upgrade(to: .id("0001"), on: connection)
        try database.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES (1, 'a');")
        try await runner.upgrade(on: connection)  // rebuilds notes
        try database.execute("UPDATE \"notes\" SET \"body\" = 'b' WHERE \"id\" = 1;")
        #expect(try database.rows("SELECT \"body\", \"edits\" FROM \"notes\"") == [["b", "1"]], "the trigger survived the rebuild and fires")
        try await runner.downgrade(to: .id("0001"), on: connection, allowDataLoss: true)  // rebuilds again (string(100) from text)
        try database.execute("UPDATE \"notes\" SET \"body\" = 'c' WHERE \"id\" = 1;")
        #expect(try database.rows("SELECT \"body\", \"edits\" FROM \"notes\"") == [["c", "2"]])
        #expect(try database.rows("SELECT name FROM sqlite_master WHERE type = 'trigger'") == [["count_edits"]])
    }

    @Test func embeddedMigrationsEqualTheFiles() throws {
        #expect(JarvisModels.GeneratedSchema.migrations == (try repositoryHistory()))
    }

    @Test(arguments: dialects)
    func aFailingMigrationChangesNothingAndSaysWhere(_ dialect: String) async throws {
        let base = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: text, nullable: true}\n")
        let next = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: text}\n      tag: {type: text, nullable: true}\n")
        let first = Migration(id: "0001_notes", parent: nil, message: "notes", upgrade: try SchemaDiff(from: Schema(), to: base).operations, downgrade: [.dropTable(base.tables[0])], checksum: "a")
        let diff = try SchemaDiff(from: base, to: next)
        let second = Migration(id: "0002_required_body", parent: "0001_notes", message: "required body", upgrade: diff.operations, downgrade: diff.operations.reversed().map(\.reversed), checksum: "b")
        // Plain locking: one transaction per migration (the lock-aware plan of several
        // transactions is tested in LockAwareMigrationTests).
        let runner = MigrationRunner(history: try MigrationHistory([first, second]), options: MigrationOptions(locking: .plain))
        let (connection, database, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        try await runner.upgrade(to: .id("0001_notes"), on: connection)
        try database.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES (1, 'x'), (2, NULL);")
        let before = try await fingerprint(database)
        let versions = try database.rows("SELECT \"id\", \"checksum\" FROM \"strata_migrations\"")
        do {
            try await runner.upgrade(on: connection)
            Issue.record("the upgrade should fail on the NULL body")
        } catch let failure as MigrationFailure {
            #expect(failure.migration == "0002_required_body")
            #expect(failure.operation == "alter column notes.body (not null)")
            #expect(failure.description.contains(dialect == "sqlite" ? "NOT NULL constraint failed: notes.body" : "contains null values"), "\(failure)")
            #expect(!failure.description.contains("_strata_rebuild_"), "errors never name the rebuild's temporary table: \(failure)")
            #expect(failure.description.contains("needs a value in every existing row: give the column a default"), "\(failure)")
            #expect(failure.description.hasSuffix("it was rolled back, nothing changed"))
        }
        #expect(try await fingerprint(database) == before, "schema unchanged")
        #expect(try database.rows("SELECT \"id\", \"body\" FROM \"notes\" ORDER BY \"id\"") == [["1", "x"], ["2", nil]], "rows unchanged")
        #expect(try database.rows("SELECT \"id\", \"checksum\" FROM \"strata_migrations\"") == versions, "version table unchanged")
        // After a backfill, the same migration applies.
        try database.execute("UPDATE \"notes\" SET \"body\" = '' WHERE \"body\" IS NULL;")
        try await runner.upgrade(on: connection)
        #expect(try await runner.current(on: connection) == "0002_required_body")
    }

    @Test(arguments: dialects)
    func anAppliedMigrationThatChangedIsRefused(_ dialect: String) async throws {
        let schema = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n")
        let operations = try SchemaDiff(from: Schema(), to: schema).operations
        var migration = Migration(id: "0001_notes", parent: nil, message: "notes", upgrade: operations, downgrade: operations.reversed().map(\.reversed), checksum: "original")
        let (connection, _, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        try await MigrationRunner(history: try MigrationHistory([migration])).upgrade(on: connection)
        migration.checksum = "edited"
        let edited = MigrationRunner(history: try MigrationHistory([migration]))
        await #expect(throws: MigrationError("migration 0001_notes changed after it was applied (checksum original then, edited now): restore the file and put new changes in a new migration")) {
            try await edited.upgrade(on: connection)
        }
        await #expect(throws: MigrationError.self) { try await edited.downgrade(to: .base, on: connection) }
        let gone = MigrationRunner(history: try MigrationHistory([]))
        #expect(gone.problems(with: try await gone.applied(on: connection)) == ["migration 0001_notes is applied but its file is gone: restore Generated/Migrations/0001_notes.yaml"])
    }

    @Test(arguments: dialects)
    func lossyUpgradesNeedAnAcknowledgement(_ dialect: String) async throws {
        let before = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      old: {type: text, nullable: true}\n")
        let after = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n")
        let create = try SchemaDiff(from: Schema(), to: before).operations
        let drop = try SchemaDiff(from: before, to: after).operations
        var second = Migration(id: "0002_drop_old", parent: "0001_notes", message: "drop old", upgrade: drop, downgrade: drop.reversed().map(\.reversed), checksum: "b")
        let first = Migration(id: "0001_notes", parent: nil, message: "notes", upgrade: create, downgrade: create.reversed().map(\.reversed), checksum: "a")
        let (connection, _, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        await #expect(throws: MigrationError("nothing was run: the upgrade would destroy data in 0002_drop_old (drop column notes.old); set 'acknowledge_data_loss: true' in its file or pass --allow-data-loss")) {
            try await MigrationRunner(history: try MigrationHistory([first, second])).upgrade(on: connection)
        }
        #expect(try await MigrationRunner(history: try MigrationHistory([first, second])).current(on: connection) == nil,
                "the guard examined the whole path first: not even the safe first migration ran")
        second.acknowledgesDataLoss = true
        try await MigrationRunner(history: try MigrationHistory([first, second])).upgrade(on: connection)
        #expect(try await MigrationRunner(history: try MigrationHistory([first, second])).current(on: connection) == "0002_drop_old")
    }

    /// SQLite's legacy fallback would index the constant string "nope"; Strata's connections refuse it.
    @Test func sqliteMigrationConnectionsRefuseDoubleQuotedStringLiterals() async throws {
        let connection = try SQLiteMigrationConnection(path: ":memory:")
        try await connection.execute("CREATE TABLE \"t\" (\"a\" INTEGER);")
        await #expect(throws: MigrationConnectionError.self) { try await connection.execute("CREATE INDEX \"i\" ON \"t\" (\"nope\");") }
        await #expect(throws: MigrationConnectionError.self) { try await connection.execute("SELECT \"nope\" FROM \"t\";") }
    }

    @Test(arguments: dialects)
    func anEmptyHistoryOnAnEmptyDatabaseSaysWhatToDo(_ dialect: String) async throws {
        let (connection, database, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        let runner = MigrationRunner(history: try MigrationHistory([]))
        await #expect(throws: StrataError.emptyMigrationHistory) { try await runner.upgrade(on: connection) }
        #expect("\(StrataError.emptyMigrationHistory)".contains("strata revision --autogenerate"))
        // Tables made another way: nothing to do, and no error.
        try database.execute("CREATE TABLE made_by_hand (id integer PRIMARY KEY);")
        #expect(try await runner.upgrade(on: connection).isEmpty)
    }

    @Test(arguments: dialects)
    func lossyDowngradesNeedAnAcknowledgement(_ dialect: String) async throws {
        let before = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n")
        let after = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      title: {type: text, nullable: true}\n")
        let create = try SchemaDiff(from: Schema(), to: before).operations
        let add = try SchemaDiff(from: before, to: after).operations
        let first = Migration(id: "0001_notes", parent: nil, message: "notes", upgrade: create, downgrade: create.reversed().map(\.reversed), checksum: "a")
        var second = Migration(id: "0002_title", parent: "0001_notes", message: "title", upgrade: add, downgrade: add.reversed().map(\.reversed), checksum: "b")
        let (connection, database, _) = try await runnerDatabase(dialect)
        defer { Task { await connection.close() } }
        try await MigrationRunner(history: try MigrationHistory([first, second])).upgrade(on: connection)
        try database.execute("INSERT INTO \"notes\" (\"id\", \"title\") VALUES (1, 'keep me');")
        // Going to base would drop the column and then the table: refused before either runs,
        // naming both.
        await #expect(throws: MigrationError("nothing was run: the downgrade would destroy data in 0002_title (drop column notes.title), 0001_notes (drop table notes); set 'acknowledge_downgrade_data_loss: true' in their files or pass --allow-data-loss")) {
            try await MigrationRunner(history: try MigrationHistory([first, second])).downgrade(to: .base, on: connection)
        }
        #expect(try await MigrationRunner(history: try MigrationHistory([first, second])).current(on: connection) == "0002_title")
        #expect(try database.rows("SELECT \"title\" FROM \"notes\"") == [["keep me"]])
        // The file's acknowledgement covers its own downgrade only.
        second.acknowledgesDowngradeDataLoss = true
        let acknowledged = MigrationRunner(history: try MigrationHistory([first, second]))
        try await acknowledged.downgrade(to: .relative(-1), on: connection)
        #expect(try await acknowledged.current(on: connection) == "0001_notes")
        await #expect(throws: MigrationError.self) { try await acknowledged.downgrade(to: .base, on: connection) }
        try await acknowledged.downgrade(to: .base, on: connection, allowDataLoss: true)
        #expect(try await acknowledged.current(on: connection) == nil)
    }

    @Test(arguments: dialects)
    func concurrentRunnersApplyEachMigrationOnce(_ dialect: String) async throws {
        let history = try repositoryHistory()
        let (first, database, url) = try await runnerDatabase(dialect)
        let second: any MigrationConnection = dialect == "sqlite"
            ? try SQLiteMigrationConnection(path: String(url.dropFirst("sqlite:".count)))
            : try await PostgresMigrationConnection(url: try DatabaseURL(url))
        let runner = MigrationRunner(history: history)
        do {
            async let a = runner.upgrade(on: first)
            async let b = runner.upgrade(on: second)
            let (stepsA, stepsB) = try await (a, b)
            #expect(stepsA.count + stepsB.count == history.migrations.count, "each migration applied exactly once")
            #expect(try database.rows("SELECT count(*) FROM \"strata_migrations\"") == [[String(history.migrations.count)]])
        } catch {
            Issue.record(error)
        }
        await first.close()
        await second.close()
    }
}
