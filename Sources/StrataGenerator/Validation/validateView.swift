import StrataSchema

extension SchemaValidator {
    /// An entry of `views:`: its columns and Swift names, and the SQL object that creates it
    /// (`ViewSQL`) on the tables its query reads (declared in `tables:` or found in the query).
    mutating func validateView(_ parsed: ParsedView, tables: [Table], otherNames: [String: String], views: [String]) -> (SQLObject, ValidatedView)? {
        let name = parsed.name.value
        var valid = diagnostics.checkIdentifier(parsed.name, kind: "view name")
        if name.hasPrefix("sqlite_") || name.hasPrefix("strata_") {
            diagnostics.error("view name '\(name)' is reserved ('sqlite_' and 'strata_' belong to SQLite and Strata): choose another name", at: parsed.name.location)
            valid = false
        }
        if let owner = otherNames[name] {
            diagnostics.error("view '\(name)' has the name of \(owner): tables, views and SQL objects share one namespace, so choose another name", at: parsed.name.location)
            valid = false
        }
        if parsed.columns.isEmpty {
            diagnostics.error("view '\(name)' has no columns: list the columns its query returns, in order, with their types (the generated Swift type reads them)", at: parsed.name.location)
            valid = false
        }
        var columns: [Column] = []
        for parsedColumn in parsed.columns {
            let qualified = "\(name).\(parsedColumn.name.value)"
            if !diagnostics.checkIdentifier(parsedColumn.name, kind: "column name", owner: " in view '\(name)'") { valid = false }
            if columns.contains(where: { $0.name == parsedColumn.name.value }) {
                diagnostics.error("view '\(name)' lists column '\(parsedColumn.name.value)' twice: name each column once", at: parsedColumn.name.location)
                valid = false
            }
            let type = diagnostics.resolveType(of: parsedColumn, qualifiedName: qualified, enums: enumNames) ?? .text
            columns.append(Column(name: parsedColumn.name.value, type: type, isNullable: parsedColumn.nullable?.value ?? false))
        }
        let tableNames = tables.map(\.name)
        for table in parsed.tables where !tableNames.contains(table.value) {
            diagnostics.error("view '\(name)' names missing table '\(table.value)'\(didYouMean(table.value, among: tableNames)): list the tables its query reads", at: table.location)
            valid = false
        }
        var found: Set<String> = Set(parsed.tables.map(\.value))
        if parsed.query.isEmpty {
            diagnostics.error("view '\(name)' has no 'query': write the SELECT it shows, for both dialects or as {sqlite: …, postgres: …}", at: parsed.name.location)
            valid = false
        }
        // One text for both dialects is judged once.
        let shared = parsed.query["sqlite"].map { $0.value == parsed.query["postgres"]?.value && $0.location == parsed.query["postgres"]?.location } ?? false
        for dialect in shared ? ["sqlite"] : ["sqlite", "postgres"] {
            // A dialect without a query has no such view (as an SQL object without SQL for it).
            guard let query = parsed.query[dialect] else { continue }
            let which = shared ? "the query" : "the \(dialect) query"
            if let problem = ViewSQL.queryProblem(query.value) {
                diagnostics.error("\(which) of view '\(name)' is not one query: \(problem)", at: query.location)
                valid = false
                continue
            }
            found.formUnion(ViewSQL.referencedNames(in: query.value, among: tableNames))
            for other in ViewSQL.referencedNames(in: query.value, among: views) where other != name {
                diagnostics.error("\(which) of view '\(name)' reads view '\(other)': a view of views is not supported yet, so write it over the tables", at: query.location)
                valid = false
            }
        }
        guard valid else { return nil }
        let object = ViewDefinition(name: name, columns: columns, query: parsed.query.mapValues(\.value), tables: tableNames.filter(found.contains)).sqlObject
        // The Swift names of a view's row follow a table's (a relation without a key).
        let relation = Table(name: name, columns: columns, primaryKey: PrimaryKey(name: "", columns: []))
        let draft = TableDraft(parsed: ParsedTable(name: parsed.name, swiftName: parsed.swiftName, doc: parsed.doc, columns: parsed.columns), table: relation, columnDrafts: parsed.columns)
        return (object, ValidatedView(relation: relation, names: swiftNames(forTable: draft, relation)))
    }
}
