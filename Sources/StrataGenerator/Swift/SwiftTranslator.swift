import StrataSchema

/// Translates a validated schema into descriptions of the generated Swift files.
struct SwiftTranslator {
    let validated: ValidatedSchema
    let sourceFileName: String

    var schema: Schema { validated.schema }

    // MARK: Types

    /// The Swift type of a column's values, optional when the column is nullable.
    func swiftType(_ column: Column) -> String {
        let base = baseSwiftType(column.type)
        return column.isNullable ? base + "?" : base
    }

    func baseSwiftType(_ type: ColumnType) -> String {
        switch type {
        case .uuid: "UUID"
        case .string, .text: "String"
        case .int: "Int64"
        case .double: "Double"
        case .bool: "Bool"
        case .timestamp, .date: "Date"
        case .bytes: "Data"
        case .json: "JSONValue"
        case .enumeration(let name): enumTypeName(name)
        }
    }

    func enumTypeName(_ name: String) -> String {
        guard let position = schema.enums.firstIndex(where: { $0.name == name }) else { return name }
        return validated.swiftEnums[position].typeName
    }

    func remark(_ what: String, line: Int?) -> String {
        let place = line.map { "\(sourceFileName):\($0)" } ?? sourceFileName
        return "- Remark: Generated from \(what) (\(place))."
    }

    func docs(_ doc: String?, remark: String) -> [String] {
        guard let doc, !doc.isEmpty else { return [remark] }
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingSpaces() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines + ["", remark]
    }

    // MARK: Enums.swift

    func enumsFile() -> SwiftFile {
        let declarations = zip(schema.enums, validated.swiftEnums).map { enumType, names in
            SwiftDeclaration.enumeration(SwiftEnum(
                docs: docs(names.doc, remark: remark("enum `\(enumType.name)`", line: names.line)),
                name: names.typeName,
                conformances: ["String", "Codable", "Hashable", "Sendable", "CaseIterable"],
                members: zip(names.caseNames, enumType.values).map { name, value in
                    .enumCase(name: name, rawValue: name == value ? nil : value)
                }
            ))
        }
        return SwiftFile(imports: [], declarations: declarations)
    }

    // MARK: Models.swift

    func modelsFile() -> SwiftFile {
        let declarations = zip(schema.tables, validated.swiftTables).map { table, names in
            SwiftDeclaration.structure(model(table, names))
        }
        return SwiftFile(imports: ["Foundation", "StrataRuntime"], declarations: declarations)
    }

    func model(_ table: Table, _ names: SwiftTableNames) -> SwiftStruct {
        var members: [SwiftDeclaration] = []
        for (position, column) in table.columns.enumerated() {
            members.append(.property(SwiftProperty(
                docs: docs(names.columnDocs[position], remark: remark("column `\(column.name)`", line: names.columnLines[position])),
                name: names.propertyNames[position], type: swiftType(column), kind: .stored
            )))
        }
        var conformances = ["Codable", "Hashable", "Sendable"]
        switch names.identity {
        case .idProperty, .none:
            break
        case .computed(let property):
            let key = table.columns[names.propertyNames.firstIndex(of: property)!]
            members.append(.property(SwiftProperty(
                docs: ["The primary key, `\(key.name)`."], name: "id", type: swiftType(key),
                kind: .computed(.identifier(SwiftNaming.escaped(property)))
            )))
        case .composite:
            let keyColumns = table.primaryKey.columns.compactMap { key in table.columns.firstIndex { $0.name == key } }
            members.append(.structure(SwiftStruct(
                docs: ["The primary key of `\(table.name)`: \(table.primaryKey.columns.map { "`\($0)`" }.joined(separator: ", "))."],
                name: "ID", conformances: ["Hashable", "Sendable"],
                members: keyColumns.map { .property(SwiftProperty(docs: [], name: names.propertyNames[$0], type: swiftType(table.columns[$0]), kind: .stored)) }
                    + [.initializer(SwiftInitializer(docs: [], parameters: keyColumns.map { .init(name: names.propertyNames[$0], type: swiftType(table.columns[$0])) }))]
            )))
            members.append(.property(SwiftProperty(
                docs: ["The primary key."], name: "id", type: "ID",
                kind: .computed(.call(callee: .identifier("ID"), arguments: keyColumns.map {
                    .init(label: SwiftNaming.escaped(names.propertyNames[$0]), value: .identifier(SwiftNaming.escaped(names.propertyNames[$0])))
                }, multiline: false))
            )))
        }
        if names.identity != .none { conformances.append("Identifiable") }

        members.append(.initializer(SwiftInitializer(
            docs: ["Creates a value from its columns. Parameters with a default mirror the database defaults."],
            parameters: table.columns.enumerated().map { position, column in
                .init(name: names.propertyNames[position], type: swiftType(column), defaultValue: defaultExpression(column))
            }
        )))
        members.append(.enumeration(SwiftEnum(
            docs: ["The column names of `\(table.name)`."],
            name: "CodingKeys", conformances: ["String", "CodingKey", "CaseIterable", "Sendable"],
            members: zip(names.propertyNames, table.columns).map { name, column in
                .enumCase(name: name, rawValue: name == column.name ? nil : column.name)
            }
        )))
        return SwiftStruct(
            docs: docs(names.doc, remark: remark("table `\(table.name)`", line: names.line)),
            name: names.typeName, conformances: conformances, members: members
        )
    }

    /// The initializer default mirroring the column's database default; `nil` for nullable columns.
    func defaultExpression(_ column: Column) -> SwiftExpression? {
        guard let value = column.defaultValue else { return column.isNullable ? .nilLiteral : nil }
        switch value {
        case .now: return .call(callee: .identifier("Date"), arguments: [], multiline: false)
        case .uuid: return .call(callee: .identifier("UUID"), arguments: [], multiline: false)
        case .literal(let literal):
            switch (literal, column.type) {
            case (.string(let text), .enumeration(let enumName)):
                guard let enumPosition = schema.enums.firstIndex(where: { $0.name == enumName }),
                      let casePosition = schema.enums[enumPosition].values.firstIndex(of: text)
                else { return nil }
                return .member(base: nil, name: validated.swiftEnums[enumPosition].caseNames[casePosition])
            case (.string(let text), .uuid):
                return .call(callee: .identifier("UUID"), arguments: [.init(label: "uuidString", value: .stringLiteral(text))], multiline: false)
                    .forceUnwrapped
            case (.string(let text), _): return .stringLiteral(text)
            case (.int(let number), _): return .integerLiteral(number)
            case (.double(let number), _): return .floatLiteral(number)
            case (.bool(let flag), _): return .booleanLiteral(flag)
            case (.json(let text), _): return jsonExpression(text)
            }
        }
    }

    /// A `JSONValue` literal for canonical JSON text written by `canonicalJSON`.
    func jsonExpression(_ text: String) -> SwiftExpression {
        var parser = CanonicalJSONParser(text: Array(text.unicodeScalars))
        return parser.parseValue() ?? .nilLiteral
    }

    // MARK: Tables.swift

    func tablesFile() -> SwiftFile {
        var declarations: [SwiftDeclaration] = zip(schema.tables, validated.swiftTables).map { table, names in
            .extensionBlock(tableExtension(table, names))
        }
        let typeNames = Dictionary(zip(schema.tables.map(\.name), validated.swiftTables.map(\.typeName)), uniquingKeysWith: { first, _ in first })
        let ordered = schema.createStatements().compactMap { statement -> String? in
            if case .createTable(let table, _) = statement { return table.name }
            return nil
        }
        declarations.append(.enumeration(SwiftEnum(
            docs: ["The tables of this schema, as the runtime sees them.", "", remark("`tables`", line: nil)],
            name: "GeneratedSchema", conformances: [],
            members: [.property(SwiftProperty(
                docs: ["Every table, parents before the tables that reference them."],
                name: "tables", type: "[TableMetadata]",
                kind: .staticConstant(.array(ordered.map { name in
                    .member(base: .identifier(typeNames[name] ?? name), name: "table")
                }, multiline: true))
            ))]
        )))
        return SwiftFile(imports: ["Foundation", "StrataRuntime"], declarations: declarations)
    }

    func tableExtension(_ table: Table, _ names: SwiftTableNames) -> SwiftExtension {
        let columns = table.columns.map { column in
            SwiftExpression.call(callee: .identifier("ColumnMetadata"), arguments: [
                .init(label: "name", value: .stringLiteral(column.name)),
                .init(label: "type", value: columnTypeExpression(column.type)),
                .init(label: "isNullable", value: .booleanLiteral(column.isNullable)),
                .init(label: "hasDefault", value: .booleanLiteral(column.defaultValue != nil)),
                .init(label: "isUpdatedOnWrite", value: .booleanLiteral(column.isUpdatedOnWrite)),
                .init(label: "isPrimaryKey", value: .booleanLiteral(table.primaryKey.columns.contains(column.name))),
            ], multiline: false)
        }
        let metadata = SwiftExpression.call(callee: .identifier("TableMetadata"), arguments: [
            .init(label: "name", value: .stringLiteral(table.name)),
            .init(label: "columns", value: .array(columns, multiline: true)),
            .init(label: "primaryKey", value: .array(table.primaryKey.columns.map { .stringLiteral($0) }, multiline: false)),
        ], multiline: true)
        let descriptors = table.columns.enumerated().map { position, column in
            SwiftDeclaration.property(SwiftProperty(
                docs: [], name: names.propertyNames[position],
                type: "ColumnDescriptor<\(names.typeName), \(swiftType(column))>",
                kind: .staticConstant(.call(callee: .identifier("ColumnDescriptor"), arguments: [
                    .init(label: nil, value: .stringLiteral(column.name)),
                    .init(label: "position", value: .integerLiteral(Int64(position))),
                ], multiline: false))
            ))
        }
        return SwiftExtension(
            docs: [], typeName: names.typeName, conformances: ["TableRecord"],
            members: [
                .property(SwiftProperty(docs: ["The table `\(table.name)`."], name: "table", type: "TableMetadata", kind: .staticConstant(metadata))),
                .enumeration(SwiftEnum(docs: ["Typed descriptors of the columns of `\(table.name)`, for queries."], name: "Columns", conformances: [], members: descriptors)),
            ]
        )
    }

    func columnTypeExpression(_ type: ColumnType) -> SwiftExpression {
        switch type {
        case .string(let maxLength):
            return .call(callee: .member(base: nil, name: "string"), arguments: [
                .init(label: "maxLength", value: maxLength.map { .integerLiteral(Int64($0)) } ?? .nilLiteral),
            ], multiline: false)
        case .enumeration(let name):
            return .call(callee: .member(base: nil, name: "enumeration"), arguments: [.init(label: nil, value: .stringLiteral(name))], multiline: false)
        default:
            return .member(base: nil, name: type.schemaName)
        }
    }
}

extension SwiftExpression {
    /// `expression!` (only for literals known to be valid, such as a validated UUID string).
    var forceUnwrapped: SwiftExpression {
        .identifier(SwiftRenderer().expression(self, indent: "").joined() + "!")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
