import Foundation
import StrataGenerator
import StrataPostgres
import StrataRuntime
import StrataSchema
import StrataTestSupport
import Testing

/// `strata pull`'s reading and writing, on real databases of both dialects: a pulled file
/// validates, creates a database that pulls back to the same bytes, and leaves no drift.
@Suite struct PullRoundTripTests {
    /// The pulled file as `strata pull` writes it (no URL, so it compares across databases).
    func pull(_ connection: any MigrationConnection) async throws -> (IntrospectedSchema, String) {
        let introspected = try await connection.introspect()
        return (introspected, SchemaFileWriter.render(introspected, module: "Models"))
    }

    /// A database of `dialect` with `setup` run in it, and its migration connection.
    func database(_ dialect: String, _ setup: String) async throws -> any MigrationConnection {
        let (connection, database, _) = try await runnerDatabase(dialect)
        try database.execute(setup)
        return connection
    }

    /// The result of a round trip: both files, the first pull, and the validated first file.
    struct RoundTrip {
        var first: String
        var second: String
        var pulled: IntrospectedSchema
        var schema: Schema
        var connection: any MigrationConnection
    }

    /// Pulls the database `setup` makes, creates a fresh one from the pulled file's DDL, pulls
    /// that, and runs `body`; every connection is closed afterwards, also when something throws.
    func withRoundTrip(_ dialect: String, _ setup: String, _ body: (RoundTrip) async throws -> Void) async throws {
        let connection = try await database(dialect, setup)
        do {
            let (pulled, first) = try await pull(connection)
            let schema = try GeneratorPipeline.validate(source: first, fileName: "pulled.yaml").schema
            let dialectValue: any DatabaseDialect = dialect == "sqlite" ? SQLiteDialect() : PostgreSQLDialect()
            let fresh = try await database(dialect, dialectValue.createScript(for: schema, header: "-- pulled"))
            let second: String
            do {
                second = try await pull(fresh).1
                await fresh.close()
            } catch {
                await fresh.close()
                throw error
            }
            try await body(RoundTrip(first: first, second: second, pulled: pulled, schema: schema, connection: connection))
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }

    func fixture(_ name: String) throws -> String { try generatedText("Tests/Fixtures/Adoption/\(name)") }

    /// Compares `text` with a golden file; on a difference, writes the new text beside the
    /// build so it can be reviewed and copied.
    func expectGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = (try? fixture(name)) ?? ""
        if text != expected {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try text.write(to: actual, atomically: true, encoding: .utf8)
            Issue.record("\(name) differs from the pull; the pull is in \(actual.path)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["sqlite", "postgres"], ["schema.yaml", "Tests/Fixtures/KitchenSink/schema.yaml"])
    func aStrataDatabasePullsBackExactlyAndWithoutDrift(_ dialect: String, _ schemaPath: String) async throws {
        let original = try validatedSchema(schemaPath).schema
        let dialectValue: any DatabaseDialect = dialect == "sqlite" ? SQLiteDialect() : PostgreSQLDialect()
        try await withRoundTrip(dialect, dialectValue.createScript(for: original, header: "-- original")) { result in
        #expect(result.first == result.second)
        #expect(result.pulled.warnings == [], "a database Strata created holds nothing the schema cannot say")
        #expect(try await schemaDrift(on: result.connection, expected: result.schema) == [], "the pulled file describes the database")
        // Same tables, columns, keys, constraints and indexes (on SQLite, TEXT columns without a
        // type check or a Strata default read as text: docs/adopting.md).
        #expect(result.schema.tables.map(\.name).sorted() == original.tables.map(\.name).sorted())
        for table in original.tables {
            let pulled = try #require(result.schema.table(named: table.name))
            #expect(pulled.columns.map(\.name) == table.columns.map(\.name))
            #expect(pulled.primaryKey == table.primaryKey)
            #expect(Set(pulled.foreignKeys) == Set(table.foreignKeys))
            // PostgreSQL keeps a partial index's condition in its own words (`flag AND (day IS NOT NULL)`).
            // SQLite has no INCLUDE: its index holds the keys only.
            let comparable: ([Index]) -> Set<Index> = { indexes in
                Set(indexes.map { index in
                    var index = index
                    if dialect == "postgres", index.predicate != nil { index.predicate = "…" }
                    if dialect == "sqlite" { index.includedColumns = [] }
                    return index
                })
            }
            #expect(comparable(pulled.indexes) == comparable(table.indexes))
            #expect(Set(pulled.uniqueConstraints) == Set(table.uniqueConstraints))
            #expect(Set(pulled.checkConstraints.map(\.name)) == Set(table.checkConstraints.map(\.name)))
            // PostgreSQL keeps the docs as comments; SQLite keeps none.
            #expect(pulled.comment == (dialect == "postgres" ? table.comment : nil))
            #expect(pulled.columns.map(\.comment) == table.columns.map { dialect == "postgres" ? $0.comment : nil })
            if dialect == "postgres" {
                let kinds: (Table, Schema) -> [String] = { table, schema in
                    // `string` without a length is PostgreSQL's text.
                    table.columns.map { column in
                        column.type == .string(maxLength: nil) ? "text" : schema.enumType(named: column.type.schemaName) == nil ? column.type.schemaName : "enum"
                    }
                }
                #expect(kinds(pulled, result.schema) == kinds(table, original), "PostgreSQL's types say exactly which schema type a column has (enums by their check)")
            }
        }
        }
    }

    @Test func theAssistantsHandMadeTablesKeepTheirNamesAndPullBackExactly() async throws {
        try await withRoundTrip("postgres", try fixture("assistant-handmade.postgres.sql")) { result in
        try expectGolden(result.first, "assistant-handmade.postgres.schema.yaml")
        #expect(result.first == result.second)
        #expect(result.pulled.warnings == [])
        #expect(try await schemaDrift(on: result.connection, expected: result.schema) == [])
        }
    }

    @Test func anAlembicSchemaIsPulledWithEveryGapNamed() async throws {
        try await withRoundTrip("postgres", try fixture("alembic-shaped.postgres.sql")) { result in
        try expectGolden(result.first, "alembic-shaped.postgres.schema.yaml")
        #expect(result.first.hasPrefix(SchemaFileWriter.header))
        // The pulled file creates what it says: its own database pulls back to the same file,
        // less the list of what the first database holds beyond it.
        #expect(result.second == result.first.components(separatedBy: "\n\n# Not in this file")[0] + "\n")
        let places = Set(result.pulled.warnings.map(\.place))
        for place in [
            "table \"experiments\", column \"state\"", "table \"experiments\", column \"experiment_id\"",
        ] {
            #expect(places.contains(place), "\(place) is reported")
        }
        // Those differences are what `check` reports on the adopted database, by name.
        let drift = try await schemaDrift(on: result.connection, expected: result.schema)
        // The view is in the file, typed by the catalog, with PostgreSQL's text of its query.
        #expect(result.pulled.views.map(\.name) == ["running"])
        #expect(result.schema.sqlObject(named: "running")?.tables == ["runs"])
        #expect(!drift.contains { $0.contains("view") || $0.contains("SQL object") }, "drift: \(drift)")
        // An expression index comes back without PostgreSQL's cast of the varchar column.
        #expect(result.schema.table(named: "tags")?.indexes.map(\.expressions) == [["lower(key)"]])
        // Comments are the tables' and columns' docs.
        #expect(result.schema.table(named: "experiments")?.comment == "Groups of runs")
        #expect(result.schema.table(named: "tags")?.column(named: "value")?.comment == "The tag's value")
        // NUMERIC(10, 2) is a decimal of the same precision and scale, nothing to report.
        #expect(result.schema.table(named: "experiments")?.column(named: "budget")?.type == .decimal(precision: 10, scale: 2))
        #expect(!drift.contains { $0.contains("budget") }, "\(drift)")
        #expect(!drift.contains { $0.hasPrefix("changed outside the migrations") }, "everything the file holds matches: \(drift)")
        }
    }

    @Test func aNativePostgreSQLSchemaKeepsItsIdentityKeysAndNamesTheRest() async throws {
        try await withRoundTrip("postgres", try fixture("native-postgres.postgres.sql")) { result in
        try expectGolden(result.first, "native-postgres.postgres.schema.yaml")
        #expect(result.second == result.first.components(separatedBy: "\n\n# Not in this file")[0] + "\n")
        // Identity keys are auto_increment (ALWAYS noted); an identity column that is no key stays as it is.
        #expect(result.schema.table(named: "projects")?.column(named: "id")?.isAutoIncrement == true)
        #expect(result.schema.table(named: "tickets")?.column(named: "id")?.isAutoIncrement == true)
        #expect(result.schema.table(named: "tickets")?.column(named: "number")?.isAutoIncrement == false)
        #expect(Set(result.pulled.warnings.map(\.place)) == [
            "table \"tickets\", column \"id\"", "table \"tickets\", column \"number\"", "table \"tickets\", column \"state\"",
        ])
        #expect(result.pulled.views.map(\.columns.count) == [2])
        // Partial and expression indexes and comments are in the file.
        #expect(result.schema.table(named: "tickets")?.indexes.first?.predicate == "closed_at IS NULL")
        #expect(result.schema.table(named: "projects")?.indexes.first?.expressions == ["lower(slug)"])
        #expect(result.schema.table(named: "projects")?.comment == "Projects, one per team")
        let drift = try await schemaDrift(on: result.connection, expected: result.schema)
        #expect(!drift.contains { $0.hasPrefix("changed outside the migrations") }, "everything the file holds matches: \(drift)")
        }
    }

    @Test func aSQLAlchemySQLiteSchemaIsPulledAndItsOneLossIsTheDocumentedOne() async throws {
        try await withRoundTrip("sqlite", try fixture("sqlalchemy-shaped.sqlite.sql")) { result in
        try expectGolden(result.first, "sqlalchemy-shaped.sqlite.schema.yaml")
        // The file creates STRICT tables, whose TEXT columns say less than DATETIME: a timestamp
        // without a default reads back as text. Nothing else changes.
        let second = try GeneratorPipeline.validate(source: result.second, fileName: "second.yaml").schema
        #expect(try SchemaDiff(from: result.schema, to: second).operations.map(\.summary) == ["alter column users.last_login (type timestamp → text)"])
        }
    }

    @Test func aDefaultThatDoesNotFitTheTypeItsCheckShowsIsNamedNotDropped() async throws {
        let connection = try await database("sqlite", """
            CREATE TABLE t (id INTEGER NOT NULL, at TEXT NOT NULL DEFAULT '9:30',
                CONSTRAINT pk_t PRIMARY KEY (id),
                CONSTRAINT ck_t_at_time CHECK ("at" GLOB '[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]' AND "at" < '24')) STRICT;
            """)
        let pulled = try await connection.introspect()
        await connection.close()
        let column = try #require(pulled.schema.table(named: "t")?.column(named: "at"))
        #expect(column.type == .time && column.defaultValue == nil)
        #expect(pulled.warnings.map(\.description).contains { $0.contains("column \"at\"") && $0.contains("is not a time of day") }, "\(pulled.warnings)")
    }

    @Test func aPartitionedTableIsOneTableAndItsPartitionsAreNamed() async throws {
        let connection = try await database("postgres", """
            CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, CONSTRAINT pk_events PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            """)
        let pulled = try await connection.introspect()
        await connection.close()
        #expect(pulled.schema.tables.map(\.name) == ["events"])
        #expect(pulled.schema.tables.first?.columns.map(\.name) == ["id", "at"])
        #expect(pulled.warnings.map(\.place) == ["table \"events\"", "table \"events_2026\""])
        #expect(pulled.warnings.first?.message.contains("PARTITION BY RANGE (at)") == true, "\(pulled.warnings)")
    }

    @Test(arguments: ["sqlite", "postgres"])
    func namesTheSchemaDoesNotAcceptAreReportedWithTheirFixNotRenamed(_ dialect: String) async throws {
        let connection = try await database(dialect, "CREATE TABLE \"Users\" (id INTEGER PRIMARY KEY, \"createdAt\" TEXT);")
        let pulled = try await connection.introspect()
        await connection.close()
        #expect(pulled.invalidNames.map(\.fix) == [
            "ALTER TABLE \"Users\" RENAME TO \"users\";",
            "ALTER TABLE \"Users\" RENAME COLUMN \"createdAt\" TO \"created_at\";",
        ])
        #expect(pulled.invalidNames.map(\.suggestion).sorted() == ["created_at", "users"])
        #expect(pulled.schema.tables.isEmpty)
    }

    @Test(arguments: ["sqlite", "postgres"])
    func aTableWithoutAPrimaryKeyIsLeftOutWithAWarning(_ dialect: String) async throws {
        let strict = dialect == "sqlite" ? " STRICT" : ""
        let connection = try await database(dialect, "CREATE TABLE log (message TEXT)\(strict); CREATE TABLE kept (id INTEGER NOT NULL PRIMARY KEY)\(strict);")
        let pulled = try await connection.introspect()
        await connection.close()
        #expect(pulled.schema.tables.map(\.name) == ["kept"])
        #expect(pulled.warnings.map(\.place) == ["table \"log\""])
        #expect(pulled.warnings.first?.message.hasPrefix("has no primary key, which every table in the schema has: left out of the file; ") == true)
    }
}
