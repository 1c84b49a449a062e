import StrataSchema

extension DiagnosticCollector {
    /// An entry of `sql_objects:`: a schema name, tables that exist, and for every dialect it is
    /// created in, the SQL that drops it (the explicit reverse) — each a script of complete
    /// statements without NUL.
    mutating func resolveSQLObject(_ parsed: ParsedSQLObject, tables: [String]) -> SQLObject? {
        let name = parsed.name.value
        var valid = checkIdentifier(parsed.name, kind: "SQL object name")
        for table in parsed.tables where !tables.contains(table.value) {
            error("SQL object '\(name)' names missing table '\(table.value)'\(didYouMean(table.value, among: tables)): list the tables it reads or is attached to", at: table.location)
            valid = false
        }
        if parsed.create.isEmpty {
            error("SQL object '\(name)' has no 'create': write the SQL that creates it, for both dialects or as {sqlite: …, postgres: …}", at: parsed.name.location)
            valid = false
        }
        for dialect in ["sqlite", "postgres"] {
            switch (parsed.create[dialect], parsed.drop[dialect]) {
            case (let create?, nil):
                error("SQL object '\(name)' is created on \(dialect) but has no 'drop' for it: write the SQL that drops it, so that a migration can undo it", at: create.location)
                valid = false
            case (nil, let drop?):
                error("SQL object '\(name)' has a 'drop' for \(dialect) but no 'create': remove it, or write the SQL that creates it", at: drop.location)
                valid = false
            default:
                break
            }
            for text in [parsed.create[dialect], parsed.drop[dialect]].compactMap({ $0 }) {
                if text.value.unicodeScalars.contains("\0") {
                    error("the SQL of SQL object '\(name)' contains a NUL character (\\0): remove it", at: text.location)
                    valid = false
                } else if SQLScript.statements(in: text.value).isEmpty {
                    error("the SQL of SQL object '\(name)' for \(dialect) has no statement: write one, such as CREATE TRIGGER …", at: text.location)
                    valid = false
                }
            }
        }
        guard valid else { return nil }
        return SQLObject(name: name, tables: parsed.tables.map(\.value), create: parsed.create.mapValues(\.value), drop: parsed.drop.mapValues(\.value))
    }
}
