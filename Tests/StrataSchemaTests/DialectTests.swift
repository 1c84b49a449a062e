import StrataSchema
import Testing

@Suite struct DialectTests {
    /// SQLite keeps a view's column types only in the note Strata writes: every type reads back.
    @Test func everyTypeReadsBackFromAViewsTypeNote() {
        let types: [ColumnType] = [
            .uuid, .string(maxLength: nil), .string(maxLength: 80), .text, .int, .int32, .int16, .double, .float, .bool,
            .timestamp, .date, .time, .bytes, .json, .textualJSON, .decimal(precision: 10, scale: 2), .decimal(precision: 38, scale: 0), .enumeration("run_state"),
        ]
        for type in types {
            #expect(ColumnType(viewTypeText: type.viewTypeText) == type, "\(type.viewTypeText)")
        }
        for text in ["string(0)", "decimal(40,2)", "json(xml)", "Not-A-Type", "int(3)"] {
            #expect(ColumnType(viewTypeText: text) == nil, "\(text)")
        }
    }

    let sqlite = SQLiteDialect()
    let postgres = PostgreSQLDialect()

    @Test func identifiersAreQuotedAndLiteralsEscaped() {
        #expect(sqlite.quoted("order") == "\"order\"")
        #expect(sqlite.quoted("we\"ird") == "\"we\"\"ird\"")
        #expect(postgres.stringLiteral("O'Brien") == "'O''Brien'")
        #expect(postgres.literal(.json(#"{"a":"it's"}"#), as: .json) == #"'{"a":"it''s"}'::jsonb"#)
        #expect(sqlite.literal(.bool(true), as: .bool) == "1")
        #expect(postgres.literal(.bool(false), as: .bool) == "false")
        #expect(sqlite.literal(.double(0.5), as: .double) == "0.5")
        #expect(sqlite.literal(.int(-3), as: .int) == "-3")
    }

    @Test(arguments: [
        (ColumnType.uuid, "TEXT", "uuid"), (.string(maxLength: 20), "TEXT", "varchar(20)"), (.string(maxLength: nil), "TEXT", "text"),
        (.text, "TEXT", "text"), (.int, "INTEGER", "bigint"), (.double, "REAL", "double precision"),
        (.bool, "INTEGER", "boolean"), (.timestamp, "TEXT", "timestamptz"), (.date, "TEXT", "date"),
        (.bytes, "BLOB", "bytea"), (.json, "TEXT", "jsonb"), (.enumeration("tier"), "TEXT", "text"),
    ])
    func naturalTypes(_ type: ColumnType, _ sqliteType: String, _ postgresType: String) {
        #expect(sqlite.columnType(type) == sqliteType)
        #expect(postgres.columnType(type) == postgresType)
    }

    @Test func defaults() {
        #expect(postgres.defaultExpression(.now, for: .timestamp) == "now()")
        #expect(postgres.defaultExpression(.now, for: .date) == "((now() AT TIME ZONE 'UTC')::date)")
        #expect(postgres.defaultExpression(.uuid, for: .uuid) == "gen_random_uuid()")
        #expect(sqlite.defaultExpression(.now, for: .timestamp) == "(strftime('%Y-%m-%d %H:%M:%f', 'now'))")
        #expect(sqlite.defaultExpression(.now, for: .date) == "(date('now'))")
    }
}

@Suite struct SQLScriptTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            INSERT INTO "t" ("a;b") VALUES ('x;y', 'it''s;'); -- a comment; with semicolons
            /* block; comment */ SELECT 1;
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            SELECT $$;$$
            """
        #expect(SQLScript.statements(in: script) == [
            "INSERT INTO \"t\" (\"a;b\") VALUES ('x;y', 'it''s;');",
            "-- a comment; with semicolons\n/* block; comment */ SELECT 1;",
            "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;",
            "SELECT $$;$$",
        ])
    }

    @Test func triggerAndAtomicBodiesEndAtEnd() {
        let script = """
            CREATE TRIGGER "count_edits" AFTER UPDATE ON "notes" BEGIN UPDATE "notes" SET "edits" = "edits" + 1; SELECT ';END'; END;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
            DROP TRIGGER "count_edits"; SELECT 'end';
            CREATE TRIGGER audit AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION audit(); CREATE TABLE log (trigger text, body text); SELECT 1;
            """
        #expect(SQLScript.statements(in: script) == [
            "CREATE TRIGGER \"count_edits\" AFTER UPDATE ON \"notes\" BEGIN UPDATE \"notes\" SET \"edits\" = \"edits\" + 1; SELECT ';END'; END;",
            "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
            "DROP TRIGGER \"count_edits\";",
            "SELECT 'end';",
            "CREATE TRIGGER audit AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION audit();",
            "CREATE TABLE log (trigger text, body text);",
            "SELECT 1;",
        ])
    }
}
