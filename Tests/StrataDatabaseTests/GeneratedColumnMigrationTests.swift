import StrataSchema
import Testing

/// Generated columns through migrations, up, down and up again with rows, on both databases: the
/// catalog is a fresh database's after each step and the computed values are the expression's.
@Suite struct GeneratedColumnMigrationTests {
    static let items = """
        tables:
          items:
            columns:
              id: {type: int, primary_key: true}
              price: {type: int}
              quantity: {type: int}

        """
    static func items(_ total: String) -> String {
        items.replacingOccurrences(of: "\n\n", with: "\n") + "      total: \(total)\n"
    }
    static let seed = "INSERT INTO \"items\" (\"id\", \"price\", \"quantity\") VALUES (1, 3, 4), (2, 5, 6);"
    static let totals = "SELECT \"id\", \"total\" FROM \"items\" ORDER BY \"id\""

    static let cases: [MigrationCase] = [
        MigrationCase(
            name: "a generated column with an index is added to a table with rows",
            before: items,
            after: items("{type: int, generated: \"price * quantity\", index: true}"),
            seed: seed,
            afterUpgrade: [(totals, [["1", "12"], ["2", "30"]])],
            afterDowngrade: [("SELECT count(*) FROM \"items\"", [["2"]])]
        ),
        MigrationCase(
            name: "a generated column's expression changes; its index and check follow it",
            before: items("{type: int, generated: \"price * quantity\", index: true, check: \"total >= 0\"}"),
            after: items("{type: int, generated: \"price * quantity + 1\", index: true, check: \"total >= 0\"}"),
            seed: seed,
            afterUpgrade: [(totals, [["1", "13"], ["2", "31"]])],
            afterDowngrade: [(totals, [["1", "12"], ["2", "30"]])]
        ),
        MigrationCase(
            name: "a generated column becomes a plain column and keeps its values",
            before: items("{type: int, generated: \"price * quantity\"}"),
            after: items("{type: int}"),
            seed: seed,
            afterUpgrade: [(totals, [["1", "12"], ["2", "30"]])],
            afterDowngrade: [(totals, [["1", "12"], ["2", "30"]])]
        ),
    ]

    @Test(arguments: cases, ["sqlite", "postgres"])
    func stairway(_ testCase: MigrationCase, _ dialect: String) async throws {
        try await runStairway(testCase, dialect: dialect)
    }

    @Test func plainToGeneratedIsLossyAndTheSummaryNamesTheExpression() throws {
        let plain = try schemaIR(Self.items("{type: int, nullable: true}"))
        let generated = try schemaIR(Self.items("{type: int, nullable: true, generated: \"price * quantity\"}"))
        let operations = try SchemaDiff(from: plain, to: generated).operations
        #expect(operations.map(\.summary) == ["alter column items.total (generated as price * quantity)"])
        #expect(operations.map(\.dataLoss) == [.lossy])
        #expect(operations.map(\.reversed.dataLoss) == [.safe])
        let postgres = try PostgreSQLDialect().render(operations, from: plain).operations.flatMap(\.statements)
        #expect(postgres == [
            "ALTER TABLE \"items\" DROP COLUMN \"total\";",
            "ALTER TABLE \"items\" ADD COLUMN \"total\" bigint GENERATED ALWAYS AS (price * quantity) STORED;",
        ])
        let back = try PostgreSQLDialect().render(operations.map(\.reversed), from: generated).operations.flatMap(\.statements)
        #expect(back == ["ALTER TABLE \"items\" ALTER COLUMN \"total\" DROP EXPRESSION;"])
    }
}
