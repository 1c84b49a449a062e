@testable import StrataSchema
import Testing

/// The pure parts of reading a catalog back into the IR: what PostgreSQL stores for a check or
/// a default, what SQLite's CREATE TABLE text holds, and how declared types map.
@Suite struct CatalogReadingTests {
    @Test(arguments: [
        ("CHECK ((frequency_count >= 0))", "frequency_count >= 0"),
        ("CHECK (((confidence_score >= (0)::double precision) AND (confidence_score <= (1)::double precision)))", "(confidence_score >= 0) AND (confidence_score <= 1)"),
        ("CHECK ((x > '-1'::integer))", "x > -1"),
        ("CHECK (((name)::text <> ''::text))", "name <> ''"),
        ("CHECK ((lower((name)::text) <> 'x'::text))", "lower(name) <> 'x'"),
        ("CHECK ((note <> 'it''s'::text))", "note <> 'it''s'"),
    ])
    func postgresChecksLoseTheCastsOfTheirLiterals(_ definition: String, _ expected: String) throws {
        let body = try #require(PostgreSQLCatalog.checkBody(definition))
        #expect(PostgreSQLCatalog.withoutLiteralCasts(body) == expected)
    }

    @Test func aCheckWithASuffixOtherThanNotValidIsNotRead() {
        #expect(PostgreSQLCatalog.checkBody("CHECK ((a > 0)) NO INHERIT") == nil)
        #expect(PostgreSQLCatalog.checkBody("CHECK ((a > 0)) NOT VALID") == "a > 0")
    }

    @Test func postgresInListsAreRecognisedInEveryFormItStoresThem() {
        #expect(PostgreSQLCatalog.anyArrayValues("(status = ANY (ARRAY['a'::text, 'b''c'::text]))", column: "status") == ["a", "b'c"])
        #expect(PostgreSQLCatalog.anyArrayValues("((stage)::text = ANY ((ARRAY['active'::character varying, 'deleted'::character varying])::text[]))", column: "stage") == ["active", "deleted"])
        #expect(PostgreSQLCatalog.anyArrayValues("(status = ANY (ARRAY['a'::text, 'b'::text])) OR status IS NULL", column: "status") == nil)
        #expect(PostgreSQLCatalog.anyArrayValues("(other = ANY (ARRAY['a'::text]))", column: "status") == nil)
    }

    @Test func postgresDefaultsMapToTheSchemasOrAreReported() {
        #expect(PostgreSQLCatalog.defaultValue("'pending'::text", type: .text).0 == .literal(.string("pending")))
        #expect(PostgreSQLCatalog.defaultValue("'it''s'::character varying", type: .string(maxLength: 9)).0 == .literal(.string("it's")))
        #expect(PostgreSQLCatalog.defaultValue("'-1'::integer", type: .int).0 == .literal(.int(-1)))
        #expect(PostgreSQLCatalog.defaultValue("0.5", type: .double).0 == .literal(.double(0.5)))
        #expect(PostgreSQLCatalog.defaultValue("now()", type: .timestamp).0 == .now)
        #expect(PostgreSQLCatalog.defaultValue("CURRENT_DATE", type: .date).0 == .now)
        #expect(PostgreSQLCatalog.defaultValue("CURRENT_DATE", type: .date).1 != nil, "the session's date is not the UTC date Strata writes")
        #expect(PostgreSQLCatalog.defaultValue("((now() AT TIME ZONE 'UTC'::text))::date", type: .date) == (.now, nil))
        #expect(PostgreSQLCatalog.defaultValue("gen_random_uuid()", type: .uuid).0 == .uuid)
        #expect(PostgreSQLCatalog.defaultValue("'{\"a\": 1}'::jsonb", type: .json).0 == .literal(.json("{\"a\": 1}")))
        let serial = PostgreSQLCatalog.defaultValue("nextval('t_id_seq'::regclass)", type: .int)
        #expect(serial.0 == nil)
        #expect(serial.1?.contains("nextval('t_id_seq'::regclass)") == true)
    }

    @Test(arguments: [
        ("bigint", ColumnType.int, false), ("character varying(36)", .string(maxLength: 36), false), ("timestamp with time zone", .timestamp, false),
        ("jsonb", .json, false), ("integer", .int32, false), ("smallint", .int16, false), ("real", .float, false), ("time(3) without time zone", .time, false), ("time without time zone", .time, true), ("numeric(10,2)", .decimal(precision: 10, scale: 2), false), ("numeric(38,0)", .decimal(precision: 38, scale: 0), false), ("json", .textualJSON, false), ("character(2)", .string(maxLength: 2), true),
    ])
    func postgresTypesMapBackNotingTheOnesThatWiden(_ formatted: String, _ type: ColumnType, _ noted: Bool) throws {
        let mapped = try #require(PostgreSQLCatalog.columnType(formatted))
        #expect(mapped.type == type)
        #expect((mapped.note != nil) == noted)
    }

    @Test func postgresTypesTheSchemaCannotExpressAreNotGuessed() {
        #expect(PostgreSQLCatalog.columnType("numeric") == nil, "numeric without a precision holds more than Decimal")
        #expect(PostgreSQLCatalog.columnType("numeric(39,2)") == nil, "more digits than Decimal holds")
        #expect(PostgreSQLCatalog.columnType("interval") == nil)
        #expect(PostgreSQLCatalog.columnType("text[]") == nil)
    }

    @Test func sqliteTableTextGivesConstraintNamesAndChecks() {
        let definition = SQLiteTableDefinition(sql: #"""
            CREATE TABLE "t" (
                "id" INTEGER NOT NULL, -- a comment (with a parenthesis
                qty INTEGER CHECK (qty > 0) CONSTRAINT "named ""col""" CHECK (qty < 10),
                owner INTEGER CONSTRAINT fk_owner REFERENCES users (id),
                note TEXT DEFAULT 'a, (b' CHECK (note <> ')'),
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT uq_t_note UNIQUE (note, qty),
                CHECK (qty <> 5),
                CONSTRAINT "fk_pair" FOREIGN KEY ("owner", qty) REFERENCES other (a, b)
            ) WITHOUT ROWID
            """#)
        #expect(definition.isWithoutRowID)
        #expect(definition.checks.map(\.expression) == ["qty > 0", "qty < 10", "note <> ')'", "qty <> 5"])
        #expect(definition.checks.map(\.name) == [nil, "named \"col\"", nil, nil])
        #expect(definition.checks.map(\.column) == ["qty", "qty", "note", nil])
        #expect(definition.name(of: "PRIMARY KEY", columns: ["id"]) == "pk_t")
        #expect(definition.name(of: "UNIQUE", columns: ["note", "qty"]) == "uq_t_note")
        #expect(definition.name(of: "FOREIGN KEY", columns: ["owner"]) == "fk_owner")
        #expect(definition.name(of: "FOREIGN KEY", columns: ["owner", "qty"]) == "fk_pair")
    }

    @Test func theConditionOfAPartialIndexIsReadFromItsStatement() {
        #expect(SQLiteCatalog.indexCondition(#"CREATE UNIQUE INDEX "w" ON "t" ("a") WHERE flag AND "where" IS NOT NULL"#) == #"flag AND "where" IS NOT NULL"#)
        #expect(SQLiteCatalog.indexCondition("CREATE INDEX nowhere ON t (a) where (b = 'WHERE x')") == "(b = 'WHERE x')")
        #expect(SQLiteCatalog.indexCondition("CREATE INDEX i ON t (somewhere)") == nil)
        #expect(PostgreSQLCatalog.withoutLiteralCasts("((status)::text = 'RUNNING'::text)") == "(status = 'RUNNING')")
    }

    @Test func sqliteDeclaredTypesOfTablesThatAreNotStrict() {
        #expect(SQLiteCatalog.columnType("VARCHAR(36)", strict: false)?.0 == .string(maxLength: 36))
        #expect(SQLiteCatalog.columnType("DATETIME", strict: false)?.0 == .timestamp)
        #expect(SQLiteCatalog.columnType("BOOLEAN", strict: false)?.0 == .bool)
        #expect(SQLiteCatalog.columnType("NUMERIC(10, 2)", strict: false) == nil)
        #expect(SQLiteCatalog.columnType("", strict: false) == nil)
        #expect(SQLiteCatalog.columnType("TEXT", strict: true)?.0 == .text)
        #expect(SQLiteCatalog.columnType("ANY", strict: true) == nil)
    }

    @Test func sqliteDefaultsOfStrataShowTheColumnsType() {
        let uuid = SQLiteCatalog.defaultValue("(\(SQLiteDialect.randomUUIDExpression))", type: .text)
        #expect(uuid.0 == .uuid && uuid.1 == .uuid)
        let now = SQLiteCatalog.defaultValue("(\(SQLiteDialect.currentTimestampExpression))", type: .text)
        #expect(now.0 == .now && now.1 == .timestamp)
        #expect(SQLiteCatalog.defaultValue("'it''s'", type: .text).0 == .literal(.string("it's")))
        #expect(SQLiteCatalog.defaultValue("TRUE", type: .bool).0 == .literal(.bool(true)))
        // Any other expression without columns is a SQLite SQL default; a column reference is not.
        #expect(SQLiteCatalog.defaultValue("random()", type: .int).0 == .sql(SQLExpressionDefault(sqlite: "random()", postgres: nil)))
        #expect(SQLiteCatalog.defaultValue("other_column", type: .int).0 == nil)
    }

    @Test func enumsAreInferredFromINChecksUnderTheNamesTheyHave() {
        var assembly = CatalogAssembly(dialect: SQLiteDialect())
        // Any name the schema accepts (kept as check_name by the readers); others stay checks.
        #expect(assembly.enumeration(table: "t", column: "state", values: ["a", "b"], checkName: "T-State") == nil)
        let name1 = assembly.enumeration(table: "t", column: "state", values: ["a", "b", "c"], checkName: "t_state_check")
        #expect(name1 == "state")
        let name2 = assembly.enumeration(table: "t", column: "state", values: ["a\u{7}", "b"], checkName: "ck_t_state_enum")
        #expect(name2 == nil)
        let name3 = assembly.enumeration(table: "t", column: "state", values: ["a", "b"], checkName: "ck_t_state_enum")
        #expect(name3 == "t_state", "another enum of the same column name gets the table's name too")
        let name4 = assembly.enumeration(table: "u", column: "state", values: ["a", "b"], checkName: "ck_u_state_enum")
        #expect(name4 == "t_state", "the same values share one enum")
        let name5 = assembly.enumeration(table: "u", column: "mode", values: ["x"], checkName: "ck_u_mode_enum")
        #expect(name5 == "mode")
        let name6 = assembly.enumeration(table: "v", column: "state", values: ["c"], checkName: "ck_v_state_enum")
        #expect(name6 == "v_state", "a taken name is qualified by the table")
    }

    @Test func invalidNamesComeWithTheStatementThatFixesThem() {
        var assembly = CatalogAssembly(dialect: PostgreSQLDialect())
        let table = assembly.acceptName(table: "Users")
        let column = assembly.acceptName(table: "users", column: "createdAt")
        let valid = assembly.acceptName(table: "users", column: "created_at")
        #expect(!table && !column && valid)
        #expect(assembly.invalidNames.map(\.fix) == [
            "ALTER TABLE \"Users\" RENAME TO \"users\";",
            "ALTER TABLE \"users\" RENAME COLUMN \"createdAt\" TO \"created_at\";",
        ])
        #expect(InvalidCatalogName(table: "t", column: "a\nb", suggestion: "a_b", fix: "x").description.contains("a\\nb"), "escaped for a terminal")
    }

    @Test func aPartialIndexConditionReplayedFromAMigrationFileIsCheckedAsACheckIs() throws {
        let table = Table(name: "t", columns: [Column(name: "id", type: .int)], primaryKey: PrimaryKey(name: "pk_t", columns: ["id"]))
        let schema = try Schema().applying(.createTable(table))
        let injected = Index(name: "ix_t_id", columns: ["id"], predicate: "id > 0); DROP TABLE t; --")
        #expect(throws: MigrationError.self) { try schema.applying(.createIndex(table: "t", index: injected)) }
        let partial = Index(name: "ix_t_id", columns: ["id"], predicate: "id > 0")
        #expect(try schema.applying(.createIndex(table: "t", index: partial)).table(named: "t")?.indexes == [partial])
    }

    @Test func aGeneratedColumnOrEnumLengthReplayedFromAMigrationFileIsCheckedAsTheSchemaIs() throws {
        let key = Column(name: "id", type: .int)
        func table(_ column: Column) -> Table { Table(name: "t", columns: [key, column], primaryKey: PrimaryKey(name: "pk_t", columns: ["id"])) }
        // PostgreSQL's casts belong in PostgreSQL's text only, as the schema's validation says.
        let cast = SQLExpressionDefault(sqlite: "id::text", postgres: "id::text")
        #expect(throws: MigrationError.self) { try Schema().applying(.createTable(table(Column(name: "g", type: .text, generatedExpression: cast)))) }
        let postgresOnly = SQLExpressionDefault(sqlite: "CAST(id AS TEXT)", postgres: "(id)::text")
        #expect(try Schema().applying(.createTable(table(Column(name: "g", type: .text, generatedExpression: postgresOnly)))).tables.count == 1)
        // A storage length belongs to an enum column, and is a length.
        let schema = Schema(enums: [EnumType(name: "e", values: ["a"])])
        #expect(throws: MigrationError.self) { try schema.applying(.createTable(table(Column(name: "s", type: .text, enumMaxLength: 4)))) }
        #expect(throws: MigrationError.self) { try schema.applying(.createTable(table(Column(name: "s", type: .enumeration("e"), enumMaxLength: 0)))) }
        #expect(try schema.applying(.createTable(table(Column(name: "s", type: .enumeration("e"), enumMaxLength: 4)))).tables.count == 1)
    }
}
