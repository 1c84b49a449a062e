import Foundation
import StrataSchema
import Testing

/// The exact plan (steps, locks, placement, SQL) of every migration operation on both dialects,
/// lock-aware and plain, pinned by golden files in Tests/Fixtures/Plans.
@Suite struct MigrationPlanTests {
    static let base = """
        enums:
          status: {values: [active, paused]}
        tables:
          teams:
            columns:
              id: {type: int, primary_key: true}
              name: {type: string, max_length: 50}
          members:
            columns:
              id: {type: int, primary_key: true}
              team_id: {type: int, nullable: true}
              email: {type: string, max_length: 100, nullable: true}
              status: {type: status, default: active}
              score: {type: int, nullable: true}
              note: {type: text, nullable: true}
              profile: {type: json, nullable: true}
            indexes:
              - {columns: [score], name: ix_members_score}
            unique:
              - {columns: [email], name: uq_members_email}
            checks:
              - {expression: "score >= 0", name: ck_members_score}
            foreign_keys:
              - {columns: [team_id], references: {table: teams, columns: [id]}, name: fk_members_team}

        """

    /// Every kind of operation, each applied to the base schema.
    static func operations(_ base: Schema) throws -> [(String, MigrationOperation)] {
        let members = try #require(base.table(named: "members"))
        let teams = try #require(base.table(named: "teams"))
        let email = try #require(members.column(named: "email"))
        let score = try #require(members.column(named: "score"))
        let status = try #require(base.enumType(named: "status"))
        var requiredEmail = email
        requiredEmail.isNullable = false
        var widerEmail = email
        widerEmail.type = .string(maxLength: 200)
        let profile = try #require(members.column(named: "profile"))
        var textualProfile = profile
        textualProfile.type = .textualJSON
        var computedNote = try #require(members.column(named: "note"))
        let note = computedNote
        computedNote.defaultValue = .sql(SQLExpressionDefault(sqlite: "'n' || abs(random() % 10)", postgres: "'n' || floor(random() * 10)::int"))
        var documentedEmail = email
        documentedEmail.comment = "Where to write; NULL until given."
        var textScore = score
        textScore.type = .text
        var extended = status
        extended.values.append("archived")
        var newTable = teams
        newTable.name = "projects"
        return [
            ("create table", .createTable(newTable)),
            ("drop table", .dropTable(teams)),
            ("rename table", .renameTable(from: "members", to: "people")),
            ("add column", .addColumn(table: "members", column: Column(name: "nickname", type: .text, isNullable: true))),
            ("add enum column", .addColumn(table: "members", column: Column(name: "level", type: .enumeration("status"), isNullable: false, defaultValue: .literal(.string("active"))))),
            ("add column with a volatile default", .addColumn(table: "members", column: Column(name: "token", type: .uuid, isNullable: false, defaultValue: .uuid))),
            ("drop column", .dropColumn(table: "members", column: try #require(members.column(named: "note")))),
            ("rename column", .renameColumn(table: "members", from: "status", to: "state")),
            ("set not null", .alterColumn(table: "members", from: email, to: requiredEmail)),
            ("drop not null", .alterColumn(table: "members", from: requiredEmail, to: email)),
            ("widen varchar", .alterColumn(table: "members", from: email, to: widerEmail)),
            ("change type", .alterColumn(table: "members", from: score, to: textScore)),
            ("keep json as written (postgres_type: json)", .alterColumn(table: "members", from: profile, to: textualProfile)),
            ("document a column (doc: → comment)", .alterColumn(table: "members", from: email, to: documentedEmail)),
            ("document a table", .alterTableComment(table: "members", from: nil, to: "People on a team; it's their email.")),
            ("set an SQL default, one per dialect", .alterColumn(table: "members", from: note, to: computedNote)),
            ("alter primary key", .alterPrimaryKey(table: "teams", from: teams.primaryKey, to: PrimaryKey(name: "teams_pk", columns: ["id", "name"]))),
            ("create index", .createIndex(table: "members", index: Index(name: "ix_members_email", columns: ["email"], isUnique: false))),
            ("create unique partial index", .createIndex(table: "members", index: Index(name: "ux_members_score", columns: ["score"], isUnique: true, predicate: "score > 0"))),
            ("create index with a descending column and an included one", .createIndex(table: "members", index: Index(name: "ix_members_score_email", columns: ["score", "email"], descendingColumns: ["score"], includedColumns: ["note"]))),
            ("create unique expression index", .createIndex(table: "members", index: Index(name: "ux_members_email_folded", columns: [], isUnique: true, expressions: ["lower(email)"]))),
            ("drop index", .dropIndex(table: "members", index: members.indexes[0])),
            ("add unique", .addUnique(table: "members", constraint: UniqueConstraint(name: "uq_members_score", columns: ["score"]))),
            ("drop unique", .dropUnique(table: "members", constraint: members.uniqueConstraints[0])),
            ("add check", .addCheck(table: "members", constraint: CheckConstraint(name: "ck_members_small", expression: "score < 100"))),
            ("drop check", .dropCheck(table: "members", constraint: members.checkConstraints[0])),
            ("add foreign key", .addForeignKey(table: "members", key: members.foreignKeys[0].renamed("fk_members_team_2"))),
            ("drop foreign key", .dropForeignKey(table: "members", key: members.foreignKeys[0])),
            ("add enum value", .alterEnum(from: status, to: extended, renamedValues: [])),
            ("hand-written SQL outside a transaction", .sql(RawSQL(upgrade: ["postgres": "VACUUM \"members\";", "sqlite": "VACUUM;"], downgrade: [:], description: "vacuum"))),
        ]
    }

    /// The plan of each operation, as text: its units and each statement's label and SQL.
    static func plans(_ dialect: any DatabaseDialect, _ locking: MigrationLocking) throws -> String {
        let base = try schemaIR(Self.base)
        var text = "# \(dialect.name), \(locking.rawValue): each operation applied to the base schema of MigrationPlanTests\n"
        for (name, operation) in try operations(base) {
            let plan = try dialect.plan([operation], from: base, locking: locking).plan
            text += "\n## \(name): \(operation.summary)\n"
            for (index, unit) in plan.units.enumerated() {
                text += "unit \(index + 1) of \(plan.units.count), \(unit.isTransaction ? "transaction" : "outside a transaction")\n"
                for item in unit.items {
                    if case .rebuild(let rebuild) = item.step { text += "  rebuild \(rebuild.table)\n" }
                    for statement in item.step.statements {
                        text += "  -- \(statement.label)\n  \(statement.sql.replacingOccurrences(of: "\n", with: "\n  "))\n"
                        if let precheck = statement.precheck { text += "  -- checked first: \(precheck)\n" }
                    }
                }
            }
        }
        return text
    }

    @Test(arguments: [("postgres", MigrationLocking.lockAware), ("postgres", .plain), ("sqlite", .lockAware)])
    func everyOperationHasItsExactPlan(_ dialectName: String, _ locking: MigrationLocking) throws {
        let dialect: any DatabaseDialect = dialectName == "sqlite" ? SQLiteDialect() : PostgreSQLDialect()
        let actual = try Self.plans(dialect, locking)
        let name = "\(dialectName)-\(locking.rawValue).txt"
        let golden = packageRoot.appendingPathComponent("Tests/Fixtures/Plans/\(name)")
        let expected = try? String(contentsOf: golden, encoding: .utf8)
        if expected != actual {
            try actual.write(toFile: "/tmp/\(name)", atomically: true, encoding: .utf8)
        }
        #expect(expected == actual, "the plan changed: compare /tmp/\(name) with Tests/Fixtures/Plans/\(name), and copy it there if the change is intended")
    }

    @Test func sqlitePlansAreTheSameWhateverTheLocking() throws {
        // Everything after the first line, which names the locking.
        func body(_ text: String) -> Substring { text.drop { $0 != "\n" } }
        #expect(try body(Self.plans(SQLiteDialect(), .lockAware)) == body(Self.plans(SQLiteDialect(), .plain)))
    }

    @Test func lockAwarePostgreSQLNeverBlocksWritesForTheTableSize() throws {
        let base = try schemaIR(Self.base)
        for (name, operation) in try Self.operations(base) {
            let plan = try PostgreSQLDialect().plan([operation], from: base, locking: .lockAware).plan
            let blocking = plan.statements.filter(\.blocksForTableSize)
            // Three operations have no lock-aware form: type changes that rewrite the table, and
            // a volatile default evaluated for every row. `lint` reports them.
            let expected = ["change type", "keep json as written (postgres_type: json)", "add column with a volatile default"].contains(name)
            #expect(blocking.isEmpty != expected, "\(name): \(blocking.map(\.sql))")
        }
    }

    @Test func aHandWrittenScriptIsSplitIntoStepsWhenPlanned() throws {
        let raw = RawSQL(
            upgrade: ["postgres": "UPDATE members SET score = 0 WHERE score IS NULL; CREATE INDEX CONCURRENTLY ix_a ON members (score); SELECT ';';"],
            downgrade: [:], description: "backfill and index")
        let plan = try PostgreSQLDialect().plan([.sql(raw)], from: try schemaIR(Self.base), locking: .lockAware).plan
        #expect(plan.units.map(\.isTransaction) == [true, false, true])
        #expect(plan.statements.map(\.sql) == ["UPDATE members SET score = 0 WHERE score IS NULL;", "CREATE INDEX CONCURRENTLY ix_a ON members (score);", "SELECT ';';"])
        #expect(plan.statements.allSatisfy { $0.purpose == .handWritten && $0.lock == .unknown })
    }

    @Test func tablesCreatedInTheMigrationUsePlainDDL() throws {
        let base = try schemaIR(Self.base)
        let teams = try #require(base.table(named: "teams"))
        var projects = teams
        projects.name = "projects"
        let plan = try PostgreSQLDialect().plan([
            .createTable(projects),
            .createIndex(table: "projects", index: Index(name: "ix_projects_name", columns: ["name"], isUnique: false)),
            .addCheck(table: "projects", constraint: CheckConstraint(name: "ck_projects_name", expression: "name <> ''")),
        ], from: base, locking: .lockAware).plan
        #expect(plan.units.count == 1, "one transaction: the new table is empty to everyone else")
        #expect(plan.statements.map(\.sql).allSatisfy { !$0.contains("CONCURRENTLY") && !$0.contains("NOT VALID") })
    }
}

extension ForeignKey {
    func renamed(_ name: String) -> ForeignKey {
        var key = self
        key.name = name
        return key
    }
}
