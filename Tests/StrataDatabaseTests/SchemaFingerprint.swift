import StrataSchema

/// A text summary of everything a database's catalog says about its schema: columns with types,
/// nullability and defaults; constraint names and kinds; indexes and their columns; foreign-key
/// actions. Two databases with equal fingerprints have the same schema.
func fingerprint(_ database: any TestDatabase) throws -> [String] {
    database.dialect.name == "sqlite" ? try sqliteFingerprint(database) : try postgresFingerprint(database)
}

private func sqliteFingerprint(_ database: any TestDatabase) throws -> [String] {
    var lines: [String] = []
    let tables = try database.rows("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'strata_migrations' ORDER BY name")
    for table in tables {
        let name = table[0]!
        lines.append("table \(name) strict=\(try database.rows("SELECT strict FROM pragma_table_list WHERE name = '\(name)'")[0][0] ?? "")")
        // Columns by name: ADD COLUMN appends, so a column restored by a downgrade moves to the end.
        for column in try database.rows("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('\(name)') ORDER BY name") {
            lines.append("  column \(column.map { $0 ?? "NULL" }.joined(separator: " "))")
        }
        for index in try database.rows("SELECT name, \"unique\" FROM pragma_index_list('\(name)') WHERE origin = 'c' ORDER BY name") {
            let columns = try database.rows("SELECT name FROM pragma_index_info('\(index[0]!)') ORDER BY seqno").map { $0[0] ?? "" }
            lines.append("  index \(index[0]!) unique=\(index[1]!) (\(columns.joined(separator: ", ")))")
        }
        // Foreign keys sorted: SQLite numbers them in reverse of declaration, which is not meaningful.
        lines += try database.rows("SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('\(name)') ORDER BY id, seq")
            .map { "  foreign key \($0.map { $0 ?? "NULL" }.joined(separator: " "))" }.sorted()
        // Constraint names live only in the CREATE TABLE text.
        for constraint in constraintNames(in: table[1] ?? "") {
            lines.append("  constraint \(constraint)")
        }
    }
    return lines
}

/// `name KIND` for each `CONSTRAINT "name" KIND` in a CREATE TABLE statement, sorted.
private func constraintNames(in sql: String) -> [String] {
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

private func postgresFingerprint(_ database: any TestDatabase) throws -> [String] {
    var lines: [String] = []
    lines += try database.rows("""
        SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, '-'), is_nullable, coalesce(column_default, '-')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'strata_migrations'
        ORDER BY table_name, column_name;
        """).map { "column " + $0.map { $0 ?? "NULL" }.joined(separator: " ") }
    lines += try database.rows("""
        SELECT tc.table_name, tc.constraint_name, tc.constraint_type, coalesce(cc.check_clause, '-')
        FROM information_schema.table_constraints tc
        LEFT JOIN information_schema.check_constraints cc ON cc.constraint_name = tc.constraint_name AND cc.constraint_schema = tc.constraint_schema
        WHERE tc.table_schema = 'public' AND tc.table_name <> 'strata_migrations' AND tc.constraint_name NOT LIKE '%_not_null'
        ORDER BY tc.table_name, tc.constraint_name;
        """).map { "constraint " + $0.map { $0 ?? "NULL" }.joined(separator: " ") }
    lines += try database.rows("""
        SELECT kcu.constraint_name, kcu.column_name, kcu.ordinal_position FROM information_schema.key_column_usage kcu
        WHERE kcu.table_schema = 'public' AND kcu.table_name <> 'strata_migrations' ORDER BY kcu.constraint_name, kcu.ordinal_position;
        """).map { "key column " + $0.map { $0 ?? "NULL" }.joined(separator: " ") }
    lines += try database.rows("""
        SELECT rc.constraint_name, rc.delete_rule, rc.update_rule, ccu.table_name, ccu.column_name
        FROM information_schema.referential_constraints rc
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name
        WHERE rc.constraint_schema = 'public' ORDER BY rc.constraint_name, ccu.column_name;
        """).map { "references " + $0.map { $0 ?? "NULL" }.joined(separator: " ") }
    lines += try database.rows("""
        SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'strata_migrations' ORDER BY indexname;
        """).map { "index " + $0.map { $0 ?? "NULL" }.joined(separator: " ") }
    return lines
}
