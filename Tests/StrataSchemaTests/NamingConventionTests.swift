@testable import StrataSchema
import Testing

@Suite struct NamingConventionTests {
    @Test func namesFollowTheConvention() {
        #expect(NamingConvention.primaryKey(table: "patterns") == "pk_patterns")
        #expect(NamingConvention.index(table: "patterns", columns: ["trust_tier", "is_active"]) == "ix_patterns_trust_tier_is_active")
        #expect(NamingConvention.unique(table: "patterns", columns: ["name", "pattern_type"]) == "uq_patterns_name_pattern_type")
        #expect(NamingConvention.foreignKey(table: "pattern_occurrences", columns: ["pattern_id"], referencedTable: "patterns") == "fk_pattern_occurrences_pattern_id_patterns")
        #expect(NamingConvention.check(table: "patterns", label: "frequency_count") == "ck_patterns_frequency_count")
    }

    @Test func longNamesAreShortenedDeterministicallyTo63Bytes() {
        let table = String(repeating: "very_long_table_name_", count: 3)
        let name = NamingConvention.index(table: table, columns: ["first_column", "second_column"])
        #expect(name.utf8.count == 63)
        #expect(name == NamingConvention.index(table: table, columns: ["first_column", "second_column"]))
        let full = "ix_\(table)_first_column_second_column"
        #expect(name == String(full.prefix(54)) + "_" + NamingConvention.hexadecimal(NamingConvention.fnv1a32(Array(full.utf8))))
        #expect(name == "ix_very_long_table_name_very_long_table_name_very_long_a651f7fa")
        let other = NamingConvention.index(table: table, columns: ["first_column", "third_column"])
        #expect(other.utf8.count == 63)
        #expect(other != name, "names that differ only after the cut must still differ")
    }

    @Test func shortNamesAreKept() {
        let name = String(repeating: "a", count: 63)
        #expect(NamingConvention.shortened(name) == name)
    }

    @Test func fnvMatchesKnownVectors() {
        #expect(NamingConvention.fnv1a32(Array("".utf8)) == 0x811c_9dc5)
        #expect(NamingConvention.fnv1a32(Array("a".utf8)) == 0xe40c_292c)
        #expect(NamingConvention.fnv1a32(Array("foobar".utf8)) == 0xbf9c_f968)
    }
}
