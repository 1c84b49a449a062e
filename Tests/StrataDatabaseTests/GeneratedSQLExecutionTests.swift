import StrataSchema
import StrataTestSupport
import Testing

/// The committed create scripts run on real SQLite and a real PostgreSQL server, produce the
/// schema the IR describes, and reject rows that break each kind of constraint.
@Suite struct GeneratedSQLExecutionTests {
    static let dialects = ["sqlite", "postgres"]

    func database(_ name: String) async throws -> any TestDatabase {
        name == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
    }

    func workflowDatabase(_ name: String) async throws -> any TestDatabase {
        let database = try await database(name)
        try database.execute(try generatedText("Generated/SQL/schema.\(name).sql"))
        return database
    }

    @Test(arguments: dialects)
    func kitchenSinkScriptRuns(_ dialect: String) async throws {
        let database = try await database(dialect)
        try database.execute(try generatedText("Tests/Fixtures/KitchenSink/Generated/SQL/schema.\(dialect).sql"))
        let schema = try validatedSchema("Tests/Fixtures/KitchenSink/schema.yaml").schema
        // Defaults of every kind are applied.
        try database.execute(#"INSERT INTO "every_types" ("short_text", "any_text") VALUES ('a', 'b');"#)
        let row = try database.rows(#"SELECT "id", "count", "flag", "happened_at", "fixed_id", "small", CASE WHEN "ratio" = 0.10000000149011612 THEN 'float' ELSE 'other' END FROM "every_types";"#)[0]
        #expect(row[0].map(isLowercaseUUIDv4) == true, "random UUID default: \(row[0] ?? "nil")")
        #expect(row[1] == "-3")
        #expect(row[2] == (dialect == "sqlite" ? "0" : "f"))
        #expect(row[3]?.hasPrefix("20") == true)
        #expect(row[4] == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(row[5] == "-7")
        #expect(row[6] == "float", "the float default is the nearest Float to 0.1 on both databases")
        // SQL defaults are evaluated by the database.
        let computed = try database.rows(#"SELECT "code", CASE WHEN "expires_at" > "happened_at" THEN 'later' ELSE 'not later' END FROM "every_types";"#)[0]
        #expect(computed == ["ABc", "later"], "\(computed)")
        // int32 and int16 hold their ranges on both databases (SQLite by a check).
        try database.execute(#"UPDATE "every_types" SET "medium" = 2147483647, "small" = -32768, "big" = 9223372036854775807;"#)
        expectFailure(containing: dialect == "sqlite" ? "ck_every_types_medium_range" : "integer out of range", "int32 overflow") {
            try database.execute(#"UPDATE "every_types" SET "medium" = 2147483648;"#)
        }
        expectFailure(containing: dialect == "sqlite" ? "ck_every_types_small_range" : "smallint out of range", "int16 overflow") {
            try database.execute(#"UPDATE "every_types" SET "small" = 32768;"#)
        }
        // decimal holds its precision on both; SQLite keeps only the canonical text.
        try database.execute(#"UPDATE "every_types" SET "price" = '-12345678.5', "exact" = '1234567890123456789012345678901234.5678';"#)
        expectFailure(containing: dialect == "sqlite" ? "ck_every_types_price_decimal" : "numeric field overflow", "decimal overflow") {
            try database.execute(#"UPDATE "every_types" SET "price" = '123456789';"#)
        }
        if dialect == "sqlite" {
            for text in ["9.90", "09.9", "1.234", "-0", "1e5", "--1", "1.2.3", "", "-", "."] {
                expectFailure(containing: "ck_every_types_price_decimal", "decimal text '\(text)'") {
                    try database.execute("UPDATE \"every_types\" SET \"price\" = '\(text)';")
                }
            }
        }
        // time: a time of day to the millisecond; `default: now` is the UTC time on both.
        let times = try database.rows(#"SELECT "opens_at", "seen_at" FROM "every_types";"#)[0]
        #expect(times[0]?.hasPrefix("09:30:00") == true, "\(times)")
        #expect(times[1]?.count ?? 0 >= 8, "\(times)")
        expectFailure(containing: dialect == "sqlite" ? "ck_every_types_opens_at_time" : "out of range", "a time past midnight") {
            try database.execute(#"UPDATE "every_types" SET "opens_at" = '25:00:00.000';"#)
        }
        if dialect == "sqlite" {
            for text in ["24:00:00.000", "9:30:00.000", "09:30:00", "09:30", "09:60:00.000", "09:30:00.0000"] {
                expectFailure(containing: "ck_every_types_opens_at_time", "time text '\(text)'") {
                    try database.execute("UPDATE \"every_types\" SET \"opens_at\" = '\(text)';")
                }
            }
        }
        // float holds Float's range on both (SQLite by a check).
        try database.execute(#"UPDATE "every_types" SET "ratio" = -3.4028234663852886e38;"#)
        expectFailure(containing: dialect == "sqlite" ? "ck_every_types_ratio_range" : "out of range", "float overflow") {
            try database.execute(#"UPDATE "every_types" SET "ratio" = 3.5e38;"#)
        }
        // The partial unique index holds only for the rows its condition selects.
        let t = dialect == "sqlite" ? "1" : "true"
        try database.execute(#"INSERT INTO "every_types" ("short_text", "any_text", "flag", "day") VALUES ('p1', 'same', \#(t), '2024-01-01'), ('p2', 'same', \#(t), NULL);"#)
        expectFailure(containing: dialect == "sqlite" ? "UNIQUE constraint failed" : "one_flagged_per_text", "a second flagged row") {
            try database.execute(#"INSERT INTO "every_types" ("short_text", "any_text", "flag", "day") VALUES ('p3', 'same', \#(t), '2024-01-02');"#)
        }
        // A unique expression index compares what the expression makes of the rows.
        try database.execute(#"INSERT INTO "every_types" ("short_text", "any_text", "long_text") VALUES ('e1', 'e', 'Mixed Case');"#)
        expectFailure(containing: dialect == "sqlite" ? "UNIQUE constraint failed" : "ux_every_types_long_text_folded", "the same text in another case") {
            try database.execute(#"INSERT INTO "every_types" ("short_text", "any_text", "long_text") VALUES ('e2', 'e', 'mixed CASE');"#)
        }
        // The reference cycle works in both directions.
        try database.execute("""
            INSERT INTO "employees" ("id") VALUES ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
            INSERT INTO "departments" ("id", "head_id") VALUES ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
            UPDATE "employees" SET "department_id" = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
            """)
        expectFailure(containing: dialect == "sqlite" ? "FOREIGN KEY constraint failed" : "fk_employees_department_id_departments", "dangling department") {
            try database.execute(#"UPDATE "employees" SET "department_id" = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';"#)
        }
        #expect(try tableNames(database).sorted() == schema.tables.map(\.name).sorted())
    }

    func tableNames(_ database: any TestDatabase) throws -> [String] {
        if database.dialect.name == "sqlite" {
            return try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").compactMap { $0[0] }
        }
        return try database.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").compactMap { $0[0] }
    }

    @Test func sqliteCatalogMatchesTheIR() async throws {
        let database = try await workflowDatabase("sqlite")
        let schema = try validatedSchema("schema.yaml").schema
        let dialect = SQLiteDialect()
        for table in schema.tables {
            // PRAGMA table_info: cid, name, type, notnull, dflt_value, pk
            let columns = try database.rows("PRAGMA table_info(\"\(table.name)\")")
            #expect(columns.map { $0[1] } == table.columns.map(\.name), "\(table.name)")
            for (row, column) in zip(columns, table.columns) {
                #expect(row[2] == dialect.columnType(column.type), "\(table.name).\(column.name) type")
                #expect(row[3] == (column.isNullable ? "0" : "1"), "\(table.name).\(column.name) NOT NULL")
                // SQLite reports an expression default without its outer parentheses.
                let expectedDefault = column.defaultValue.map { dialect.defaultExpression($0, for: column.type) }
                    .map { $0.hasPrefix("(") && $0.hasSuffix(")") ? String($0.dropFirst().dropLast()) : $0 }
                #expect(row[4] == expectedDefault, "\(table.name).\(column.name) default")
                let keyPosition = table.primaryKey.columns.firstIndex(of: column.name).map { $0 + 1 } ?? 0
                #expect(row[5] == String(keyPosition), "\(table.name).\(column.name) key position")
            }
            // STRICT tables.
            let strict = try database.rows("SELECT strict FROM pragma_table_list WHERE name = '\(table.name)'")
            #expect(strict == [["1"]], "\(table.name) is STRICT")
            // Indexes: every IR index and unique constraint, by name, with its columns.
            let expectedIndexes = (table.indexes.map { ($0.name, $0.columns, $0.isUnique) } + table.uniqueConstraints.map { ($0.name, $0.columns, true) })
                .sorted { $0.0 < $1.0 }
            let indexList = try database.rows("SELECT name, \"unique\" FROM pragma_index_list('\(table.name)') WHERE origin = 'c' ORDER BY name")
            #expect(indexList.map { $0[0] ?? "" } == expectedIndexes.map(\.0), "\(table.name) indexes")
            for (name, columns, isUnique) in expectedIndexes {
                let indexed = try database.rows("SELECT name FROM pragma_index_info('\(name)') ORDER BY seqno").compactMap { $0[0] }
                #expect(indexed == columns, "\(name) columns")
                #expect(try database.rows("SELECT \"unique\" FROM pragma_index_list('\(table.name)') WHERE name = '\(name)'") == [[isUnique ? "1" : "0"]])
            }
            // Foreign keys: id, seq, table, from, to, on_update, on_delete, match
            let keys = try database.rows("PRAGMA foreign_key_list(\"\(table.name)\")")
            let actual = keys.map { "\($0[3] ?? "")->\($0[2] ?? "").\($0[4] ?? "") delete \($0[6] ?? "") update \($0[5] ?? "")" }.sorted()
            let expected = table.foreignKeys.map { "\($0.columns[0])->\($0.referencedTable).\($0.referencedColumns[0]) delete \($0.onDelete.sql) update \($0.onUpdate.sql)" }.sorted()
            #expect(actual == expected, "\(table.name) foreign keys")
        }
    }

    @Test func postgresCatalogMatchesTheIR() async throws {
        let database = try await workflowDatabase("postgres")
        let schema = try validatedSchema("schema.yaml").schema
        for table in schema.tables {
            let columns = try database.rows("""
                SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '\(table.name)' ORDER BY ordinal_position;
                """)
            #expect(columns.map { $0[0] } == table.columns.map(\.name), "\(table.name)")
            for (row, column) in zip(columns, table.columns) {
                #expect(row[1] == informationSchemaType(column.type), "\(table.name).\(column.name) type")
                if case .string(let maxLength?) = column.type { #expect(row[2] == String(maxLength)) } else { #expect(row[2] == nil) }
                #expect(row[3] == (column.isNullable ? "YES" : "NO"), "\(table.name).\(column.name) nullable")
                #expect((row[4] != nil) == (column.defaultValue != nil), "\(table.name).\(column.name) default")
            }
            let constraints = try database.rows("""
                SELECT constraint_name, constraint_type FROM information_schema.table_constraints
                WHERE table_schema = 'public' AND table_name = '\(table.name)' AND constraint_name NOT LIKE '%_not_null' ORDER BY constraint_name;
                """).map { "\($0[0] ?? "") \($0[1] ?? "")" }
            var expected = ["\(table.primaryKey.name) PRIMARY KEY"]
            expected += table.uniqueConstraints.map { "\($0.name) UNIQUE" }
            expected += table.foreignKeys.map { "\($0.name) FOREIGN KEY" }
            expected += table.checkConstraints.map { "\($0.name) CHECK" }
            expected += table.columns.flatMap { PostgreSQLDialect().typeChecks(for: $0, in: table, schema: schema) }.map { "\($0.name) CHECK" }
            #expect(constraints == expected.sorted(), "\(table.name) constraints")
            let indexes = try database.rows("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = '\(table.name)' ORDER BY indexname").compactMap { $0[0] }
            let expectedIndexes = [table.primaryKey.name] + table.uniqueConstraints.map(\.name) + table.indexes.map(\.name)
            #expect(indexes == expectedIndexes.sorted(), "\(table.name) indexes")
            let referential = try database.rows("""
                SELECT rc.constraint_name, rc.delete_rule, rc.update_rule FROM information_schema.referential_constraints rc
                JOIN information_schema.table_constraints tc ON tc.constraint_name = rc.constraint_name
                WHERE tc.table_name = '\(table.name)' ORDER BY rc.constraint_name;
                """).map { "\($0[0] ?? "") \($0[1] ?? "") \($0[2] ?? "")" }
            #expect(referential == table.foreignKeys.map { "\($0.name) \($0.onDelete.sql) \($0.onUpdate.sql)" }.sorted(), "\(table.name) actions")
        }
    }

    func informationSchemaType(_ type: ColumnType) -> String {
        switch type {
        case .uuid: "uuid"
        case .string(let maxLength): maxLength == nil ? "text" : "character varying"
        case .text, .enumeration: "text"
        case .int: "bigint"
        case .int32: "integer"
        case .int16: "smallint"
        case .double: "double precision"
        case .float: "real"
        case .decimal: "numeric"
        case .time: "time without time zone"
        case .bool: "boolean"
        case .timestamp: "timestamp with time zone"
        case .date: "date"
        case .bytes: "bytea"
        case .json: "jsonb"
        case .textualJSON: "json"
        }
    }

    @Test(arguments: dialects)
    func validRowsAreAcceptedWithTheirDefaults(_ dialect: String) async throws {
        let database = try await workflowDatabase(dialect)
        let rows = WorkflowRows(dialect: database.dialect)
        try database.execute(rows.insertCapture() + rows.insertPattern() + rows.insertOccurrence())
        let pattern = try database.rows(#"SELECT "trust_tier", "frequency_count", "is_active", "created_at", "updated_at" FROM "patterns";"#)[0]
        #expect(pattern[0] == "observe")
        #expect(pattern[1] == "1")
        #expect(pattern[2] == rows.bool(true).replacingOccurrences(of: "true", with: "t"))
        let created = try #require(pattern[3])
        if dialect == "sqlite" {
            // 'YYYY-MM-DD HH:MM:SS.SSS' in UTC: millisecond precision.
            #expect(created.count == 23 && created.dropFirst(19).hasPrefix("."), "\(created)")
        }
        let occurrence = try database.rows(#"SELECT "confidence_score", "detected_at" IS NOT NULL FROM "pattern_occurrences";"#)[0]
        #expect(occurrence[0] == "0.9")
    }

    @Test(arguments: dialects)
    func rowsBreakingAConstraintAreRejected(_ dialect: String) async throws {
        let database = try await workflowDatabase(dialect)
        let rows = WorkflowRows(dialect: database.dialect)
        let isSQLite = dialect == "sqlite"
        try database.execute(rows.insertCapture() + rows.insertPattern())

        expectFailure(containing: "ck_captures_processing_status_enum", "enum value outside the enum") {
            try database.execute(rows.insertCapture(id: "44444444-4444-4444-8444-444444444444", status: "bogus"))
        }
        expectFailure(containing: "ck_captures_width", "CHECK from schema.yaml") {
            try database.execute(rows.insertCapture(id: "44444444-4444-4444-8444-444444444444", width: "0"))
        }
        expectFailure(containing: isSQLite ? "NOT NULL constraint failed: captures.filepath" : "null value in column \"filepath\"", "NOT NULL") {
            try database.execute(rows.insertCapture(id: "44444444-4444-4444-8444-444444444444", filepath: nil))
        }
        expectFailure(containing: isSQLite ? "UNIQUE constraint failed: patterns.name, patterns.pattern_type" : "uq_patterns_name_pattern_type", "unique (name, pattern_type)") {
            try database.execute(rows.insertPattern(id: "55555555-5555-4555-8555-555555555555"))
        }
        expectFailure(containing: "ck_patterns_correct_within_total", "table-level CHECK") {
            try database.execute(rows.insertPattern(id: "55555555-5555-4555-8555-555555555555", name: "Other", correct: 2, total: 1))
        }
        expectFailure(containing: isSQLite ? "ck_patterns_name_length" : "value too long for type character varying(200)", "max_length") {
            try database.execute(rows.insertPattern(id: "55555555-5555-4555-8555-555555555555", name: String(repeating: "x", count: 201)))
        }
        expectFailure(containing: isSQLite ? "ck_patterns_trigger_conditions_json" : "invalid input syntax for type json", "JSON") {
            try database.execute(rows.insertPattern(id: "55555555-5555-4555-8555-555555555555", name: "Other", triggers: "'{not json'"))
        }
        expectFailure(containing: isSQLite ? "ck_patterns_is_active_bool" : "column \"is_active\" is of type boolean", "boolean") {
            try database.execute(rows.insertPattern(id: "55555555-5555-4555-8555-555555555555", name: "Other", isActive: "2"))
        }
        expectFailure(containing: isSQLite ? "FOREIGN KEY constraint failed" : "fk_pattern_occurrences_pattern_id_patterns", "foreign key") {
            try database.execute(rows.insertOccurrence(patternID: "66666666-6666-4666-8666-666666666666"))
        }
        expectFailure(containing: "ck_pattern_occurrences_confidence_score", "confidence between 0 and 1") {
            try database.execute(rows.insertOccurrence(confidence: "1.5"))
        }
        if isSQLite {
            expectFailure(containing: "cannot store TEXT value in INTEGER column captures.width", "STRICT types") {
                try database.execute(rows.insertCapture(id: "44444444-4444-4444-8444-444444444444", width: "'wide'"))
            }
        }
        // Nothing of the rejected rows was kept.
        #expect(try database.rows(#"SELECT count(*) FROM "captures";"#) == [["1"]])
        #expect(try database.rows(#"SELECT count(*) FROM "patterns";"#) == [["1"]])
        #expect(try database.rows(#"SELECT count(*) FROM "pattern_occurrences";"#) == [["0"]])
    }

    @Test(arguments: dialects)
    func referentialActionsApply(_ dialect: String) async throws {
        let database = try await workflowDatabase(dialect)
        let rows = WorkflowRows(dialect: database.dialect)
        try database.execute(rows.insertCapture() + rows.insertPattern() + rows.insertOccurrence())
        // Deleting the capture keeps the occurrence (on_delete: set_null)...
        try database.execute(#"DELETE FROM "captures";"#)
        #expect(try database.rows(#"SELECT "capture_id" FROM "pattern_occurrences";"#) == [[nil]])
        // ...deleting the pattern removes it (on_delete: cascade).
        try database.execute(#"DELETE FROM "patterns";"#)
        #expect(try database.rows(#"SELECT count(*) FROM "pattern_occurrences";"#) == [["0"]])
    }
}

/// Whether `text` is a lowercase version-4 UUID.
func isLowercaseUUIDv4(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    guard text.allSatisfy({ $0 == "-" || ("0"..."9").contains($0) || ("a"..."f").contains($0) }) else { return false }
    return groups[2].hasPrefix("4") && "89ab".contains(groups[3].first!)
}
