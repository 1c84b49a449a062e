@testable import StrataPostgres
import StrataSchema
import Testing

/// Each distinct SQL text must get its own prepared-statement name, or PostgreSQL would run one
/// statement's plan for another.
@Suite struct PreparedStatementNamingTests {
    @Test func everyNumberIsSpelledByItsOwnType() {
        var names = Set<String>()
        for number in 1...1_000 {
            let type = PreparedStatements.slotType(number)
            #expect(type.number == number)
            names.insert(String(reflecting: type))
        }
        #expect(names.count == 1_000)
    }

    @Test func theSameTextGetsTheSameSlotAndAnotherTextAnother() throws {
        let first = try #require(PreparedStatements.slot(for: "SELECT 1 -- naming test a"))
        let again = try #require(PreparedStatements.slot(for: "SELECT 1 -- naming test a"))
        let other = try #require(PreparedStatements.slot(for: "SELECT 1 -- naming test b"))
        #expect(first.number == again.number)
        #expect(first.number != other.number)
        #expect(PreparedStatements.sql(number: other.number) == "SELECT 1 -- naming test b")
    }

    @Test func writesSayHowTheirRowsAreCountedAndTheDriverRunsThemAsWritten() {
        // The dialect, not the driver, decides: PostgreSQL's writes return a row per changed row.
        #expect(PostgreSQLDialect().changedRowsClause == " RETURNING 1")
        #expect(SQLiteDialect().changedRowsClause == "")
    }
}
