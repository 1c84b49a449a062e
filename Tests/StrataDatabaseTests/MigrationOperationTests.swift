import StrataSchema
import Testing

/// Each case runs upgrade → downgrade → upgrade on SQLite and PostgreSQL with rows present; after
/// every step the catalog equals a fresh database made from that revision's IR, and the rows are
/// checked.
@Suite struct MigrationOperationTests {
    static let owners = """
        tables:
          owners:
            columns:
              id: {type: int, primary_key: true}
              name: {type: string, max_length: 50}

        """
    static let seedOwners = "INSERT INTO \"owners\" (\"id\", \"name\") VALUES (1, 'Ada'), (2, 'Grace');"

    static let cases: [MigrationCase] = [
        MigrationCase(
            name: "an enum column gets a storage length (varchar(n) on PostgreSQL) and keeps its values",
            before: """
                enums:
                  level: [low, high]
                tables:
                  owners:
                    columns:
                      id: {type: int, primary_key: true}
                      level: {type: level}

                """,
            after: """
                enums:
                  level: [low, high]
                tables:
                  owners:
                    columns:
                      id: {type: int, primary_key: true}
                      level: {type: level, max_length: 4}

                """,
            seed: "INSERT INTO \"owners\" (\"id\", \"level\") VALUES (1, 'low'), (2, 'high');",
            afterUpgrade: [("SELECT \"level\" FROM \"owners\" ORDER BY \"id\"", [["low"], ["high"]])],
            afterDowngrade: [("SELECT \"level\" FROM \"owners\" ORDER BY \"id\"", [["low"], ["high"]])]
        ),
        MigrationCase(
            name: "a view over a column whose type changes is dropped and created again around the change",
            before: owners + """
                views:
                  owner_names:
                    columns: {id: int, name: {type: string, max_length: 50}}
                    query: "SELECT id, upper(name) FROM owners"

                """,
            after: """
                tables:
                  owners:
                    columns:
                      id: {type: int, primary_key: true}
                      name: {type: string, max_length: 200}
                views:
                  owner_names:
                    columns: {id: int, name: {type: string, max_length: 200}}
                    query: "SELECT id, upper(name) FROM owners"

                """,
            seed: seedOwners,
            afterUpgrade: [("SELECT \"id\", \"name\" FROM \"owner_names\" ORDER BY \"id\"", [["1", "ADA"], ["2", "GRACE"]])],
            afterDowngrade: [("SELECT \"id\", \"name\" FROM \"owner_names\" ORDER BY \"id\"", [["1", "ADA"], ["2", "GRACE"]])]
        ),
        MigrationCase(
            name: "parent and child tables with PK, FK and CHECK created in one migration",
            before: owners,
            after: owners + """
                  projects:
                    columns:
                      id: {type: int, primary_key: true}
                      owner_id: {type: int, references: owners.id, on_delete: cascade, index: true}
                      budget: {type: int, check: "budget >= 0"}
                  tasks:
                    columns:
                      id: {type: int, primary_key: true}
                      project_id: {type: int, references: projects.id}

                """,
            seed: seedOwners,
            afterUpgrade: [("SELECT count(*) FROM \"owners\"", [["2"]]), ("SELECT count(*) FROM \"projects\"", [["0"]])],
            afterDowngrade: [("SELECT \"name\" FROM \"owners\" ORDER BY \"id\"", [["Ada"], ["Grace"]])]
        ),
        MigrationCase(
            name: "columns added in order: nullable, NOT NULL with default, with a CHECK",
            before: owners,
            after: """
                enums:
                  level: [low, high]
                tables:
                  owners:
                    columns:
                      id: {type: int, primary_key: true}
                      name: {type: string, max_length: 50}
                      nickname: {type: text, nullable: true}
                      score: {type: int, default: 7}
                      level: {type: level, default: low}
                      active: {type: bool, default: true}

                """,
            seed: seedOwners,
            afterUpgrade: [("SELECT \"id\", \"name\", \"nickname\", \"score\", \"level\" FROM \"owners\" ORDER BY \"id\"", [["1", "Ada", nil, "7", "low"], ["2", "Grace", nil, "7", "low"]])],
            afterDowngrade: [("SELECT \"id\", \"name\" FROM \"owners\" ORDER BY \"id\"", [["1", "Ada"], ["2", "Grace"]])]
        ),
        MigrationCase(
            name: "column made nullable, default changed, varchar length widened",
            before: "tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: string, max_length: 10, default: x}\n",
            after: "tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: string, max_length: 40, nullable: true, default: y}\n",
            seed: "INSERT INTO \"notes\" (\"id\", \"body\") VALUES (1, 'kept');",
            afterUpgrade: [("SELECT \"body\" FROM \"notes\"", [["kept"]])],
            afterDowngrade: [("SELECT \"body\" FROM \"notes\"", [["kept"]])]
        ),
        MigrationCase(
            name: "type change: string to int with convertible data, int values beyond 32 bits kept",
            before: "tables:\n  counters:\n    columns:\n      id: {type: int, primary_key: true}\n      amount: {type: string}\n      big: {type: int}\n",
            after: "tables:\n  counters:\n    columns:\n      id: {type: int, primary_key: true}\n      amount: {type: int}\n      big: {type: double}\n",
            seed: "INSERT INTO \"counters\" (\"id\", \"amount\", \"big\") VALUES (1, '42', 4000000000), (2, '-7', 1);",
            afterUpgrade: [("SELECT \"amount\" + 1 FROM \"counters\" ORDER BY \"id\"", [["43"], ["-6"]]), ("SELECT count(*) FROM \"counters\" WHERE \"big\" = 4000000000", [["1"]])],
            afterDowngrade: [("SELECT \"amount\" FROM \"counters\" ORDER BY \"id\"", [["42"], ["-7"]])]
        ),
        MigrationCase(
            name: "indexes: added, dropped, composite, and an index that becomes unique",
            before: "tables:\n  people:\n    columns:\n      id: {type: int, primary_key: true}\n      email: {type: text, index: true}\n      first: text\n      last: {type: text, index: true}\n",
            after: "tables:\n  people:\n    columns:\n      id: {type: int, primary_key: true}\n      email: {type: text}\n      first: text\n      last: text\n    indexes:\n      - {columns: [email], unique: true, name: ix_people_email}\n      - {columns: [last, first]}\n    unique:\n      - [first, last]\n",
            seed: "INSERT INTO \"people\" (\"id\", \"email\", \"first\", \"last\") VALUES (1, 'a@x', 'Ada', 'Lovelace'), (2, 'g@x', 'Grace', 'Hopper');",
            afterUpgrade: [("SELECT count(*) FROM \"people\"", [["2"]])],
            afterDowngrade: [("SELECT \"email\" FROM \"people\" ORDER BY \"id\"", [["a@x"], ["g@x"]])]
        ),
        MigrationCase(
            name: "foreign key added, then given ON DELETE CASCADE",
            before: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int}\n",
            after: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id, on_delete: cascade}\n",
            seed: seedOwners + "INSERT INTO \"pets\" (\"id\", \"owner_id\") VALUES (10, 1), (11, 2);",
            afterUpgrade: [("SELECT \"owner_id\" FROM \"pets\" ORDER BY \"id\"", [["1"], ["2"]])],
            afterDowngrade: [("SELECT count(*) FROM \"pets\"", [["2"]])]
        ),
        MigrationCase(
            name: "declared renames of a column and a table keep the data",
            before: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id}\n      label: {type: string, max_length: 20}\n",
            after: owners + "  animals:\n    renamed_from: pets\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id}\n      title: {type: string, max_length: 20, renamed_from: label}\n",
            seed: seedOwners + "INSERT INTO \"pets\" (\"id\", \"owner_id\", \"label\") VALUES (10, 1, 'Rex');",
            afterUpgrade: [("SELECT \"id\", \"owner_id\", \"title\" FROM \"animals\"", [["10", "1", "Rex"]])],
            afterDowngrade: [("SELECT \"id\", \"owner_id\", \"label\" FROM \"pets\"", [["10", "1", "Rex"]])]
        ),
        MigrationCase(
            name: "declared rename of a table that other tables reference (their keys follow it)",
            before: "enums:\n  kind: [a, b]\ntables:\n  owners:\n    columns:\n      id: {type: int, primary_key: true}\n      kind: {type: kind, default: a}\n      boss_id: {type: int, nullable: true, references: owners.id}\n  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id, on_delete: cascade}\n",
            after: "enums:\n  kind: [a, b]\ntables:\n  people:\n    renamed_from: owners\n    columns:\n      id: {type: int, primary_key: true}\n      kind: {type: kind, default: a}\n      boss_id: {type: int, nullable: true, references: people.id}\n  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: people.id, on_delete: cascade}\n",
            seed: "INSERT INTO \"owners\" (\"id\", \"kind\", \"boss_id\") VALUES (1, 'a', NULL), (2, 'b', 1); INSERT INTO \"pets\" (\"id\", \"owner_id\") VALUES (10, 2);",
            afterUpgrade: [("SELECT \"id\", \"kind\", \"boss_id\" FROM \"people\" ORDER BY \"id\"", [["1", "a", nil], ["2", "b", "1"]]), ("SELECT \"owner_id\" FROM \"pets\"", [["2"]])],
            afterDowngrade: [("SELECT \"id\", \"boss_id\" FROM \"owners\" ORDER BY \"id\"", [["1", nil], ["2", "1"]])]
        ),
        MigrationCase(
            name: "a column with an index and a foreign key is dropped",
            before: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, nullable: true, references: owners.id, index: true}\n      name: text\n",
            after: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      name: text\n",
            seed: seedOwners + "INSERT INTO \"pets\" (\"id\", \"owner_id\", \"name\") VALUES (10, 1, 'Rex');",
            afterUpgrade: [("SELECT \"id\", \"name\" FROM \"pets\"", [["10", "Rex"]])],
            afterDowngrade: [("SELECT \"id\", \"owner_id\", \"name\" FROM \"pets\"", [["10", nil, "Rex"]])]
        ),
        MigrationCase(
            name: "rebuild of a table that others reference, and of a self-referencing table",
            before: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id, on_delete: cascade}\n      parent_id: {type: int, nullable: true, references: pets.id}\n",
            after: "tables:\n  owners:\n    columns:\n      id: {type: int, primary_key: true}\n      name: {type: string, max_length: 80}\n      rank: {type: int, default: 0, check: \"rank >= 0\"}\n  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id, on_delete: cascade}\n      parent_id: {type: int, nullable: true, references: pets.id}\n      weight: {type: double, default: 1.5}\n",
            seed: seedOwners + "INSERT INTO \"pets\" (\"id\", \"owner_id\", \"parent_id\") VALUES (10, 1, NULL), (11, 1, 10), (12, 2, 11);",
            afterUpgrade: [
                ("SELECT \"id\", \"owner_id\", \"parent_id\" FROM \"pets\" ORDER BY \"id\"", [["10", "1", nil], ["11", "1", "10"], ["12", "2", "11"]]),
                ("SELECT \"name\", \"rank\" FROM \"owners\" ORDER BY \"id\"", [["Ada", "0"], ["Grace", "0"]]),
            ],
            afterDowngrade: [("SELECT count(*) FROM \"pets\"", [["3"]])]
        ),
        MigrationCase(
            name: "enum value added and an unused one removed",
            before: "enums:\n  status: [new, old, done]\ntables:\n  jobs:\n    columns:\n      id: {type: int, primary_key: true}\n      status: {type: status, default: new}\n",
            after: "enums:\n  status: [new, done, archived]\ntables:\n  jobs:\n    columns:\n      id: {type: int, primary_key: true}\n      status: {type: status, default: new}\n",
            seed: "INSERT INTO \"jobs\" (\"id\", \"status\") VALUES (1, 'new'), (2, 'done');",
            afterUpgrade: [("SELECT \"status\" FROM \"jobs\" ORDER BY \"id\"", [["new"], ["done"]])],
            afterDowngrade: [("SELECT \"status\" FROM \"jobs\" ORDER BY \"id\"", [["new"], ["done"]])]
        ),
        MigrationCase(
            name: "enum value renamed (declared): rows follow both ways",
            before: "enums:\n  tier: [observe, propose, auto]\ntables:\n  patterns:\n    columns:\n      id: {type: int, primary_key: true}\n      tier: {type: tier, default: observe}\n",
            after: "enums:\n  tier: [observe, {value: suggest, renamed_from: propose}, auto]\ntables:\n  patterns:\n    columns:\n      id: {type: int, primary_key: true}\n      tier: {type: tier, default: observe}\n",
            seed: "INSERT INTO \"patterns\" (\"id\", \"tier\") VALUES (1, 'propose'), (2, 'auto'), (3, 'propose');",
            afterUpgrade: [("SELECT \"tier\" FROM \"patterns\" ORDER BY \"id\"", [["suggest"], ["auto"], ["suggest"]])],
            afterDowngrade: [("SELECT \"tier\" FROM \"patterns\" ORDER BY \"id\"", [["propose"], ["auto"], ["propose"]])]
        ),
        MigrationCase(
            name: "existing foreign key given ON DELETE CASCADE",
            before: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id}\n",
            after: owners + "  pets:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id, on_delete: cascade}\n",
            seed: seedOwners + "INSERT INTO \"pets\" (\"id\", \"owner_id\") VALUES (10, 1), (11, 2);",
            afterUpgrade: [("SELECT \"owner_id\" FROM \"pets\" ORDER BY \"id\"", [["1"], ["2"]])],
            afterDowngrade: [("SELECT \"owner_id\" FROM \"pets\" ORDER BY \"id\"", [["1"], ["2"]])]
        ),
        MigrationCase(
            name: "table dropped with its rows, restored empty on downgrade",
            before: owners + "  logs:\n    columns:\n      id: {type: int, primary_key: true}\n      owner_id: {type: int, references: owners.id}\n",
            after: owners,
            seed: seedOwners + "INSERT INTO \"logs\" (\"id\", \"owner_id\") VALUES (1, 1);",
            afterUpgrade: [("SELECT count(*) FROM \"owners\"", [["2"]])],
            afterDowngrade: [("SELECT count(*) FROM \"logs\"", [["0"]])]
        ),
    ]

    @Test(arguments: cases, ["sqlite", "postgres"])
    func stairway(_ testCase: MigrationCase, _ dialect: String) async throws {
        try await runStairway(testCase, dialect: dialect)
    }

    @Test(arguments: ["sqlite", "postgres"])
    func aFailingMigrationLeavesTheDatabaseAsItWas(_ dialect: String) async throws {
        let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
        let before = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: text, nullable: true}\n      tag: {type: text, nullable: true}\n")
        let after = try schemaIR("tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n      body: {type: text, index: true}\n      extra: {type: int, default: 1}\n")
        try createFresh(before, on: database)
        try database.execute("INSERT INTO \"notes\" (\"id\", \"body\", \"tag\") VALUES (1, 'x', 'a'), (2, NULL, 'b');")
        let original = try await fingerprint(database)
        let diff = try SchemaDiff(from: before, to: after)
        #expect(diff.operations.map(\.dataLoss).contains(.needsBackfill), "NOT NULL on a nullable column needs a backfill")
        let upgrade = try database.dialect.render(diff.operations, from: before)
        #expect(throws: (any Error).self) { try runMigration(upgrade.operations.flatMap(\.statements), on: database) }
        #expect(try await fingerprint(database) == original, "schema unchanged")
        #expect(try database.rows("SELECT \"id\", \"body\", \"tag\" FROM \"notes\" ORDER BY \"id\"") == [["1", "x", "a"], ["2", nil, "b"]], "rows unchanged")
    }
}
