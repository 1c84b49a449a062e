import StrataSchema

/// Renders a schema read from a database (`strata pull`) as `schema.yaml`: deterministic to the
/// byte, in the short forms a person would write (`primary_key: true`, `index: true`,
/// `references: t.c`) wherever the names are the ones the naming convention gives, and with
/// explicit names wherever the database's differ, so that nothing is renamed.
///
/// What the database holds and the schema cannot express is listed in a comment at the end;
/// database text in comments is escaped, so no catalog value can add a line to the file.
public enum SchemaFileWriter {
    /// The first line of a pulled file.
    public static let header = "# Pulled from a database by 'strata pull'. From now on this file is the source of truth: edit it, then run 'strata revision --autogenerate'."

    /// The file for `introspected`.
    /// - Parameters:
    ///   - module: The Swift module of the generated models.
    ///   - databaseURL: Written as `database.url` when given (never a URL with a password).
    public static func render(_ introspected: IntrospectedSchema, module: String, databaseURL: String? = nil) -> String {
        let schema = introspected.schema
        var pairs: [(key: String, value: YAMLText)] = [
            ("version", .keyword("1")),
            ("swift", .mapping([("module", .scalar(module))], flow: false)),
        ]
        if let databaseURL { pairs.append(("database", .mapping([("url", .scalar(databaseURL, quoted: true))], flow: false))) }
        if !schema.enums.isEmpty {
            pairs.append(("enums", .mapping(schema.enums.map { ($0.name, .sequence($0.values.enumerated().map(encodeValue), flow: true)) }, flow: false)))
        }
        pairs.append(("tables", .mapping(schema.tables.map { ($0.name, encode($0)) }, flow: false)))
        if !introspected.views.isEmpty {
            pairs.append(("views", .mapping(introspected.views.map { ($0.name, encode($0)) }, flow: false)))
        }
        var lines = [header]
        lines += YAMLText.mapping(pairs, flow: false).block(indent: 0)
        if !introspected.warnings.isEmpty {
            lines.append("")
            lines.append("# Not in this file as the database has it (each stays in the database; see docs/adopting.md):")
            lines += introspected.warnings.map { "#   \($0.description)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value as itself, or `{value: "+", swift_name: value4}` when no Swift case name can be
    /// derived from it.
    static func encodeValue(position: Int, value: String) -> YAMLText {
        guard SwiftNaming.caseName(forValue: value) == nil else { return .scalar(value) }
        return .mapping([("value", .scalar(value, quoted: true)), ("swift_name", .scalar("value\(position + 1)"))], flow: true)
    }

    /// A view: its columns with their types, and its query for the dialect it was read from.
    static func encode(_ view: ViewDefinition) -> YAMLText {
        let columns: [(key: String, value: YAMLText)] = view.columns.map { column in
            var fields: [(key: String, value: YAMLText)] = [("type", .scalar(column.type.schemaName))]
            fields += column.type.schemaOptions.map { ($0.key, YAMLText.keyword($0.value)) }
            if column.isNullable { fields.append(("nullable", .keyword("true"))) }
            return (column.name, .mapping(fields, flow: true))
        }
        let query = view.query.sorted { $0.key > $1.key }.map { ($0.key, YAMLText.scalar($0.value, quoted: true)) }
        return .mapping([("columns", .mapping(columns, flow: false)), ("query", .mapping(query, flow: false))], flow: false)
    }

    static func encode(_ table: Table) -> YAMLText {
        let singleKey = table.primaryKey.columns.count == 1 && table.primaryKey.name == NamingConvention.primaryKey(table: table.name)
        func isColumnUnique(_ unique: UniqueConstraint) -> Bool {
            unique.columns.count == 1 && unique.name == NamingConvention.unique(table: table.name, columns: unique.columns)
        }
        func isColumnIndex(_ index: Index) -> Bool {
            !index.isUnique && index.isPlain && index.columns.count == 1 && index.name == NamingConvention.index(table: table.name, columns: index.columns)
        }
        func isColumnKey(_ key: ForeignKey) -> Bool {
            key.columns.count == 1 && key.referencedColumns.count == 1
                && key.name == NamingConvention.foreignKey(table: table.name, columns: key.columns, referencedTable: key.referencedTable)
        }
        func columnCheck(_ check: CheckConstraint) -> String? {
            table.columns.first { check.name == NamingConvention.check(table: table.name, label: $0.name) }?.name
        }
        // A column holds at most one check of its own name; the rest are table checks.
        var columnChecks: [String: CheckConstraint] = [:]
        var tableChecks: [CheckConstraint] = []
        for check in table.checkConstraints {
            if let column = columnCheck(check), columnChecks[column] == nil {
                columnChecks[column] = check
            } else {
                tableChecks.append(check)
            }
        }

        var columns: [(key: String, value: YAMLText)] = []
        for column in table.columns {
            var fields: [(key: String, value: YAMLText)] = [("type", .scalar(column.type.schemaName))]
            fields += column.type.schemaOptions.map { ($0.key, YAMLText.keyword($0.value)) }
            if let length = column.enumMaxLength { fields.append(("max_length", .keyword(String(length)))) }
            if singleKey, table.primaryKey.columns == [column.name] { fields.append(("primary_key", .keyword("true"))) }
            if column.isNullable { fields.append(("nullable", .keyword("true"))) }
            if column.isAutoIncrement { fields.append(("auto_increment", .keyword("true"))) }
            if let expression = column.generatedExpression { fields.append(("generated", MigrationFileWriter.expressionByDialect(expression))) }
            if let value = column.defaultValue { fields.append(("default", encode(value))) }
            if table.uniqueConstraints.contains(where: { isColumnUnique($0) && $0.columns == [column.name] }) { fields.append(("unique", .keyword("true"))) }
            if table.indexes.contains(where: { isColumnIndex($0) && $0.columns == [column.name] }) { fields.append(("index", .keyword("true"))) }
            if let key = table.foreignKeys.first(where: { isColumnKey($0) && $0.columns == [column.name] }) {
                fields.append(("references", .scalar("\(key.referencedTable).\(key.referencedColumns[0])")))
                if key.onDelete != .noAction { fields.append(("on_delete", .scalar(key.onDelete.rawValue))) }
                if key.onUpdate != .noAction { fields.append(("on_update", .scalar(key.onUpdate.rawValue))) }
            }
            if let check = columnChecks[column.name] { fields.append(("check", .scalar(check.expression, quoted: true))) }
            if let name = column.enumCheckName { fields.append(("check_name", .scalar(name))) }
            if let comment = column.comment { fields.append(("doc", .scalar(comment, quoted: true))) }
            columns.append((column.name, .mapping(fields, flow: true)))
        }

        var pairs: [(key: String, value: YAMLText)] = []
        if let comment = table.comment { pairs.append(("doc", .scalar(comment, quoted: true))) }
        pairs.append(("columns", .mapping(columns, flow: false)))
        if !singleKey {
            let names = YAMLText.sequence(table.primaryKey.columns.map { .scalar($0) }, flow: true)
            if table.primaryKey.name == NamingConvention.primaryKey(table: table.name) {
                pairs.append(("primary_key", names))
            } else {
                pairs.append(("primary_key", .mapping([("columns", names), ("name", .scalar(table.primaryKey.name))], flow: true)))
            }
        }
        let indexes = table.indexes.filter { !isColumnIndex($0) }
        if !indexes.isEmpty {
            pairs.append(("indexes", .sequence(indexes.map { index in
                var fields: [(key: String, value: YAMLText)] = []
                if !index.columns.isEmpty {
                    fields.append(("columns", .sequence(index.columns.map { .scalar(index.descendingColumns.contains($0) ? "\($0) desc" : $0) }, flow: true)))
                }
                if !index.expressions.isEmpty { fields.append(("expressions", .sequence(index.expressions.map { .scalar($0, quoted: true) }, flow: true))) }
                if !index.includedColumns.isEmpty { fields.append(("include", names(index.includedColumns))) }
                if index.isUnique { fields.append(("unique", .keyword("true"))) }
                if index.name != NamingConvention.index(table: table.name, columns: index.columns) || !index.expressions.isEmpty { fields.append(("name", .scalar(index.name))) }
                if let predicate = index.predicate { fields.append(("where", .scalar(predicate, quoted: true))) }
                return .mapping(fields, flow: true)
            }, flow: false)))
        }
        let uniques = table.uniqueConstraints.filter { !isColumnUnique($0) }
        if !uniques.isEmpty {
            pairs.append(("unique", .sequence(uniques.map { unique in
                var fields: [(key: String, value: YAMLText)] = [("columns", names(unique.columns))]
                if unique.name != NamingConvention.unique(table: table.name, columns: unique.columns) { fields.append(("name", .scalar(unique.name))) }
                return .mapping(fields, flow: true)
            }, flow: false)))
        }
        if !tableChecks.isEmpty {
            pairs.append(("checks", .sequence(tableChecks.enumerated().map { position, check in
                var fields: [(key: String, value: YAMLText)] = []
                if check.name != NamingConvention.check(table: table.name, label: "\(position + 1)") { fields.append(("name", .scalar(check.name))) }
                fields.append(("expression", .scalar(check.expression, quoted: true)))
                return .mapping(fields, flow: true)
            }, flow: false)))
        }
        let keys = table.foreignKeys.filter { !isColumnKey($0) }
        if !keys.isEmpty {
            pairs.append(("foreign_keys", .sequence(keys.map { key in
                var fields: [(key: String, value: YAMLText)] = [
                    ("columns", names(key.columns)),
                    ("references", .mapping([("table", .scalar(key.referencedTable)), ("columns", names(key.referencedColumns))], flow: true)),
                ]
                if key.onDelete != .noAction { fields.append(("on_delete", .scalar(key.onDelete.rawValue))) }
                if key.onUpdate != .noAction { fields.append(("on_update", .scalar(key.onUpdate.rawValue))) }
                if key.name != NamingConvention.foreignKey(table: table.name, columns: key.columns, referencedTable: key.referencedTable) {
                    fields.append(("name", .scalar(key.name)))
                }
                return .mapping(fields, flow: true)
            }, flow: false)))
        }
        return .mapping(pairs, flow: false)
    }

    /// `text` as canonical JSON on one line, or `nil` when it is not JSON.
    static func canonical(json text: String) -> String? {
        var diagnostics = DiagnosticCollector(fileName: "default")
        guard let node = composeYAML(text, emptyMessage: "empty", diagnostics: &diagnostics), !diagnostics.hasErrors else { return nil }
        return try? canonicalJSON(node)
    }

    static func names(_ names: [String]) -> YAMLText { .sequence(names.map { .scalar($0) }, flow: true) }

    static func encode(_ value: ColumnDefault) -> YAMLText {
        switch value {
        case .now: .scalar("now")
        case .uuid: .scalar("uuid")
        // The words `now` and `uuid` are quoted: plain, they ask for the current time or a UUID.
        case .literal(.string(let text)): .scalar(text, quoted: text == "now" || text == "uuid")
        case .literal(.int(let number)): .keyword(String(number))
        case .literal(.double(let number)): .keyword(number.description)
        case .literal(.bool(let flag)): .keyword(flag ? "true" : "false")
        // JSON is YAML's flow syntax: the document in canonical form, on one line (a JSON string
        // reads back as a quoted scalar, which a json column takes as that string).
        case .literal(.json(let text)): canonical(json: text).map { .keyword($0) } ?? .scalar(text, quoted: true)
        case .sql(let expression): MigrationFileWriter.sqlDefault(expression)
        }
    }
}
