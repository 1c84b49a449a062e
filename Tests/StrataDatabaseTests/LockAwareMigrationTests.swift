import Foundation
import StrataPostgres
import StrataRuntime
import StrataSchema
import Testing

/// Lock-aware PostgreSQL migrations on a table that is being written: writers keep completing
/// during every step, nothing they write is lost, a lock that cannot be had fails cleanly and
/// names its holder, and the result equals the plain plan's.
@Suite struct LockAwareMigrationTests {
    static let base = """
        enums:
          state: {values: [new, done]}
        tables:
          teams:
            columns:
              id: {type: int, primary_key: true}
          items:
            columns:
              id: {type: int, primary_key: true}
              team_id: {type: int, nullable: true}
              code: {type: string, max_length: 40, nullable: true}
              qty: {type: int, nullable: true}
              state: {type: state, default: new}

        """


    /// The migration history: the base, then one migration per operation.
    static func history() throws -> (MigrationHistory, Schema) {
        var schemas = [try schemaIR(base)]
        var text = base + "    indexes:\n      - {columns: [qty], name: ix_items_qty}\n"
        schemas.append(try schemaIR(text))
        text += "      - {columns: [code], name: ux_items_code, unique: true}\n"
        schemas.append(try schemaIR(text))
        text += "    foreign_keys:\n      - {columns: [team_id], references: {table: teams, columns: [id]}, name: fk_items_team}\n"
        schemas.append(try schemaIR(text))
        text += "    checks:\n      - {expression: \"qty >= 0\", name: ck_items_qty}\n"
        schemas.append(try schemaIR(text))
        text = text.replacingOccurrences(of: "code: {type: string, max_length: 40, nullable: true}", with: "code: {type: string, max_length: 40}")
        schemas.append(try schemaIR(text))
        text = text.replacingOccurrences(of: "values: [new, done]", with: "values: [new, done, archived]")
        schemas.append(try schemaIR(text))
        let ids = ["0001_base", "0002_index", "0003_unique_index", "0004_foreign_key", "0005_check", "0006_not_null", "0007_enum_value"]
        var migrations: [Migration] = []
        var previous = Schema()
        for (index, schema) in schemas.enumerated() {
            let diff = try SchemaDiff(from: previous, to: schema)
            migrations.append(Migration(
                id: ids[index], parent: index == 0 ? nil : ids[index - 1], message: ids[index], upgrade: diff.operations,
                downgrade: diff.operations.reversed().map(\.reversed), checksum: ids[index]
            ))
            previous = schema
        }
        return (try MigrationHistory(migrations), previous)
    }

    /// A writer session inserting and updating `items` until stopped, recording what it wrote.
    actor Writer {
        let connection: PostgresMigrationConnection
        let first: Int
        var inserted: [Int] = []
        var completions: [ContinuousClock.Instant] = []
        var failures: [String] = []
        var stopped = false

        init(url: String, first: Int) async throws {
            connection = try await PostgresMigrationConnection(url: try DatabaseURL(url))
            self.first = first
        }

        func stop() { stopped = true }

        func run() async {
            var next = first
            while !stopped {
                do {
                    try await connection.execute("INSERT INTO items (id, team_id, code, qty, state) VALUES (\(next), 1, 'w\(next)', 1, 'new')")
                    inserted.append(next)
                    completions.append(.now)
                    try await connection.execute("UPDATE items SET qty = qty + 1 WHERE id = \(next - first + 1)")
                    completions.append(.now)
                } catch {
                    failures.append("\(error)")
                }
                next += 1
            }
            await connection.close()
        }
    }

    @Test func writersCompleteDuringEveryLockAwareStepAndNothingIsLost() async throws {
        let (history, head) = try Self.history()
        let database = try await PostgresTestDatabase()
        let runner = MigrationRunner(history: history)
        let connection = try await PostgresMigrationConnection(url: try DatabaseURL(database.url))
        do {
            try await runner.upgrade(to: .id("0001_base"), on: connection)
            try database.execute("INSERT INTO teams (id) VALUES (1); INSERT INTO items (id, team_id, code, qty, state) SELECT g, 1, 'c' || g, g % 100, 'new' FROM generate_series(1, 100000) g;")
            let writers = try await (0..<4).asyncMap { try await Writer(url: database.url, first: 1_000_000 * ($0 + 1)) }
            let tasks = writers.map { writer in Task { await writer.run() } }
            var windows: [(String, ContinuousClock.Instant, ContinuousClock.Instant)] = []
            for id in ["0002_index", "0003_unique_index", "0004_foreign_key", "0005_check", "0006_not_null", "0007_enum_value"] {
                let began = ContinuousClock.now
                try await runner.upgrade(to: .id(id), on: connection)
                windows.append((id, began, .now))
            }
            for writer in writers { await writer.stop() }
            for task in tasks { await task.value }
            var completions: [ContinuousClock.Instant] = []
            var inserted: [Int] = []
            for writer in writers {
                completions += await writer.completions
                inserted += await writer.inserted
                let failures = await writer.failures
                #expect(failures.isEmpty, "\(failures.prefix(3))")
            }
            for (id, began, ended) in windows {
                let during = completions.filter { $0 > began && $0 < ended }.count
                #expect(during > 0, "writers completed nothing while \(id) ran (\(ended - began))")
            }
            let stored = try database.rows("SELECT count(*) FROM items WHERE id >= 1000000")
            #expect(stored == [[String(inserted.count)]], "every row written during the migrations is there")
            #expect(try await schemaDrift(on: connection, expected: head) == [], "the lock-aware plan ends where the plain one does")
            #expect(try await runner.partial(on: connection) == nil)
            #expect(try database.rows("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == [["0"]], "no invalid index left")
        } catch {
            Issue.record(error)
        }
        await connection.close()
    }

    @Test func aLockThatCannotBeHadFailsCleanlyAndNamesItsHolder() async throws {
        let (history, _) = try Self.history()
        let database = try await PostgresTestDatabase()
        let runner = MigrationRunner(history: history)
        let impatient = MigrationRunner(history: history, options: MigrationOptions(lockTimeout: .milliseconds(100), lockRetries: 1, retryDelay: .milliseconds(50)))
        let connection = try await PostgresMigrationConnection(url: try DatabaseURL(database.url))
        let blocker = try await PostgresMigrationConnection(url: try DatabaseURL(database.url))
        do {
            try await runner.upgrade(to: .id("0004_foreign_key"), on: connection)
            // Another session reads the table in an open transaction: ADD CONSTRAINT needs
            // ACCESS EXCLUSIVE and waits for it.
            try await blocker.execute("BEGIN")
            try await blocker.execute("LOCK TABLE items IN ACCESS SHARE MODE")
            do {
                try await impatient.upgrade(to: .id("0005_check"), on: connection)
                Issue.record("the upgrade should time out waiting for its lock")
            } catch let failure as MigrationFailure {
                #expect(failure.lockTimedOut)
                #expect(failure.migration == "0005_check")
                #expect(failure.description.contains("could not get its lock on items within 100 ms, 2 attempts"), "\(failure)")
                #expect(failure.description.contains("(AccessShareLock, idle in transaction: LOCK TABLE items IN ACCESS SHARE MODE)"), "\(failure)")
                #expect(failure.description.contains("the database is at a known step"), "\(failure)")
            }
            #expect(try await runner.current(on: connection) == "0004_foreign_key")
            #expect(try await runner.partial(on: connection) == nil, "the first step failed: nothing of the migration is applied")
            #expect(try database.rows("SELECT count(*) FROM pg_constraint WHERE conname = 'ck_items_qty'") == [["0"]])
            try await blocker.execute("COMMIT")
            try await impatient.upgrade(to: .id("0005_check"), on: connection)
            #expect(try await runner.current(on: connection) == "0005_check")
        } catch {
            Issue.record(error)
        }
        await blocker.close()
        await connection.close()
    }

    @Test func duplicatesAndOrphansAreFoundBeforeAnythingRuns() async throws {
        let (history, _) = try Self.history()
        let database = try await PostgresTestDatabase()
        let runner = MigrationRunner(history: history)
        let connection = try await PostgresMigrationConnection(url: try DatabaseURL(database.url))
        do {
            try await runner.upgrade(to: .id("0002_index"), on: connection)
            try database.execute("INSERT INTO teams (id) VALUES (1); INSERT INTO items (id, team_id, code, qty) VALUES (1, 1, 'same', 1), (2, 7, 'same', 2), (3, NULL, NULL, 3), (4, NULL, NULL, 4);")
            await #expect(throws: MigrationFailure.self) { try await runner.upgrade(to: .id("0003_unique_index"), on: connection) }
            #expect(try database.rows("SELECT count(*) FROM pg_class WHERE relname = 'ux_items_code'") == [["0"]], "no index, valid or not, was built")
            try database.execute("UPDATE items SET code = 'other' WHERE id = 2")  // two NULL codes are no duplicate
            try await runner.upgrade(to: .id("0003_unique_index"), on: connection)
            do {
                try await runner.upgrade(to: .id("0004_foreign_key"), on: connection)
                Issue.record("team 7 does not exist")
            } catch let failure as MigrationFailure {
                #expect(failure.description.contains("existing rows of items would make it fail (checked before the first step: SELECT 1 FROM \"items\" AS c WHERE c.\"team_id\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"teams\" AS p WHERE p.\"id\" = c.\"team_id\") LIMIT 1); fix or remove those rows"), "\(failure)")
            }
            #expect(try database.rows("SELECT count(*) FROM pg_constraint WHERE conname = 'fk_items_team'") == [["0"]])
        } catch {
            Issue.record(error)
        }
        await connection.close()
    }

    @Test func aFailedValidationStopsAtAKnownStepAndTheSameCommandContinues() async throws {
        let (history, head) = try Self.history()
        let database = try await PostgresTestDatabase()
        let runner = MigrationRunner(history: history)
        let connection = try await PostgresMigrationConnection(url: try DatabaseURL(database.url))
        do {
            try await runner.upgrade(to: .id("0005_check"), on: connection)
            try database.execute("INSERT INTO teams (id) VALUES (1); INSERT INTO items (id, team_id, code, qty) VALUES (1, 1, 'a', 1), (2, 1, NULL, 2);")
            // The existing rows are read first: a migration bound to fail stops before its first step.
            do {
                try await runner.upgrade(to: .id("0006_not_null"), on: connection)
                Issue.record("the NOT NULL should be refused on the NULL code")
            } catch let failure as MigrationFailure {
                #expect(failure.description == """
                    migration 0006_not_null failed at 'alter column items.code (not null)': existing rows of items would make it fail \
                    (checked before the first step: SELECT 1 FROM "items" WHERE "code" IS NULL LIMIT 1); give the column a value in every existing row \
                    (a default, or a migration before this one that fills it), then run it again; it was rolled back, nothing changed
                    """)
            }
            #expect(try await runner.partial(on: connection) == nil)
            #expect(try database.rows("SELECT count(*) FROM pg_constraint WHERE conname LIKE '%strata_not_null'") == [["0"]], "nothing changed")
            // A row written after that read (here: no read) fails the validation at step 2 of 3.
            var unchecked = MigrationOptions()
            unchecked.checksExistingRowsFirst = false
            do {
                try await MigrationRunner(history: history, options: unchecked).upgrade(to: .id("0006_not_null"), on: connection)
                Issue.record("the NOT NULL should fail on the NULL code")
            } catch let failure as MigrationFailure {
                #expect(failure.completedUnits == 1 && failure.totalUnits == 3, "\(failure)")
                #expect(failure.description.hasPrefix("migration 0006_not_null stopped at 'alter column items.code (not null)' (step 2 of 3): "), "\(failure)")
                #expect(failure.description.hasSuffix("steps 1–1 stay applied and recorded: fix the cause and run the same command again to continue from step 2"), "\(failure)")
            }
            let partial = try #require(try await runner.partial(on: connection))
            #expect(partial.description == "0006_not_null (upgrade, 1 of 3 steps done)")
            // Another direction is refused until the migration is finished.
            await #expect(throws: MigrationError.self) { try await runner.downgrade(to: .id("0004_foreign_key"), on: connection) }
            try database.execute("UPDATE items SET code = 'b' WHERE id = 2")
            try await runner.upgrade(on: connection)
            #expect(try await runner.current(on: connection) == "0007_enum_value")
            #expect(try await runner.partial(on: connection) == nil)
            #expect(try await schemaDrift(on: connection, expected: head) == [])
            // And back down to base, lock-aware too.
            try await runner.downgrade(to: .base, on: connection, allowDataLoss: true)
            #expect(try database.rows("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'strata_%'") == [["0"]])
        } catch {
            Issue.record(error)
        }
        await connection.close()
    }
}

extension Sequence {
    func asyncMap<Result>(_ transform: (Element) async throws -> Result) async rethrows -> [Result] {
        var results: [Result] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
