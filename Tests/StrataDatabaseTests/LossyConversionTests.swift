import StrataSchema
import Testing

/// With data loss acknowledged, a lossy type change does the same thing on both databases (the
/// table in docs/migrations.md): the same rows in, the same rows out, or the same refusal.
@Suite struct LossyConversionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var from: String
        var to: String
        /// `(id, value)` rows as SQL literals; `nil` picks a literal per dialect.
        var values: [String]
        /// The query's rows after the upgrade, or `nil` when the upgrade must fail on both.
        var expected: [[String?]]?
        var query = "SELECT \"v\" FROM \"t\" ORDER BY \"id\""
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "string(200) → string(20) keeps the first 20 characters", from: "{type: string, max_length: 200}", to: "{type: string, max_length: 20}",
             values: ["'abcdefghijklmnopqrstuvwxyz0123'", "'short'", "'" + String(repeating: "é", count: 23) + "'"],
             expected: [["abcdefghijklmnopqrst"], ["short"], [String(repeating: "é", count: 20)]]),
        Case(name: "text → string(3)", from: "text", to: "{type: string, max_length: 3}", values: ["'abcd'", "'ab'"], expected: [["abc"], ["ab"]]),
        Case(name: "double → int drops the fraction toward zero", from: "double", to: "int",
             values: ["0.7", "-0.7", "2.5", "-2.5", "1000.0"], expected: [["0"], ["0"], ["2"], ["-2"], ["1000"]]),
        Case(name: "double → int fails outside 64-bit integers", from: "double", to: "int", values: ["1e300"], expected: nil),
        Case(name: "text → int converts integers and fails on anything else", from: "text", to: "int", values: ["'12'", "' 7 '"], expected: [["12"], ["7"]]),
        Case(name: "text → int fails on text that is not an integer", from: "text", to: "int", values: ["'12'", "'abc'"], expected: nil),
        Case(name: "text → int fails on a fraction", from: "text", to: "int", values: ["'1.5'"], expected: nil),
        Case(name: "text → json parses the JSON the text holds", from: "text", to: "json",
             values: [#"'{"a": [1, 2]}'"#, "'[]'", "'\"s\"'"], expected: [[#"{"a": [1, 2]}"#], ["[]"], ["\"s\""]],
             query: "SELECT \"v\" FROM \"t\" ORDER BY \"id\""),
        Case(name: "text → json fails on text that is not JSON", from: "text", to: "json", values: ["'{}'", "'not json'"], expected: nil),
        Case(name: "int → int32 keeps values in range", from: "int", to: "int32", values: ["2147483647", "-2147483648", "0"],
             expected: [["2147483647"], ["-2147483648"], ["0"]]),
        Case(name: "int → int32 fails outside its range", from: "int", to: "int32", values: ["1", "2147483648"], expected: nil),
        Case(name: "int32 → int16 fails outside its range", from: "int32", to: "int16", values: ["32768"], expected: nil),
        Case(name: "double → int16 drops the fraction toward zero", from: "double", to: "int16", values: ["-2.5", "32767.9"], expected: [["-2"], ["32767"]]),
        Case(name: "text → int16 converts integers", from: "text", to: "int16", values: ["' 12 '"], expected: [["12"]]),
        Case(name: "double → float rounds to the nearest Float", from: "double", to: "float", values: ["0.1", "-2.5", "16777217.0"],
             expected: [["1"], ["1"], ["1"]],
             query: "SELECT CASE WHEN \"v\" IN (0.10000000149011612, -2.5, 16777216.0) THEN 1 ELSE 0 END FROM \"t\" ORDER BY \"id\""),
        Case(name: "double → float fails outside Float's range", from: "double", to: "float", values: ["1.0", "1e39"], expected: nil),
        Case(name: "int → float rounds to 24 significant bits", from: "int", to: "float", values: ["16777217", "3"],
             expected: [["16777216"], ["3"]], query: "SELECT CAST(\"v\" AS BIGINT) FROM \"t\" ORDER BY \"id\""),
        Case(name: "float → int drops the fraction toward zero", from: "float", to: "int", values: ["-2.5", "7.75"], expected: [["-2"], ["7"]]),
        Case(name: "json kept as written → jsonb keeps the document", from: "{type: json, postgres_type: json}", to: "json",
             values: [#"'{"b":  3, "a": 2}'"#], expected: [["3"]], query: "SELECT \"v\" ->> 'b' FROM \"t\" ORDER BY \"id\""),
        Case(name: "decimal(10,3) → decimal(9,2) fails when rounding adds a digit before the point", from: "{type: decimal, precision: 10, scale: 3}", to: "{type: decimal, precision: 9, scale: 2}",
             values: ["'2.675'", "'-2.675'", "'1.004'", "'-0.004'", "'9999999.995'"], expected: nil),
        Case(name: "decimal(10,3) → decimal(10,2) keeps values that fit", from: "{type: decimal, precision: 10, scale: 3}", to: "{type: decimal, precision: 10, scale: 2}",
             values: ["'2.675'", "'-2.675'", "'1.004'", "'-0.004'", "'0.005'"], expected: [["268"], ["-268"], ["100"], ["0"], ["1"]],
             query: "SELECT CAST(\"v\" * 100 AS INTEGER) FROM \"t\" ORDER BY \"id\""),
        Case(name: "double → decimal rounds to the scale", from: "double", to: "{type: decimal, precision: 6, scale: 2}",
             values: ["2.5", "0.125", "-0.125", "1234.0"], expected: [["250"], ["13"], ["-13"], ["123400"]],
             query: "SELECT CAST(\"v\" * 100 AS INTEGER) FROM \"t\" ORDER BY \"id\""),
        Case(name: "int → decimal fails beyond the digits before the point", from: "int", to: "{type: decimal, precision: 4, scale: 1}", values: ["999", "1000"], expected: nil),
        Case(name: "decimal → int drops the fraction toward zero", from: "{type: decimal, precision: 6, scale: 2}", to: "int", values: ["'2.75'", "'-2.75'", "'7'"], expected: [["2"], ["-2"], ["7"]]),
        Case(name: "text → decimal reads the number the text holds", from: "text", to: "{type: decimal, precision: 6, scale: 2}", values: ["' 1.50 '", "'-3'"],
             expected: [["150"], ["-300"]], query: "SELECT CAST(\"v\" * 100 AS INTEGER) FROM \"t\" ORDER BY \"id\""),
        Case(name: "text → decimal fails on text that is not a number", from: "text", to: "{type: decimal, precision: 6, scale: 2}", values: ["'1'", "'abc'"], expected: nil),
        Case(name: "text → time reads the time the text holds", from: "text", to: "time", values: ["' 09:30 '", "'23:59:59.999'"], expected: [["1"], ["0"]],
             query: "SELECT CASE WHEN \"v\" > '09:29:59.999' AND \"v\" < '09:30:00.001' THEN 1 ELSE 0 END FROM \"t\" ORDER BY \"id\""),
        Case(name: "text → time fails on text that is not a time", from: "text", to: "time", values: ["'09:30'", "'noon'"], expected: nil),
        Case(name: "int → bool: 0 is false, anything else true", from: "int", to: "bool", values: ["0", "5", "-1"],
             expected: [["0"], ["1"], ["1"]], query: "SELECT CASE WHEN \"v\" THEN 1 ELSE 0 END FROM \"t\" ORDER BY \"id\""),
    ]

    @Test(arguments: ["sqlite", "postgres"], cases)
    func conversionsAgree(_ dialect: String, _ testCase: Case) async throws {
        let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
        let table = "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      v: "
        let before = try schemaIR(table + testCase.from + "\n")
        let after = try schemaIR(table + testCase.to + "\n")
        try createFresh(before, on: database)
        let rows = testCase.values.enumerated().map { "(\($0.offset + 1), \($0.element))" }.joined(separator: ", ")
        try database.execute("INSERT INTO \"t\" (\"id\", \"v\") VALUES \(rows);")
        let diff = try SchemaDiff(from: before, to: after)
        #expect(diff.operations.map(\.dataLoss) == [.lossy])
        let statements = try database.dialect.render(diff.operations, from: before).operations.flatMap(\.statements)
        if let expected = testCase.expected {
            try runMigration(statements, on: database)
            #expect(try database.rows(testCase.query) == expected)
        } else {
            #expect(throws: (any Error).self, "the upgrade must fail on \(dialect)") { try runMigration(statements, on: database) }
            #expect(try database.rows("SELECT count(*) FROM \"t\"") == [[String(testCase.values.count)]], "rolled back")
        }
    }

    /// Safe changes to text: the same text on both databases, every digit kept (SQLite's CAST
    /// alone keeps 15 digits of a double; PostgreSQL's casts write `12.50` and `09:30:00`).
    static let toText: [(from: String, values: [String], texts: [String])] = [
        ("double", ["0.30000000000000004", "0.7999999999999999", "0.1", "1e+20", "-2.5", "100000", "123456789012345.6", "2.2250738585072014e-308"],
         ["0.30000000000000004", "0.7999999999999999", "0.1", "1e+20", "-2.5", "100000", "123456789012345.6", "2.2250738585072014e-308"]),
        ("{type: decimal, precision: 10, scale: 2}", ["'12.5'", "'-0.05'", "'100'"], ["12.5", "-0.05", "100"]),
        ("time", ["'09:30:00.000'", "'23:59:59.999'"], ["09:30:00.000", "23:59:59.999"]),
    ]

    @Test(arguments: ["sqlite", "postgres"], 0..<3)
    func safeChangesToTextKeepEveryDigit(_ dialect: String, _ position: Int) async throws {
        let (from, values, texts) = Self.toText[position]
        let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
        let table = "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      v: {type: TYPE, nullable: true}\n"
        let before = try schemaIR(table.replacingOccurrences(of: "{type: TYPE, nullable: true}", with: from.hasPrefix("{") ? String(from.dropLast()) + ", nullable: true}" : "{type: \(from), nullable: true}"))
        let after = try schemaIR(table.replacingOccurrences(of: "TYPE", with: "text"))
        try createFresh(before, on: database)
        let rows = values.enumerated().map { "(\($0.offset + 1), \($0.element))" }.joined(separator: ", ")
        try database.execute("INSERT INTO \"t\" (\"id\", \"v\") VALUES \(rows), (99, NULL);")
        let diff = try SchemaDiff(from: before, to: after)
        #expect(diff.operations.map(\.dataLoss) == [.safe])
        try runMigration(try database.dialect.render(diff.operations, from: before).operations.flatMap(\.statements), on: database)
        #expect(try database.rows("SELECT \"v\" FROM \"t\" ORDER BY \"id\"") == texts.map { [$0] } + [[nil]])
    }

    /// `default: now` on a date column is the UTC date on both, whatever the PostgreSQL session's
    /// time zone (14 hours ahead and 12 behind: at any hour one of them is on another date).
    @Test(arguments: ["sqlite", "postgres"])
    func theDateDefaultIsTheUTCDate(_ dialect: String) async throws {
        let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
        try createFresh(try schemaIR("tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      d: {type: date, default: now}\n"), on: database)
        if dialect == "sqlite" {
            try database.execute("INSERT INTO \"t\" (\"id\") VALUES (1), (2);")
            #expect(try database.rows("SELECT \"d\" = date('now') FROM \"t\" ORDER BY \"id\"") == [["1"], ["1"]])
        } else {
            try database.execute("SET TIME ZONE 'Pacific/Kiritimati'; INSERT INTO \"t\" (\"id\") VALUES (1);")
            try database.execute("SET TIME ZONE 'Etc/GMT+12'; INSERT INTO \"t\" (\"id\") VALUES (2);")
            #expect(try database.rows("SELECT \"d\" = (now() AT TIME ZONE 'UTC')::date FROM \"t\" ORDER BY \"id\"") == [["t"], ["t"]])
        }
    }

    @Test(arguments: ["sqlite", "postgres"])
    func timestampToDateKeepsTheUTCDate(_ dialect: String) async throws {
        let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
        let table = "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      v: "
        let before = try schemaIR(table + "timestamp\n")
        let after = try schemaIR(table + "date\n")
        try createFresh(before, on: database)
        let late = dialect == "sqlite" ? "'2026-01-02 23:30:00.000'" : "'2026-01-02 23:30:00+00'"
        try database.execute("INSERT INTO \"t\" (\"id\", \"v\") VALUES (1, \(late));")
        let statements = try database.dialect.render(try SchemaDiff(from: before, to: after).operations, from: before).operations.flatMap(\.statements)
        // A session in another time zone must not move the date (PostgreSQL's plain cast would).
        try runMigration((dialect == "postgres" ? ["SET LOCAL TIME ZONE 'Asia/Tokyo';"] : []) + statements, on: database)
        #expect(try database.rows("SELECT \"v\" FROM \"t\"") == [["2026-01-02"]])
    }
}
