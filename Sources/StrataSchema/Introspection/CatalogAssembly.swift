/// What both dialects' catalog readers share: enum inference from `IN` checks, the names the
/// naming convention would give, invalid names, and the warnings collected on the way.
struct CatalogAssembly {
    private(set) var enums: [EnumType] = []
    private(set) var warnings: [IntrospectionWarning] = []
    private(set) var invalidNames: [InvalidCatalogName] = []
    /// The dialect read, which quotes the names in the fix of an invalid name.
    let dialect: any DatabaseDialect

    /// Text of cell `index` of a catalog row; "" for NULL.
    static func cell(_ row: [String?], _ index: Int) -> String { index < row.count ? row[index] ?? "" : "" }

    mutating func warn(_ place: String, _ message: String) {
        warnings.append(IntrospectionWarning(place: place, message: message))
    }

    /// Whether `table` (and `column`) are valid names; records the fix when not.
    mutating func acceptName(table: String, column: String? = nil) -> Bool {
        let name = column ?? table
        guard !Schema.isValidIdentifier(name) else { return true }
        let suggested = Schema.suggestedIdentifier(for: name)
        let suggestion = suggested.isEmpty ? "renamed" : suggested
        let fix = column.map { "ALTER TABLE \(dialect.quoted(table)) RENAME COLUMN \(dialect.quoted($0)) TO \(dialect.quoted(suggestion));" }
            ?? "ALTER TABLE \(dialect.quoted(table)) RENAME TO \(dialect.quoted(suggestion));"
        invalidNames.append(InvalidCatalogName(table: table, column: column, suggestion: suggestion, fix: fix))
        return false
    }

    /// The enum for a text column whose values are checked by `IN`, when the check carries the
    /// name the schema would give it (so nothing is renamed) and every value is a valid name.
    /// Reuses an enum with the same values; otherwise names it after the column (or the table
    /// and column when that name is taken).
    mutating func enumeration(table: String, column: String, values: [String], checkName: String) -> String? {
        // Any name the schema accepts: a name other than the convention's is kept (`check_name:`).
        guard Schema.isValidIdentifier(checkName), !values.isEmpty, values.allSatisfy({ EnumType.valueProblem($0) == nil }), Set(values).count == values.count
        else { return nil }
        if let existing = enums.first(where: { $0.values == values }) { return existing.name }
        var name = column
        if enums.contains(where: { $0.name == name }) { name = NamingConvention.shortened("\(table)_\(column)") }
        var suffix = 2
        let base = name
        while enums.contains(where: { $0.name == name }) {
            name = NamingConvention.shortened("\(base)_\(suffix)")
            suffix += 1
        }
        enums.append(EnumType(name: name, values: values))
        return name
    }

    /// Gives a TEXT column that references another column the type the other column has, when
    /// the catalog cannot tell them apart (on SQLite uuid, timestamp and date are TEXT; on both,
    /// `string` without a length is text), along chains of references too: a foreign key's
    /// columns have the types of the columns they reference.
    func harmonizeForeignKeyTypes(_ tables: inout [String: CatalogTable], order: [String]) {
        var changed = true
        while changed {
            changed = false
            for tableName in order {
                for key in tables[tableName]?.foreignKeys ?? [] {
                    for (local, remote) in zip(key.columns, key.referencedColumns) {
                        guard let index = tables[tableName]?.columns.firstIndex(where: { $0.name == local }),
                              tables[tableName]?.columns[index].type == .text,
                              let target = tables[key.referencedTable]?.columns.first(where: { $0.name == remote })
                        else { continue }
                        let type: ColumnType
                        switch target.type {
                        case .uuid, .timestamp, .date: type = target.type
                        case .string: type = .string(maxLength: nil)
                        default: continue
                        }
                        tables[tableName]?.columns[index].type = type
                        changed = true
                    }
                }
            }
        }
    }

    /// The schema of `tables` in `order`; a table without a primary key is left out with a
    /// warning that says how to give it one (`addPrimaryKey`).
    /// The result: the tables read (those without a primary key left out, with a warning), and
    /// the views read, each on the tables its query names (the only way a catalog tells).
    mutating func finish(_ tables: [String: CatalogTable], order: [String], views: [ViewDefinition] = [], addPrimaryKey: (String) -> String) -> IntrospectedSchema {
        var result: [Table] = []
        for name in order {
            guard let draft = tables[name] else { continue }
            guard var table = draft.table else {
                warn(place(name), "has no primary key, which every table in the schema has: left out of the file; \(addPrimaryKey(name)) and pull again")
                continue
            }
            for index in table.columns.indices where table.columns[index].isAutoIncrement && table.columns[index].autoIncrementProblem(in: table) != nil {
                table.columns[index].isAutoIncrement = false
                warn(place(name, table.columns[index].name), "is an identity or serial column, and auto_increment is only for a table's integer primary key of one column: written without it, the database keeps assigning it (a database created from the file does not)")
            }
            result.append(table)
        }
        let names = result.map(\.name)
        let views = views.sorted { $0.name < $1.name }.map { view in
            var view = view
            // An enum the file does not have (its tables' checks named it otherwise) is text.
            for index in view.columns.indices {
                if case .enumeration(let name) = view.columns[index].type, !enums.contains(where: { $0.name == name }) { view.columns[index].type = .text }
            }
            view.tables = ViewSQL.referencedNames(in: view.query.values.sorted().joined(separator: "\n"), among: names)
            return view
        }
        return IntrospectedSchema(schema: Schema(enums: enums, tables: result, sqlObjects: views.map(\.sqlObject)), warnings: warnings, invalidNames: invalidNames, views: views)
    }

    func place(_ table: String, _ column: String? = nil) -> String {
        column.map { "table \"\(table)\", column \"\($0)\"" } ?? "table \"\(table)\""
    }
}

/// A table as it is read, before the enums of the whole schema are known.
struct CatalogTable {
    var name: String
    var columns: [Column] = []
    var primaryKey: PrimaryKey?
    var uniqueConstraints: [UniqueConstraint] = []
    var checkConstraints: [CheckConstraint] = []
    var foreignKeys: [ForeignKey] = []
    var indexes: [Index] = []
    /// The table's comment (PostgreSQL's `COMMENT ON TABLE`).
    var comment: String?

    /// Whether every one of `names` is a column read for this table.
    func hasColumns(_ names: [String]) -> Bool {
        names.allSatisfy { name in columns.contains { $0.name == name } }
    }

    var table: Table? {
        guard let primaryKey else { return nil }
        return Table(
            name: name, columns: columns, primaryKey: primaryKey,
            uniqueConstraints: uniqueConstraints.sorted { $0.name < $1.name },
            checkConstraints: checkConstraints.sorted { $0.name < $1.name },
            foreignKeys: foreignKeys.sorted { $0.name < $1.name },
            indexes: indexes.sorted { $0.name < $1.name },
            comment: comment
        )
    }
}

/// Splitting and reading SQL text the catalogs hand back (defaults, CHECK bodies).
enum CatalogText {
    /// `text` without one pair of parentheses around all of it.
    static func unwrapped(_ text: String) -> String {
        var current = Substring(text.trimmingSpaces)
        while current.hasPrefix("("), current.hasSuffix(")"), closingIndex(of: current) == current.index(before: current.endIndex) {
            current = current.dropFirst().dropLast()
            current = Substring(String(current).trimmingSpaces)
        }
        return String(current)
    }

    /// Calls `visit` with each byte of `text` that is SQL code at parenthesis depth `depth`
    /// (before the byte), skipping quoted text (`'…'`, `"…"`, `` `…` ``, `[…]`) and comments
    /// (`-- …`, `/* … */`); `visit` returns `false` to stop. Every character SQL gives meaning
    /// to is ASCII, so the scan works on UTF-8 bytes (a multi-byte character never matches).
    static func scanCode(_ text: Substring, _ visit: (Substring.Index, UInt8, Int) -> Bool) {
        let bytes = text.utf8
        var depth = 0
        var index = bytes.startIndex
        func next(_ i: Substring.Index) -> Substring.Index { bytes.index(after: i) }
        func byte(at i: Substring.Index) -> UInt8? { i < bytes.endIndex ? bytes[i] : nil }
        while index < bytes.endIndex {
            let character = bytes[index]
            let following = byte(at: next(index))
            switch character {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "["):
                let close = character == UInt8(ascii: "[") ? UInt8(ascii: "]") : character
                var end = next(index)
                while end < bytes.endIndex, bytes[end] != close { end = next(end) }
                guard visit(index, character, depth) else { return }
                index = end < bytes.endIndex ? next(end) : end
                continue
            case UInt8(ascii: "-") where following == UInt8(ascii: "-"):
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\n") { index = next(index) }
                continue
            case UInt8(ascii: "/") where following == UInt8(ascii: "*"):
                index = next(next(index))
                while index < bytes.endIndex, !(bytes[index] == UInt8(ascii: "*") && byte(at: next(index)) == UInt8(ascii: "/")) { index = next(index) }
                index = index < bytes.endIndex ? next(next(index)) : index
                continue
            default:
                break
            }
            guard visit(index, character, depth) else { return }
            if character == UInt8(ascii: "(") { depth += 1 } else if character == UInt8(ascii: ")") { depth -= 1 }
            index = next(index)
        }
    }

    /// The index of the parenthesis that closes the one `text` starts with, skipping quoted
    /// text and comments.
    static func closingIndex(of text: Substring) -> Substring.Index? {
        var found: Substring.Index?
        scanCode(text) { index, character, depth in
            if character == UInt8(ascii: ")"), depth == 1 { found = index; return false }
            return true
        }
        return found
    }

    /// The items of a comma-separated list at depth 0, trimmed.
    static func topLevelItems(_ text: Substring) -> [String] {
        var items: [String] = []
        var start = text.startIndex
        scanCode(text) { index, character, depth in
            if character == UInt8(ascii: ","), depth == 0 {
                items.append(String(text[start..<index]).trimmingSpaces)
                start = text.utf8.index(after: index)
            }
            return true
        }
        let last = String(text[start...]).trimmingSpaces
        if !last.isEmpty { items.append(last) }
        return items
    }

    /// The string a SQL literal `'it''s'` stands for, when `text` is exactly one such literal.
    static func stringLiteral(_ text: String) -> String? {
        guard text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") else { return nil }
        let body = text.dropFirst().dropLast()
        var result = ""
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "'" {
                let next = body.index(after: index)
                guard next < body.endIndex, body[next] == "'" else { return nil }
                index = next
            }
            result.append(character)
            index = body.index(after: index)
        }
        return result
    }

    /// The values of `name IN ('a', 'b')` (the column bare or double-quoted).
    static func inList(_ expression: String, column: String) -> [String]? {
        let text = unwrapped(expression)
        for prefix in ["\"\(column)\" IN (", "\(column) IN (", "\"\(column)\" in (", "\(column) in ("] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count - 1)
            guard let close = closingIndex(of: rest), close == rest.index(before: rest.endIndex) else { return nil }
            let items = topLevelItems(rest.dropFirst().dropLast())
            let values = items.compactMap(stringLiteral)
            return values.count == items.count ? values : nil
        }
        return nil
    }
}

extension String {
    /// The text without spaces, tabs and line breaks at either end.
    var trimmingSpaces: String {
        let bytes = utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
