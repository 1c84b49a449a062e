import Foundation
import StrataRuntime
import StrataSchema

/// The catalog as sorted, comparable lines, physical details included (storage classes, default
/// texts, constraint names inside SQLite's CREATE TABLE): the test suite compares a migrated
/// database with one created fresh by these, a stricter check than the IR-level drift of
/// `strata check`.
public enum CatalogQueries {
    /// The SQLite fingerprint: per table its STRICT flag, columns (by name), indexes with columns,
    /// foreign keys and the names of constraints written in CREATE TABLE.
    public static func sqlite(_ connection: any SQLQuerying) async throws -> [String] {
        func query(_ sql: String) async throws -> [[String?]] { try await connection.query(sql) }
        var lines: [String] = []
        let tables = try await query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('strata_migrations', 'strata_migration_progress') ORDER BY name")
        for table in tables {
            let name = table[0] ?? ""
            let strict = try await query("SELECT strict FROM pragma_table_list WHERE name = '\(name)'").first?.first ?? nil
            lines.append("table \(name) strict=\(strict ?? "")")
            for column in try await query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('\(name)') ORDER BY name") {
                lines.append("  \(name) column \(column.map { $0 ?? "NULL" }.joined(separator: " "))")
            }
            for index in try await query("SELECT name, \"unique\" FROM pragma_index_list('\(name)') WHERE origin = 'c' ORDER BY name") {
                let columns = try await query("SELECT name FROM pragma_index_info('\(index[0] ?? "")') ORDER BY seqno").map { $0[0] ?? "" }
                lines.append("  \(name) index \(index[0] ?? "") unique=\(index[1] ?? "") (\(columns.joined(separator: ", ")))")
            }
            lines += try await query("SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('\(name)')")
                .map { "  \(name) foreign key \($0.map { $0 ?? "NULL" }.joined(separator: " "))" }.sorted()
            lines += constraintNames(in: table[1] ?? "").map { "  \(name) constraint \($0)" }
            if (table[1] ?? "").uppercased().contains("AUTOINCREMENT") { lines.append("  \(name) autoincrement") }
        }
        return lines
    }

    /// `name KIND` for each `CONSTRAINT "name" KIND` of a CREATE TABLE statement, sorted.
    static func constraintNames(in sql: String) -> [String] {
        var names: [String] = []
        var rest = Substring(sql)
        while let range = rest.range(of: "CONSTRAINT \"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let name = rest[..<end]
            let kind = rest[rest.index(after: end)...].drop(while: { $0 == " " }).prefix { $0 != " " && $0 != "(" }
            names.append("\(name) \(kind)")
            rest = rest[end...]
        }
        return names.sorted()
    }

    /// The PostgreSQL fingerprint of one schema (`public` normally).
    public static func postgres(schema: String, _ connection: any SQLQuerying) async throws -> [String] {
        func query(_ sql: String) async throws -> [[String?]] { try await connection.query(sql) }
        let s = "'\(schema)'"
        func rows(_ sql: String, _ prefix: String) async throws -> [String] {
            try await query(sql).map { prefix + " " + $0.map { $0 ?? "NULL" }.joined(separator: " ") }
        }
        var lines: [String] = []
        lines += try await rows("""
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, '-'), is_nullable, coalesce(column_default, '-'),
                   coalesce(identity_generation, '-')
            FROM information_schema.columns WHERE table_schema = \(s) AND table_name NOT IN ('strata_migrations', 'strata_migration_progress') ORDER BY table_name, column_name
            """, "column")
        lines += try await rows("""
            SELECT tc.table_name, tc.constraint_name, tc.constraint_type, coalesce(cc.check_clause, '-')
            FROM information_schema.table_constraints tc
            LEFT JOIN information_schema.check_constraints cc ON cc.constraint_name = tc.constraint_name AND cc.constraint_schema = tc.constraint_schema
            WHERE tc.table_schema = \(s) AND tc.table_name NOT IN ('strata_migrations', 'strata_migration_progress') AND tc.constraint_name NOT LIKE '%_not_null'
            ORDER BY tc.table_name, tc.constraint_name
            """, "constraint")
        lines += try await rows("""
            SELECT kcu.constraint_name, kcu.column_name, kcu.ordinal_position FROM information_schema.key_column_usage kcu
            WHERE kcu.table_schema = \(s) AND kcu.table_name NOT IN ('strata_migrations', 'strata_migration_progress') ORDER BY kcu.constraint_name, kcu.ordinal_position
            """, "key column")
        lines += try await rows("""
            SELECT rc.constraint_name, rc.delete_rule, rc.update_rule, ccu.table_name, ccu.column_name
            FROM information_schema.referential_constraints rc
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name AND ccu.constraint_schema = rc.constraint_schema
            WHERE rc.constraint_schema = \(s) ORDER BY rc.constraint_name, ccu.column_name
            """, "references")
        lines += try await query("""
            SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = \(s) AND tablename NOT IN ('strata_migrations', 'strata_migration_progress') ORDER BY indexname
            """).map { row in
                // indexdef names the schema (`ON public.t`); drop it so two schemas compare.
                "index " + row.map { ($0 ?? "NULL").replacingOccurrences(of: " ON \(schema).", with: " ON ") }.joined(separator: " ")
            }
        return lines
    }
}
