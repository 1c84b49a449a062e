import Foundation
import StrataGenerator
import StrataRuntime
import StrataSchema
import StrataTestSupport
import Testing

/// `sql_objects:` end to end on both databases: a trigger (and on PostgreSQL its function) is
/// created after its table, dropped and created again around a migration that rebuilds or alters
/// that table, and dropped before the table on the way down.
@Suite struct SQLObjectTests {
    static func yaml(check: Bool) -> String {
        """
        version: 1
        swift: {module: M}
        tables:
          notes:
            columns:
              id: {type: int, primary_key: true}
              body: text
              body_length: {type: int, default: 0}
        \(check ? "    checks: [\"body_length >= 0\"]\n" : "")sql_objects:
          notes_length:
            tables: [notes]
            create:
              sqlite: "CREATE TRIGGER notes_length AFTER INSERT ON notes BEGIN UPDATE notes SET body_length = length(NEW.body) WHERE id = NEW.id; END;"
              postgres: "CREATE FUNCTION notes_length() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.body_length := length(NEW.body); RETURN NEW; END $$; CREATE TRIGGER notes_length BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_length();"
            drop:
              sqlite: "DROP TRIGGER notes_length;"
              postgres: "DROP TRIGGER notes_length ON notes; DROP FUNCTION notes_length();"

        """
    }

    static func migration(_ id: String, parent: String?, from old: Schema, to new: Schema) throws -> Migration {
        let operations = try SchemaDiff(from: old, to: new).operations
        return Migration(id: id, parent: parent, message: id, upgrade: operations, downgrade: operations.reversed().map(\.reversed), checksum: id)
    }

    @Test(arguments: ["sqlite", "postgres"])
    func anObjectFollowsItsTableThroughMigrations(_ dialect: String) async throws {
        let first = try GeneratorPipeline.validate(source: Self.yaml(check: false)).schema
        let second = try GeneratorPipeline.validate(source: Self.yaml(check: true)).schema
        let create = try Self.migration("0001_notes", parent: nil, from: Schema(), to: first)
        let change = try Self.migration("0002_check", parent: "0001_notes", from: first, to: second)
        // Created after the table; around the change, dropped first and created again last.
        #expect(create.upgrade.map(\.summary) == ["create table notes", "create SQL object notes_length"])
        #expect(change.upgrade.map(\.summary) == ["drop SQL object notes_length", "add check ck_notes_1 on notes", "create SQL object notes_length"])
        #expect(create.downgrade.map(\.summary) == ["drop SQL object notes_length", "drop table notes"])

        let runner = MigrationRunner(history: try MigrationHistory([create, change]))
        let (connection, database, _) = try await runnerDatabase(dialect)
        do {
            try await runner.upgrade(on: connection)
            try database.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES (1, 'hello');")
            #expect(try database.rows("SELECT \"body_length\" FROM \"notes\" WHERE \"id\" = 1") == [["5"]], "the trigger runs after the rebuild")
            try await runner.downgrade(to: .id("0001_notes"), on: connection)
            try database.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES (2, 'hi');")
            #expect(try database.rows("SELECT \"body_length\" FROM \"notes\" WHERE \"id\" = 2") == [["2"]], "and after the way down")
            try await runner.downgrade(to: .base, on: connection, allowDataLoss: true)
            let objects = dialect == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE name NOT LIKE 'strata%' AND name NOT LIKE 'sqlite_autoindex_strata%'"
                : "SELECT proname FROM pg_proc WHERE proname = 'notes_length' UNION ALL SELECT tablename FROM pg_tables WHERE tablename = 'notes'"
            let left = try database.rows(objects)
            #expect(left == [], "nothing is left: \(left)")
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    @Test func aTableAnObjectNamesCannotBeDropped() throws {
        var schema = try GeneratorPipeline.validate(source: Self.yaml(check: false)).schema
        let notes = try #require(schema.table(named: "notes"))
        #expect(throws: MigrationError.self) { try schema.apply(.dropTable(notes)) }
        try schema.apply(.dropSQLObject(try #require(schema.sqlObject(named: "notes_length"))))
        try schema.apply(.dropTable(notes))
        #expect(schema.tables.isEmpty && schema.sqlObjects.isEmpty)
    }

    @Test func theCreateScriptsCreateTheObjectAfterTheTables() throws {
        let schema = try GeneratorPipeline.validate(source: Self.yaml(check: false)).schema
        for dialect in [SQLiteDialect() as any DatabaseDialect, PostgreSQLDialect()] {
            let script = dialect.createScript(for: schema, header: "-- h")
            let table = try #require(script.range(of: "CREATE TABLE \"notes\""))
            let trigger = try #require(script.range(of: "CREATE TRIGGER notes_length"), "\(dialect.name)")
            #expect(table.lowerBound < trigger.lowerBound)
            #expect(script.hasSuffix("END;\n\nCOMMIT;\n") || script.hasSuffix("notes_length();\n\nCOMMIT;\n"), "\(script)")
        }
    }

    @Test func anObjectNeedsItsReverseAndItsTables() throws {
        let yaml = """
            version: 1
            swift: {module: M}
            tables:
              t:
                columns: {id: {type: int, primary_key: true}}
            sql_objects:
              a:
                tables: [t, missing]
                create: "CREATE VIEW a AS SELECT id FROM t;"
              b:
                drop: {sqlite: "DROP VIEW b;"}

            """
        #expect(diagnostics(yaml) == [
            "schema.yaml:8:17: error: SQL object 'a' names missing table 'missing': list the tables it reads or is attached to",
            "schema.yaml:9:13: error: SQL object 'a' is created on sqlite but has no 'drop' for it: write the SQL that drops it, so that a migration can undo it",
            "schema.yaml:9:13: error: SQL object 'a' is created on postgres but has no 'drop' for it: write the SQL that drops it, so that a migration can undo it",
            "schema.yaml:10:3: error: SQL object 'b' has no 'create': write the SQL that creates it, for both dialects or as {sqlite: …, postgres: …}",
            "schema.yaml:11:20: error: SQL object 'b' has a 'drop' for sqlite but no 'create': remove it, or write the SQL that creates it",
        ])
    }

    func diagnostics(_ yaml: String) -> [String] {
        do {
            _ = try GeneratorPipeline.validate(source: yaml)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}
