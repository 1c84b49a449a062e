import Yams

/// The keys each mapping of `schema.yaml` accepts.
enum SchemaKeys {
    static let root = ["version", "swift", "database", "enums", "tables", "views", "sql_objects"]
    static let view = ["swift_name", "doc", "tables", "columns", "query"]
    /// A view's columns say what a row holds, nothing the database keeps for them.
    static let viewColumn = ["type", "max_length", "postgres_type", "precision", "scale", "nullable", "doc", "swift_name"]
    static let sqlObject = ["tables", "create", "drop"]
    static let database = ["url", "locking", "lock_timeout"]
    static let swift = ["module"]
    static let enumDefinition = ["values", "doc", "swift_name"]
    static let enumValue = ["value", "renamed_from", "swift_name"]
    static let table = ["swift_name", "doc", "columns", "primary_key", "indexes", "unique", "checks", "foreign_keys", "renamed_from"]
    static let column = [
        "type", "max_length", "postgres_type", "precision", "scale", "nullable", "default", "primary_key", "unique", "index", "references",
        "on_delete", "on_update", "check", "check_name", "doc", "swift_name", "renamed_from", "auto_increment", "generated",
    ]
    static let index = ["columns", "expressions", "include", "unique", "name", "where"]
    static let unique = ["columns", "name"]
    static let check = ["expression", "name"]
    static let primaryKey = ["columns", "name"]
    static let foreignKey = ["columns", "references", "name", "on_delete", "on_update"]
    static let foreignKeyTarget = ["table", "columns"]
}

/// Parses `schema.yaml` into a `ParsedSchema`, reporting YAML errors, unknown keys and values of
/// the wrong shape. Semantic checks are `validateSchema`'s.
/// - Returns: `nil` when the file is not YAML at all (the syntax error is in `diagnostics`).
func parseSchema(_ source: String, diagnostics: inout DiagnosticCollector) -> ParsedSchema? {
    guard let root = composeYAML(source, emptyMessage: "the file is empty: start with 'version: 1'", diagnostics: &diagnostics) else {
        return nil
    }

    var schema = ParsedSchema()
    for entry in diagnostics.entries(of: root, allowedKeys: SchemaKeys.root, context: "the schema") {
        switch entry.key {
        case "version":
            schema.version = diagnostics.scalar(entry.value, "'version'")
        case "swift":
            for swiftEntry in diagnostics.entries(of: entry.value, allowedKeys: SchemaKeys.swift, context: "'swift'") {
                schema.swiftModule = diagnostics.scalar(swiftEntry.value, "'swift.module'")
            }
        case "database":
            for databaseEntry in diagnostics.entries(of: entry.value, allowedKeys: SchemaKeys.database, context: "'database'") {
                switch databaseEntry.key {
                case "url": schema.databaseURL = diagnostics.scalar(databaseEntry.value, "'database.url'")
                case "locking": schema.locking = diagnostics.scalar(databaseEntry.value, "'database.locking'")
                case "lock_timeout": schema.lockTimeout = diagnostics.scalar(databaseEntry.value, "'database.lock_timeout'")
                default: break
                }
            }
        case "enums":
            for enumEntry in diagnostics.namedEntries(of: entry.value, context: "'enums'") {
                schema.enums.append(parseEnum(enumEntry, diagnostics: &diagnostics))
            }
        case "tables":
            for tableEntry in diagnostics.namedEntries(of: entry.value, context: "'tables'") {
                schema.tables.append(parseTable(tableEntry, diagnostics: &diagnostics))
            }
        case "sql_objects":
            for objectEntry in diagnostics.namedEntries(of: entry.value, context: "'sql_objects'") {
                schema.sqlObjects.append(parseSQLObject(objectEntry, diagnostics: &diagnostics))
            }
        case "views":
            for viewEntry in diagnostics.namedEntries(of: entry.value, context: "'views'") {
                schema.views.append(parseView(viewEntry, diagnostics: &diagnostics))
            }
        default:
            break
        }
    }
    if schema.version == nil {
        diagnostics.error("missing 'version': add 'version: 1' at the top of the file", at: root.location)
    }
    return schema
}

/// Where a block-mapping key is written again after its first occurrence: the next line with
/// `key:` at the same column before the mapping ends (a line indented less).
func repeatedKeyLocation(of key: String, after first: SourceLocation, in source: String) -> SourceLocation? {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard first.line >= 1, first.line < lines.count else { return nil }
    for number in first.line..<lines.count {
        let line = Array(lines[number].unicodeScalars)
        let indent = line.prefix { $0 == " " }.count
        if line.count > indent, line[indent] != "#", indent + 1 < first.column { return nil }
        guard indent + 1 == first.column else { continue }
        let rest = String(String.UnicodeScalarView(line[indent...]))
        if rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
            return SourceLocation(line: number + 1, column: first.column)
        }
    }
    return nil
}

private func parseEnum(_ entry: MappingEntry, diagnostics: inout DiagnosticCollector) -> ParsedEnum {
    var parsed = ParsedEnum(name: Located(value: entry.key, location: entry.keyNode.location))
    let context = "enum '\(entry.key)'"
    if case .mapping = entry.value {
        for item in diagnostics.entries(of: entry.value, allowedKeys: SchemaKeys.enumDefinition, context: context) {
            switch item.key {
            case "values": parseEnumValues(item.value, into: &parsed, context: context, diagnostics: &diagnostics)
            case "doc": parsed.doc = diagnostics.scalar(item.value, "'doc'")?.value
            case "swift_name": parsed.swiftName = diagnostics.scalar(item.value, "'swift_name'")
            default: break
            }
        }
    } else if case .sequence = entry.value {
        parseEnumValues(entry.value, into: &parsed, context: context, diagnostics: &diagnostics)
    } else {
        diagnostics.error("\(context) must be a list of values, such as [observe, suggest, auto]", at: entry.value.location)
    }
    if parsed.values.isEmpty, case .sequence = entry.value {
        diagnostics.error("\(context) has no values: list at least one", at: entry.value.location)
    }
    return parsed
}

/// Enum values: plain names, or `{value: new, renamed_from: old}` to declare a rename.
private func parseEnumValues(_ node: Node, into parsed: inout ParsedEnum, context: String, diagnostics: inout DiagnosticCollector) {
    guard case .sequence(let items) = node else {
        parsed.values = diagnostics.scalarList(node, "the values of \(context)") ?? []
        return
    }
    for item in items {
        if case .mapping = item {
            var value: Located<String>?, previous: Located<String>?, swiftName: Located<String>?
            for field in diagnostics.entries(of: item, allowedKeys: SchemaKeys.enumValue, context: "a value of \(context)") {
                switch field.key {
                case "value": value = diagnostics.scalar(field.value, "'value'")
                case "swift_name": swiftName = diagnostics.scalar(field.value, "'swift_name'")
                default: previous = diagnostics.scalar(field.value, "'renamed_from'")
                }
            }
            guard let value else {
                diagnostics.error("a value of \(context) written as a mapping needs 'value', such as {value: suggest, renamed_from: propose}", at: item.location)
                continue
            }
            parsed.values.append(value)
            if let previous { parsed.renames.append((previous, value.value)) }
            if let swiftName { parsed.valueSwiftNames[value.value] = swiftName }
        } else if let value = diagnostics.scalar(item, "each value of \(context)") {
            parsed.values.append(value)
        }
    }
}

private func parseTable(_ entry: MappingEntry, diagnostics: inout DiagnosticCollector) -> ParsedTable {
    var table = ParsedTable(name: Located(value: entry.key, location: entry.keyNode.location))
    let context = "table '\(entry.key)'"
    var sawColumns = false
    for item in diagnostics.entries(of: entry.value, allowedKeys: SchemaKeys.table, context: context) {
        switch item.key {
        case "swift_name": table.swiftName = diagnostics.scalar(item.value, "'swift_name'")
        case "doc": table.doc = diagnostics.scalar(item.value, "'doc'")?.value
        case "renamed_from": table.renamedFrom = diagnostics.scalar(item.value, "'renamed_from'")
        case "columns":
            sawColumns = true
            for columnEntry in diagnostics.namedEntries(of: item.value, context: "the columns of \(context)") {
                table.columns.append(parseColumn(columnEntry, table: entry.key, diagnostics: &diagnostics))
            }
        case "primary_key":
            if case .mapping = item.value {
                var columns: [Located<String>]?
                for field in diagnostics.entries(of: item.value, allowedKeys: SchemaKeys.primaryKey, context: "'primary_key' of \(context)") {
                    if field.key == "columns" {
                        columns = diagnostics.scalarList(field.value, "'columns' of the primary key of \(context)")
                    } else {
                        table.primaryKeyName = diagnostics.scalar(field.value, "'name'")
                    }
                }
                if let columns {
                    table.primaryKey = Located(value: columns, location: item.value.location)
                } else {
                    diagnostics.error("'primary_key' of \(context) written as a mapping needs 'columns', such as {columns: [id], name: experiment_pk}", at: item.value.location)
                    table.hasInvalidPrimaryKey = true
                }
            } else if let columns = diagnostics.scalarList(item.value, "'primary_key' of \(context)") {
                table.primaryKey = Located(value: columns, location: item.value.location)
            }
        case "foreign_keys":
            table.foreignKeys = parseList(item.value, "'foreign_keys' of \(context)", diagnostics: &diagnostics) { node, diagnostics in
                parseForeignKey(node, table: entry.key, diagnostics: &diagnostics)
            }
        case "indexes":
            table.indexes = parseList(item.value, "'indexes' of \(context)", diagnostics: &diagnostics) { node, diagnostics in
                parseIndex(node, table: entry.key, diagnostics: &diagnostics)
            }
        case "unique":
            table.uniqueConstraints = parseList(item.value, "'unique' of \(context)", diagnostics: &diagnostics) { node, diagnostics in
                parseUnique(node, table: entry.key, diagnostics: &diagnostics)
            }
        case "checks":
            table.checks = parseList(item.value, "'checks' of \(context)", diagnostics: &diagnostics) { node, diagnostics in
                parseCheck(node, table: entry.key, diagnostics: &diagnostics)
            }
        default: break
        }
    }
    if !sawColumns, case .mapping = entry.value {
        diagnostics.error("\(context) has no 'columns': add a 'columns:' mapping", at: entry.keyNode.location)
    }
    return table
}

private func parseList<Item>(
    _ node: Node, _ what: String, diagnostics: inout DiagnosticCollector,
    _ parseItem: (Node, inout DiagnosticCollector) -> Item?
) -> [Item] {
    guard case .sequence(let sequence) = node else {
        diagnostics.error("\(what) must be a list, not \(node.kindDescription)", at: node.location)
        return []
    }
    return sequence.compactMap { parseItem($0, &diagnostics) }
}

private func parseIndex(_ node: Node, table: String, diagnostics: inout DiagnosticCollector) -> ParsedIndex? {
    if case .sequence = node {
        guard let columns = diagnostics.scalarList(node, "an index of table '\(table)'") else { return nil }
        var index = ParsedIndex(columns: [], unique: false, name: nil, location: node.location)
        readKeyColumns(columns, into: &index, diagnostics: &diagnostics)
        return index
    }
    var index = ParsedIndex(columns: [], unique: false, name: nil, location: node.location)
    var sawColumns = false
    for item in diagnostics.entries(of: node, allowedKeys: SchemaKeys.index, context: "an index of table '\(table)'") {
        switch item.key {
        case "columns":
            sawColumns = true
            readKeyColumns(diagnostics.scalarList(item.value, "'columns' of an index") ?? [], into: &index, diagnostics: &diagnostics)
        case "expressions":
            sawColumns = true
            index.expressions = diagnostics.scalarList(item.value, "'expressions' of an index") ?? []
        case "include": index.include = diagnostics.scalarList(item.value, "'include' of an index") ?? []
        case "unique": index.unique = diagnostics.bool(item.value, "'unique'")?.value ?? false
        case "name": index.name = diagnostics.scalar(item.value, "'name'")
        case "where": index.predicate = diagnostics.scalar(item.value, "'where'")
        default: break
        }
    }
    if !sawColumns, case .mapping = node {
        diagnostics.error("an index of table '\(table)' has no 'columns': list the indexed columns (or 'expressions')", at: node.location)
        return nil
    }
    return index
}

/// An index's key columns as written: `name`, or `name desc` / `name asc`.
private func readKeyColumns(_ written: [Located<String>], into index: inout ParsedIndex, diagnostics: inout DiagnosticCollector) {
    for item in written {
        let words = item.value.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 2, ["desc", "asc"].contains(words[1].lowercased()) {
            index.columns.append(Located(value: String(words[0]), location: item.location))
            if words[1].lowercased() == "desc" { index.descending.append(String(words[0])) }
        } else if words.count > 1 {
            diagnostics.error("index column '\(item.value)' is not a column name, optionally followed by desc or asc: write such as 'created_at desc', or put an expression in 'expressions'", at: item.location)
        } else {
            index.columns.append(item)
        }
    }
}

private func parseUnique(_ node: Node, table: String, diagnostics: inout DiagnosticCollector) -> ParsedUnique? {
    if case .mapping = node {
        var unique = ParsedUnique(columns: [], name: nil, location: node.location)
        var sawColumns = false
        for item in diagnostics.entries(of: node, allowedKeys: SchemaKeys.unique, context: "a unique constraint of table '\(table)'") {
            switch item.key {
            case "columns":
                sawColumns = true
                unique.columns = diagnostics.scalarList(item.value, "'columns' of a unique constraint") ?? []
            case "name": unique.name = diagnostics.scalar(item.value, "'name'")
            default: break
            }
        }
        if !sawColumns {
            diagnostics.error("a unique constraint of table '\(table)' has no 'columns': list its columns", at: node.location)
            return nil
        }
        return unique
    }
    guard let columns = diagnostics.scalarList(node, "a unique constraint of table '\(table)'") else { return nil }
    return ParsedUnique(columns: columns, name: nil, location: node.location)
}

private func parseForeignKey(_ node: Node, table: String, diagnostics: inout DiagnosticCollector) -> ParsedForeignKey? {
    let context = "a foreign key of table '\(table)'"
    guard case .mapping = node else {
        diagnostics.error("\(context) must be a mapping, such as {columns: [a, b], references: {table: t, columns: [x, y]}}, not \(node.kindDescription)", at: node.location)
        return nil
    }
    var key = ParsedForeignKey(location: node.location)
    var sawColumns = false, sawReferences = false
    for item in diagnostics.entries(of: node, allowedKeys: SchemaKeys.foreignKey, context: context) {
        switch item.key {
        case "columns":
            sawColumns = true
            key.columns = diagnostics.scalarList(item.value, "'columns' of \(context)") ?? []
        case "references":
            sawReferences = true
            guard case .mapping = item.value else {
                diagnostics.error("'references' of \(context) must be a mapping such as {table: t, columns: [x, y]}, not \(item.value.kindDescription)", at: item.value.location)
                continue
            }
            for field in diagnostics.entries(of: item.value, allowedKeys: SchemaKeys.foreignKeyTarget, context: "'references' of \(context)") {
                if field.key == "table" {
                    key.referencedTable = diagnostics.scalar(field.value, "'table'")
                } else {
                    key.referencedColumns = diagnostics.scalarList(field.value, "'columns' of 'references'") ?? []
                }
            }
            if key.referencedTable == nil {
                diagnostics.error("'references' of \(context) has no 'table': name the referenced table", at: item.value.location)
            }
        case "name": key.name = diagnostics.scalar(item.value, "'name'")
        case "on_delete": key.onDelete = diagnostics.scalar(item.value, "'on_delete'")
        case "on_update": key.onUpdate = diagnostics.scalar(item.value, "'on_update'")
        default: break
        }
    }
    if !sawColumns { diagnostics.error("\(context) has no 'columns': list the referencing columns", at: node.location) }
    if !sawReferences { diagnostics.error("\(context) has no 'references': add {table: t, columns: [x]}", at: node.location) }
    guard sawColumns, sawReferences, key.referencedTable != nil else { return nil }
    return key
}

private func parseCheck(_ node: Node, table: String, diagnostics: inout DiagnosticCollector) -> ParsedCheck? {
    if case .scalar = node {
        guard let expression = diagnostics.scalar(node, "a check of table '\(table)'") else { return nil }
        return ParsedCheck(expression: expression, name: nil, location: node.location)
    }
    var expression: Located<String>?
    var name: Located<String>?
    for item in diagnostics.entries(of: node, allowedKeys: SchemaKeys.check, context: "a check of table '\(table)'") {
        switch item.key {
        case "expression": expression = diagnostics.scalar(item.value, "'expression'")
        case "name": name = diagnostics.scalar(item.value, "'name'")
        default: break
        }
    }
    guard let expression else {
        if case .mapping = node {
            diagnostics.error("a check of table '\(table)' has no 'expression': write the SQL condition", at: node.location)
        }
        return nil
    }
    return ParsedCheck(expression: expression, name: name, location: node.location)
}

private func parseColumn(_ entry: MappingEntry, table: String, allowedKeys: [String] = SchemaKeys.column, diagnostics: inout DiagnosticCollector) -> ParsedColumn {
    var column = ParsedColumn(name: Located(value: entry.key, location: entry.keyNode.location))
    let context = "column '\(table).\(entry.key)'"
    // Shorthand: `name: text` is `name: {type: text}`.
    if case .scalar = entry.value, !entry.value.isNull {
        column.type = diagnostics.scalar(entry.value, "'type'")
        return column
    }
    for item in diagnostics.entries(of: entry.value, allowedKeys: allowedKeys, context: context) {
        switch item.key {
        case "type": column.type = diagnostics.scalar(item.value, "'type' of \(context)")
        case "max_length": column.maxLength = diagnostics.scalar(item.value, "'max_length' of \(context)")
        case "postgres_type": column.postgresType = diagnostics.scalar(item.value, "'postgres_type' of \(context)")
        case "check_name": column.checkName = diagnostics.scalar(item.value, "'check_name' of \(context)")
        case "precision": column.precision = diagnostics.scalar(item.value, "'precision' of \(context)")
        case "scale": column.scale = diagnostics.scalar(item.value, "'scale' of \(context)")
        case "nullable": column.nullable = diagnostics.bool(item.value, "'nullable' of \(context)")
        case "auto_increment": column.autoIncrement = diagnostics.bool(item.value, "'auto_increment' of \(context)")
        case "generated": column.generated = perDialect(item.value, "generated", of: context, diagnostics: &diagnostics)
        case "primary_key":
            column.primaryKey = diagnostics.bool(item.value, "'primary_key' of \(context)")
            column.hasInvalidPrimaryKey = column.primaryKey == nil
        case "unique": column.unique = diagnostics.bool(item.value, "'unique' of \(context)")
        case "index": column.index = diagnostics.bool(item.value, "'index' of \(context)")
        case "references": column.references = diagnostics.scalar(item.value, "'references' of \(context)")
        case "on_delete": column.onDelete = diagnostics.scalar(item.value, "'on_delete' of \(context)")
        case "on_update": column.onUpdate = diagnostics.scalar(item.value, "'on_update' of \(context)")
        case "check": column.check = diagnostics.scalar(item.value, "'check' of \(context)")
        case "doc": column.doc = diagnostics.scalar(item.value, "'doc' of \(context)")?.value
        case "swift_name": column.swiftName = diagnostics.scalar(item.value, "'swift_name' of \(context)")
        case "renamed_from": column.renamedFrom = diagnostics.scalar(item.value, "'renamed_from' of \(context)")
        case "default": column.defaultValue = parseDefault(item.value, context: context, diagnostics: &diagnostics)
        default: break
        }
    }
    if column.type == nil, case .mapping = entry.value {
        diagnostics.error("\(context) has no 'type': add one, such as 'type: string'", at: entry.keyNode.location)
    }
    return column
}

private func parseDefault(_ node: Node, context: String, diagnostics: inout DiagnosticCollector) -> Located<ParsedDefault>? {
    switch node {
    case .scalar(let scalar):
        // NUL cannot be stored in PostgreSQL text, and ends C strings in SQLite's API.
        if scalar.string.unicodeScalars.contains("\0") {
            diagnostics.error("'default' of \(context) contains a NUL character (\\0), which neither database can store in text: remove it", at: node.location)
            return nil
        }
        let value: ParsedDefault = node.isQuotedScalar ? .quoted(scalar.string) : .plain(scalar.string)
        return Located(value: value, location: node.location)
    case .mapping(let pairs) where pairs.count == 1 && pairs[0].key.scalarText == "sql":
        // `{sql: …}` is an SQL expression (on a json column too: a JSON default is any other mapping).
        let body = pairs[0].value
        if case .scalar = body, let text = diagnostics.scalar(body, "'default: {sql: …}' of \(context)") {
            return Located(value: .sql(sqlite: text, postgres: text), location: node.location)
        }
        var sqlite: Located<String>?, postgres: Located<String>?
        for entry in diagnostics.entries(of: body, allowedKeys: ["sqlite", "postgres"], context: "'default: {sql: …}' of \(context)") {
            let text = diagnostics.scalar(entry.value, "'\(entry.key)' of 'default: {sql: …}'")
            if entry.key == "sqlite" { sqlite = text } else { postgres = text }
        }
        guard sqlite != nil || postgres != nil else {
            diagnostics.error("'default: {sql: …}' of \(context) has no expression: write {sql: \"expression\"} or {sql: {sqlite: \"…\", postgres: \"…\"}}", at: node.location)
            return nil
        }
        return Located(value: .sql(sqlite: sqlite, postgres: postgres), location: node.location)
    case .mapping, .sequence:
        let json: String
        do {
            json = try canonicalJSON(node)
        } catch {
            let reason = switch error {
            case .notJSON: "cannot be written as JSON (its keys must be plain text)"
            case .tooManyNodes: "expands to more than \(SourceText.maximumDefaultNodes) values (YAML aliases count each time they are used): write a smaller default"
            case .tooDeep: "is nested deeper than \(SourceText.maximumDepth) levels: write a flatter default"
            case .tooLong: "is longer than \(SourceText.maximumDefaultBytes / 1024) KiB of JSON: write a smaller default"
            case .containsNUL: "contains a NUL character (\\0), which PostgreSQL cannot store in JSON: remove it"
            }
            diagnostics.error("'default' of \(context) \(reason)", at: node.location)
            return nil
        }
        return Located(value: .json(json), location: node.location)
    case .alias:
        diagnostics.error("'default' of \(context) must be a value, not an alias", at: node.location)
        return nil
    }
}

/// SQL for both dialects (a string) or per dialect (`{sqlite: SQL, postgres: SQL}`).
private func perDialect(_ node: Node, _ key: String, of context: String, diagnostics: inout DiagnosticCollector) -> [String: Located<String>] {
    if case .scalar = node, let text = diagnostics.scalar(node, "'\(key)' of \(context)") {
        return ["sqlite": text, "postgres": text]
    }
    var result: [String: Located<String>] = [:]
    for item in diagnostics.entries(of: node, allowedKeys: ["sqlite", "postgres"], context: "'\(key)' of \(context)") {
        result[item.key] = diagnostics.scalar(item.value, "'\(key).\(item.key)' of \(context)")
    }
    return result
}

/// `name: {columns: {…}, query: SQL or {sqlite: SQL, postgres: SQL}, tables: [...], doc, swift_name}`.
private func parseView(_ entry: MappingEntry, diagnostics: inout DiagnosticCollector) -> ParsedView {
    var view = ParsedView(name: Located(value: entry.key, location: entry.keyNode.location))
    let context = "view '\(entry.key)'"
    for item in diagnostics.entries(of: entry.value, allowedKeys: SchemaKeys.view, context: context) {
        switch item.key {
        case "swift_name": view.swiftName = diagnostics.scalar(item.value, "'swift_name'")
        case "doc": view.doc = diagnostics.scalar(item.value, "'doc'")?.value
        case "tables": view.tables = diagnostics.scalarList(item.value, "'tables' of \(context)") ?? []
        case "query": view.query = perDialect(item.value, "query", of: context, diagnostics: &diagnostics)
        case "columns":
            for columnEntry in diagnostics.namedEntries(of: item.value, context: "the columns of \(context)") {
                view.columns.append(parseColumn(columnEntry, table: entry.key, allowedKeys: SchemaKeys.viewColumn, diagnostics: &diagnostics))
            }
        default: break
        }
    }
    return view
}

/// `name: {tables: [...], create: SQL or {sqlite: SQL, postgres: SQL}, drop: …}`.
private func parseSQLObject(_ entry: MappingEntry, diagnostics: inout DiagnosticCollector) -> ParsedSQLObject {
    var object = ParsedSQLObject(name: Located(value: entry.key, location: entry.keyNode.location))
    let context = "SQL object '\(entry.key)'"
    func perDialect(_ node: Node, _ key: String) -> [String: Located<String>] {
        StrataGenerator.perDialect(node, key, of: context, diagnostics: &diagnostics)
    }
    for item in diagnostics.entries(of: entry.value, allowedKeys: SchemaKeys.sqlObject, context: context) {
        switch item.key {
        case "tables": object.tables = diagnostics.scalarList(item.value, "'tables' of \(context)") ?? []
        case "create": object.create = perDialect(item.value, "create")
        case "drop": object.drop = perDialect(item.value, "drop")
        default: break
        }
    }
    return object
}
