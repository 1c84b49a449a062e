import StrataSchema
import Testing

@Suite struct CreateStatementsTests {
    func table(_ name: String, references: [String] = []) -> Table {
        Table(
            name: name,
            columns: [Column(name: "id", type: .int)] + references.map { Column(name: "\($0)_id", type: .int, isNullable: true) },
            primaryKey: PrimaryKey(name: "pk_\(name)", columns: ["id"]),
            foreignKeys: references.map {
                ForeignKey(name: "fk_\(name)_\($0)", columns: ["\($0)_id"], referencedTable: $0, referencedColumns: ["id"])
            },
            indexes: [Index(name: "ix_\(name)", columns: ["id"])]
        )
    }

    func createdTables(_ statements: [SchemaStatement]) -> [String] {
        statements.compactMap {
            if case .createTable(let table, _) = $0 { return table.name }
            return nil
        }
    }

    @Test func parentsComeBeforeChildrenAndFileOrderIsKeptOtherwise() {
        let schema = Schema(tables: [table("child", references: ["parent"]), table("other"), table("parent"), table("self_ref", references: ["self_ref"])])
        let statements = schema.createStatements()
        #expect(createdTables(statements) == ["other", "parent", "child", "self_ref"])
        #expect(statements.count == 8, "each table followed by its index")
        if case .createIndex(let table, let index) = statements[1] {
            #expect(table == "other" && index.name == "ix_other")
        } else {
            Issue.record("expected the index of `other` right after it")
        }
    }

    @Test func aCycleIsBrokenWithADeferredForeignKey() {
        let schema = Schema(tables: [table("a", references: ["b"]), table("b", references: ["a"])])
        let statements = schema.createStatements()
        #expect(createdTables(statements) == ["a", "b"])
        guard case .createTable(_, let deferred) = statements[0], case .addForeignKey(let owner, let key) = statements.last else {
            Issue.record("expected a deferred foreign key at the end")
            return
        }
        #expect(deferred == ["fk_a_b"])
        #expect(owner == "a" && key.name == "fk_a_b")
        let postgres = PostgreSQLDialect().render(statements[0], in: schema)
        #expect(!postgres.contains("fk_a_b"), "PostgreSQL creates the deferred key later")
        #expect(PostgreSQLDialect().render(statements.last!, in: schema) == #"ALTER TABLE "a" ADD CONSTRAINT "fk_a_b" FOREIGN KEY ("b_id") REFERENCES "b" ("id");"#)
        #expect(SQLiteDialect().render(statements[0], in: schema).contains(#"CONSTRAINT "fk_a_b" FOREIGN KEY"#), "SQLite keeps it inline")
    }
}
