import StrataSchema

/// Translates a validated schema into descriptions of the generated Swift files.
struct SwiftTranslator {
    let validated: ValidatedSchema
    let sourceFileName: String

    var schema: Schema { validated.schema }

    // MARK: Types

    /// The Swift type of a column's values, optional when `isOptionalInSwift`.
    func swiftType(_ column: Column) -> String {
        let base = baseSwiftType(column.type)
        return isOptionalInSwift(column) ? base + "?" : base
    }

    /// Whether a column's Swift property is optional: the column is nullable, `auto_increment`
    /// (nil until the database assigns it on insert) or generated (nil until the database computes it).
    func isOptionalInSwift(_ column: Column) -> Bool {
        column.isNullable || column.isAutoIncrement || column.isGenerated
    }

    func baseSwiftType(_ type: ColumnType) -> String {
        switch type {
        case .uuid: "UUID"
        case .string, .text: "String"
        case .int: "Int64"
        case .int32: "Int32"
        case .int16: "Int16"
        case .double: "Double"
        case .float: "Float"
        case .time: "TimeOfDay"
        case .decimal: "Decimal"
        case .bool: "Bool"
        case .timestamp, .date: "Date"
        case .bytes: "Data"
        case .json, .textualJSON: "JSONValue"
        case .enumeration(let name): enumTypeName(name)
        }
    }

    func enumTypeName(_ name: String) -> String {
        guard let position = schema.enums.firstIndex(where: { $0.name == name }) else { return name }
        return validated.swiftEnums[position].typeName
    }

    func remark(_ what: String, line: Int?) -> String {
        // The file name is the user's text too: escaped, so it stays on the remark's line.
        let name = ControlCharacters.escaped(sourceFileName)
        let place = line.map { "\(name):\($0)" } ?? name
        return "- Remark: Generated from \(what) (\(place))."
    }

    func docs(_ doc: String?, remark: String) -> [String] {
        guard let doc, !doc.isEmpty else { return [remark] }
        // Split at every line terminator (CR, NEL, U+2028… as well as LF), escapes applied.
        var lines = ControlCharacters.lines(doc)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines + ["", remark]
    }

    // MARK: Enums.swift

    func enumsFile() -> SwiftFile {
        let declarations = zip(schema.enums, validated.swiftEnums).map { enumType, names in
            SwiftDeclaration.enumeration(SwiftEnum(
                docs: docs(names.doc, remark: remark("enum `\(enumType.name)`", line: names.line)),
                name: names.typeName,
                conformances: ["String", "Codable", "Hashable", "Sendable", "CaseIterable", "ColumnValue"],
                members: zip(names.caseNames, enumType.values).map { name, value in
                    .enumCase(name: name, rawValue: name == value ? nil : value)
                } + enumColumnCoding(names.typeName, caseNames: names.caseNames, rawValues: enumType.values)
            ))
        }
        return SwiftFile(imports: schema.enums.isEmpty ? [] : ["StrataRuntime"], declarations: declarations)
    }

    /// A generated enum's own `read(from:)` and `write(to:)`: the same as `ColumnValue`'s defaults
    /// for raw-text enums, but on the concrete type, so no call looks `Optional<Self>`'s metadata
    /// up at run time (a model's `init(row:)` reads each enum column through them). `read` asks
    /// the reader for the index of the column's text among the raw values (`StoredTexts.all`, a
    /// nested type, so no case name can collide with it) and switches over it: on SQLite the
    /// bytes are compared in place, with no `String` made.
    func enumColumnCoding(_ typeName: String, caseNames: [String], rawValues: [String]) -> [SwiftDeclaration] {
        let storedTexts = SwiftDeclaration.enumeration(SwiftEnum(
            docs: ["The stored text of each case, in declaration order, for `read(from:)`."],
            name: "StoredTexts", conformances: [],
            members: [.property(SwiftProperty(
                docs: ["The cases' raw values."], name: "all", type: "CaseTexts",
                kind: .staticConstant(.call(callee: .identifier("CaseTexts"), arguments: [
                    .init(label: nil, value: .array(rawValues.map { .stringLiteral($0) }, multiline: false)),
                    .init(label: "of", value: .stringLiteral(typeName)),
                ], multiline: false))
            ))]
        ))
        let index = SwiftExpression.tryExpression(.call(
            callee: .member(base: .identifier("reader"), name: "readCaseIndex"),
            arguments: [.init(label: nil, value: .member(base: .identifier("StoredTexts"), name: "all"))], multiline: false))
        // The last case is the switch's default: validation refuses an enum without values.
        let cases = caseNames.enumerated().dropLast().map { position, name in
            SwiftStatement.SwitchCase(pattern: .integerLiteral(Int64(position)), value: .member(base: nil, name: name))
        }
        return [
            storedTexts,
            .function(SwiftFunction(
                docs: ["Reads the stored text as a case; text that is no case is a decoding error."],
                kind: .method(name: "read", isStatic: true, isMutating: false), genericParameters: ["Reader: RowReader"],
                parameters: [.init(label: "from", name: "reader", type: "inout Reader")], throwing: true, returnType: typeName,
                body: [.switchReturning(subject: index, cases: cases, fallback: .member(base: nil, name: caseNames.last!))]
            )),
            .function(SwiftFunction(
                docs: ["Writes the raw value as text."],
                kind: .method(name: "write", isStatic: false, isMutating: false), genericParameters: ["Writer: RowWriter"],
                parameters: [.init(label: "to", name: "writer", type: "inout Writer")], throwing: false, returnType: nil,
                body: [.expression(.call(
                    callee: .member(base: .identifier("writer"), name: "writeString"),
                    arguments: [.init(label: nil, value: .member(base: .identifier("self"), name: "rawValue"))], multiline: false))]
            )),
        ]
    }

    // MARK: Models.swift

    func modelsFile() -> SwiftFile {
        let declarations = zip(schema.tables, validated.swiftTables).map { table, names in
            SwiftDeclaration.structure(model(table, names))
        } + validated.views.map { SwiftDeclaration.structure(model($0.relation, $0.names, kind: "view")) }
        return SwiftFile(imports: ["Foundation", "StrataRuntime"], declarations: declarations)
    }

    /// The struct of a table's model, or of a view's row (`kind: "view"`: read-only, no key).
    func model(_ table: Table, _ names: SwiftTableNames, kind: String = "table") -> SwiftStruct {
        var members: [SwiftDeclaration] = []
        for (position, column) in table.columns.enumerated() {
            var columnDoc = names.columnDocs[position]
            if column.isAutoIncrement {
                let assigned = "Assigned by the database on insert (`auto_increment`): nil until then."
                columnDoc = columnDoc.map { $0 + "\n\n" + assigned } ?? assigned
            }
            if column.isGenerated {
                let computed = "Computed by the database (`generated`): never written; nil until a read or a write returns it."
                columnDoc = columnDoc.map { $0 + "\n\n" + computed } ?? computed
            }
            members.append(.property(SwiftProperty(
                docs: docs(columnDoc, remark: remark("column `\(column.name)`", line: names.columnLines[position])),
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
            docs: docs(names.doc, remark: remark("\(kind) `\(table.name)`", line: names.line)),
            name: names.typeName, conformances: conformances, members: members
        )
    }

    /// The initializer default mirroring the column's database default; `nil` for nullable columns.
    func defaultExpression(_ column: Column) -> SwiftExpression? {
        guard let value = column.defaultValue else { return isOptionalInSwift(column) ? .nilLiteral : nil }
        switch value {
        // Only the database can evaluate an SQL expression: the app gives the value.
        case .sql: return nil
        case .now where column.type == .time: return .member(base: .identifier("TimeOfDay"), name: "now")
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
            case (.string(let text), .time):
                return .call(callee: .identifier("TimeOfDay"), arguments: [.init(label: nil, value: .stringLiteral(text))], multiline: false)
                    .forceUnwrapped
            case (.string(let text), .decimal):
                return .call(callee: .identifier("Decimal"), arguments: [.init(label: "string", value: .stringLiteral(text))], multiline: false)
                    .forceUnwrapped
            case (.string(let text), _): return .stringLiteral(text)
            case (.int(let number), _): return .integerLiteral(number)
            case (.double(let number), .float):
                // The shortest text of the Float (0.1, not 0.10000000149011612).
                return .floatLiteral(Double(Float(number).description) ?? number)
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
        } + validated.views.map { .extensionBlock(tableExtension($0.relation, $0.names, isView: true)) }
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

    /// The conformance of a table's model (`PersistableModel`) or of a view's row (`ReadableModel`).
    func tableExtension(_ table: Table, _ names: SwiftTableNames, isView: Bool = false) -> SwiftExtension {
        let columns = table.columns.map { column in
            SwiftExpression.call(callee: .identifier("ColumnMetadata"), arguments: [
                .init(label: "name", value: .stringLiteral(column.name)),
                .init(label: "type", value: columnTypeExpression(column.type)),
                .init(label: "isNullable", value: .booleanLiteral(column.isNullable)),
                .init(label: "hasDefault", value: .booleanLiteral(column.defaultValue != nil)),
                .init(label: "isUpdatedOnWrite", value: .booleanLiteral(column.isUpdatedOnWrite)),
                .init(label: "isPrimaryKey", value: .booleanLiteral(table.primaryKey.columns.contains(column.name))),
            ] + (column.isAutoIncrement ? [.init(label: "isAutoIncrement", value: .booleanLiteral(true))] : [])
              + (column.isGenerated ? [.init(label: "isGenerated", value: .booleanLiteral(true))] : []), multiline: false)
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
            docs: [], typeName: names.typeName, conformances: [isView ? "ReadableModel" : "PersistableModel"],
            members: [
                .property(SwiftProperty(docs: [isView ? "The view `\(table.name)` (read-only)." : "The table `\(table.name)`."], name: "table", type: "TableMetadata", kind: .staticConstant(metadata))),
                .enumeration(SwiftEnum(docs: ["Typed descriptors of the columns of `\(table.name)`, for queries."], name: "Columns", conformances: [], members: descriptors)),
            ] + (isView ? [rowInitializer(table, names), rowsReader(names), columnPositionFunction(table, names)] : persistenceMembers(table, names))
        )
    }

    /// The `PersistableModel` members: the key, positional reading and writing, key-path lookup.
    func persistenceMembers(_ table: Table, _ names: SwiftTableNames) -> [SwiftDeclaration] {
        let keyColumns = table.primaryKey.columns.compactMap { key in table.columns.firstIndex { $0.name == key } }
        var members: [SwiftDeclaration] = []
        let keyType: String
        let keyValue: SwiftExpression
        if keyColumns.count == 1 {
            keyType = swiftType(table.columns[keyColumns[0]])
            keyValue = .identifier(SwiftNaming.escaped(names.propertyNames[keyColumns[0]]))
        } else {
            // Composite keys: the model's `ID` struct (generated with the model when it is
            // Identifiable, here otherwise).
            keyType = names.identity == .composite ? "ID" : "PrimaryKeyValue"
            if names.identity != .composite {
                members.append(.structure(SwiftStruct(
                    docs: ["The primary key of `\(table.name)`."], name: keyType, conformances: ["Hashable", "Sendable"],
                    members: keyColumns.map { .property(SwiftProperty(docs: [], name: names.propertyNames[$0], type: swiftType(table.columns[$0]), kind: .stored)) }
                        + [.initializer(SwiftInitializer(docs: [], parameters: keyColumns.map { .init(name: names.propertyNames[$0], type: swiftType(table.columns[$0])) }))]
                )))
            }
            keyValue = .call(callee: .identifier(keyType), arguments: keyColumns.map {
                .init(label: SwiftNaming.escaped(names.propertyNames[$0]), value: .identifier(SwiftNaming.escaped(names.propertyNames[$0])))
            }, multiline: false)
        }
        members.append(.typeAlias(docs: ["The type of the primary key."], name: "PrimaryKey", type: keyType))
        members.append(.property(SwiftProperty(docs: ["The primary key."], name: "primaryKey", type: keyType, kind: .computed(keyValue))))

        /// Writes `value` of column `column`: a decimal rounded to its column's scale.
        func write(_ column: Column, _ value: SwiftExpression) -> SwiftExpression {
            guard case .decimal(_, let scale) = column.type else { return writeCall(column, value) }
            return .call(callee: .member(base: .identifier("writer"), name: column.isNullable ? "writeOptionalDecimal" : "writeDecimal"),
                         arguments: [.init(label: nil, value: value), .init(label: "scale", value: .integerLiteral(Int64(scale)))], multiline: false)
        }
        members.append(rowInitializer(table, names))
        members.append(rowsReader(names))
        members.append(.function(SwiftFunction(
            docs: ["Writes every column, in table order."],
            kind: .method(name: "write", isStatic: false, isMutating: false), genericParameters: ["Writer: RowWriter"],
            parameters: [.init(label: "to", name: "writer", type: "inout Writer")], throwing: false, returnType: nil,
            // `self.` so that a column named `writer` is not the parameter.
            body: table.columns.indices.map { .expression(write(table.columns[$0], .member(base: .identifier("self"), name: names.propertyNames[$0]))) }
        )))
        members.append(.function(SwiftFunction(
            docs: ["Writes a primary key's columns, in key order."],
            kind: .method(name: "write", isStatic: true, isMutating: false), genericParameters: ["Writer: RowWriter"],
            parameters: [.init(label: nil, name: "primaryKey", type: keyType), .init(label: "to", name: "writer", type: "inout Writer")],
            throwing: false, returnType: nil,
            body: keyColumns.count == 1
                ? [.expression(write(table.columns[keyColumns[0]], .identifier("primaryKey")))]
                : keyColumns.map { .expression(write(table.columns[$0], .member(base: .identifier("primaryKey"), name: names.propertyNames[$0]))) }
        )))
        members.append(columnPositionFunction(table, names))
        let rounded = table.columns.indices.filter { [.timestamp, .date].contains(table.columns[$0].type) || table.columns[$0].type.isDecimal }
        members.append(.function(SwiftFunction(
            docs: [roundingDoc(rounded.map { table.columns[$0].type })],
            kind: .method(name: "roundToStoredPrecision", isStatic: false, isMutating: true), genericParameters: [],
            parameters: [], throwing: false, returnType: nil,
            body: rounded.map { position in
                let column = table.columns[position]
                let base = SwiftExpression.member(base: .identifier("self"), name: names.propertyNames[position])
                if case .decimal(_, let scale) = column.type {
                    let round = { (target: SwiftExpression) -> SwiftExpression in
                        .call(callee: target, arguments: [.init(label: nil, value: .integerLiteral(Int64(scale)))], multiline: false)
                    }
                    return .assignment(target: base, value: round(column.isNullable ? .optionalMember(base: base, name: "roundedToScale") : .member(base: base, name: "roundedToScale")))
                }
                let rounding = column.type == .date ? "roundedDownToUTCDay" : "roundedToMilliseconds"
                return .assignment(
                    target: base,
                    value: column.isNullable ? .optionalMember(base: base, name: rounding) : .member(base: base, name: rounding)
                )
            }
        )))
        let touched = table.columns.indices.filter { table.columns[$0].isUpdatedOnWrite }
        members.append(.function(SwiftFunction(
            docs: [touched.isEmpty ? "No column is declared `on_update: now`." : "Sets the columns declared `on_update: now`."],
            kind: .method(name: "touchUpdatedColumns", isStatic: false, isMutating: true), genericParameters: [],
            parameters: [.init(label: "at", name: "now", type: "Date")], throwing: false, returnType: nil,
            body: touched.map { .assignment(target: .member(base: .identifier("self"), name: names.propertyNames[$0]), value: .identifier("now")) }
        )))
        return members
    }

    /// `init(row:)`: reads the columns in order.
    func rowInitializer(_ table: Table, _ names: SwiftTableNames) -> SwiftDeclaration {
        .function(SwiftFunction(
            docs: ["Reads a row whose columns are in table order."],
            kind: .initializer, genericParameters: ["Reader: RowReader"],
            parameters: [.init(label: "row", name: "reader", type: "inout Reader")], throwing: true, returnType: nil,
            body: table.columns.indices.map { position in
                .assignment(
                    target: .member(base: .identifier("self"), name: names.propertyNames[position]),
                    value: .tryExpression(readCall(table.columns[position]))
                )
            }
        ))
    }

    /// `readRows(from:)`: the runtime's inlinable row loop, compiled here for this type (the
    /// default would run it unspecialized). `Self.` so that a column named `read_each_row`
    /// cannot shadow it.
    func rowsReader(_ names: SwiftTableNames) -> SwiftDeclaration {
        .function(SwiftFunction(
            docs: ["Reads every row of a result (`readEachRow`, specialized for this type)."],
            kind: .method(name: "readRows", isStatic: true, isMutating: false), genericParameters: ["Cursor: ResultRowCursor"],
            parameters: [.init(label: "from", name: "cursor", type: "inout Cursor")], throwing: true,
            returnType: "[\(names.typeName)]",
            body: [.expression(.tryExpression(.call(
                callee: .member(base: .identifier("Self"), name: "readEachRow"),
                arguments: [.init(label: "from", value: .inoutReference("cursor"))], multiline: false
            )))]
        ))
    }

    /// `columnPosition(of:)`: the position of the column a key path reads.
    func columnPositionFunction(_ table: Table, _ names: SwiftTableNames) -> SwiftDeclaration {
        .function(SwiftFunction(
            docs: ["The position of the column a key path reads; nil for computed properties."],
            kind: .method(name: "columnPosition", isStatic: true, isMutating: false), genericParameters: [],
            parameters: [.init(label: "of", name: "keyPath", type: "PartialKeyPath<\(names.typeName)>")],
            throwing: false, returnType: "Int?",
            body: [.switchReturning(
                subject: .identifier("keyPath"),
                cases: table.columns.indices.map { .init(pattern: .keyPath(root: names.typeName, property: names.propertyNames[$0]), value: .integerLiteral(Int64($0))) },
                fallback: .nilLiteral
            )]
        ))
    }

    /// What `roundToStoredPrecision` does for columns of `types`.
    func roundingDoc(_ types: [ColumnType]) -> String {
        let parts = (types.contains(.timestamp) ? ["timestamps to the millisecond"] : []) + (types.contains(.date) ? ["dates to the UTC day"] : [])
            + (types.contains(where: \.isDecimal) ? ["decimals to their scale"] : [])
        return parts.isEmpty ? "Every column is stored exactly as Swift holds it." : "Rounds as the database stores them: " + parts.joined(separator: ", ") + "."
    }

    /// Reads column `column`: `Type.read(from: &reader)`, a call on the column's own Swift type
    /// (not the generic `reader.read()`, whose value type the optimizer cannot specialize while
    /// the reader's type is open, so each column would pass through the generic `ColumnValue`
    /// witness); `date` columns are days and decimals have their own reads.
    func readCall(_ column: Column) -> SwiftExpression {
        let method: String? = column.type.isDecimal ? (column.isNullable ? "readOptionalDecimal" : "readDecimal")
            : column.type == .date ? (column.isNullable ? "readOptionalDay" : "readDay") : nil
        if let method { return .call(callee: .member(base: .identifier("reader"), name: method), arguments: [], multiline: false) }
        // `Type?.read` too: `Optional`'s `read` is always inlined, so it reads `Type` directly.
        return .call(callee: .member(base: .identifier(swiftType(column)), name: "read"),
                     arguments: [.init(label: "from", value: .inoutReference("reader"))], multiline: false)
    }

    /// Writes `value` of `column` through its own Swift type (`value.write(to: &writer)`), for the
    /// reason `readCall` gives; `date` columns are days.
    func writeCall(_ column: Column, _ value: SwiftExpression) -> SwiftExpression {
        if column.type == .date {
            return .call(callee: .member(base: .identifier("writer"), name: column.isNullable ? "writeOptionalDay" : "writeDay"),
                         arguments: [.init(label: nil, value: value)], multiline: false)
        }
        return .call(callee: .member(base: value, name: "write"), arguments: [.init(label: "to", value: .inoutReference("writer"))], multiline: false)
    }

    func columnTypeExpression(_ type: ColumnType) -> SwiftExpression {
        switch type {
        case .string(let maxLength):
            return .call(callee: .member(base: nil, name: "string"), arguments: [
                .init(label: "maxLength", value: maxLength.map { .integerLiteral(Int64($0)) } ?? .nilLiteral),
            ], multiline: false)
        case .enumeration(let name):
            return .call(callee: .member(base: nil, name: "enumeration"), arguments: [.init(label: nil, value: .stringLiteral(name))], multiline: false)
        case .decimal(let precision, let scale):
            return .call(callee: .member(base: nil, name: "decimal"), arguments: [
                .init(label: "precision", value: .integerLiteral(Int64(precision))), .init(label: "scale", value: .integerLiteral(Int64(scale))),
            ], multiline: false)
        case .textualJSON:
            return .member(base: nil, name: "textualJSON")
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

