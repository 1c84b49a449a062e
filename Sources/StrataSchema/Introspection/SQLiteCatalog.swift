/// Reads a SQLite database's `main` schema into the IR from `sqlite_master` and the table-valued
/// pragmas; constraint names and CHECKs come from the `CREATE TABLE` text.
///
/// In a STRICT table a column's storage class says less than its schema type (uuid, timestamp,
/// text and enums are all TEXT), so the type is read from what ``SQLiteDialect`` writes beside
/// it: the checks it adds (`_bool`, `_length`, `_json`, `_enum`) and the defaults of
/// `default: uuid` and `default: now`. A TEXT column with neither reads as `text`. In a table that
/// is not STRICT (as other tools create them) the declared type is read (`VARCHAR(36)`,
/// `DATETIME`, `BOOLEAN`, …).
public struct SQLiteCatalog: SchemaCatalog {
    /// A reader of the `main` schema.
    public init() {}

    static let userTables = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('strata_migrations', 'strata_migration_progress', 'alembic_version')"

    public var queries: [CatalogQuery] {
        let tables = "(SELECT name FROM sqlite_master WHERE type = 'table' AND \(Self.userTables)) AS m"
        return [
            CatalogQuery(name: "objects", sql: "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE \(Self.userTables) ORDER BY type, name"),
            CatalogQuery(name: "strict", sql: "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name"),
            CatalogQuery(name: "columns", sql: """
                SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
                FROM \(tables) JOIN pragma_table_xinfo(m.name) AS p ORDER BY m.name, p.cid
                """),
            CatalogQuery(name: "indexes", sql: """
                SELECT m.name, il.name, il."unique", il.origin, il.partial
                FROM \(tables) JOIN pragma_index_list(m.name) AS il ORDER BY m.name, il.name
                """),
            CatalogQuery(name: "index columns", sql: """
                SELECT il.name, ix.cid, coalesce(ix.name, ''), ix."desc", coalesce(ix.coll, '')
                FROM \(tables) JOIN pragma_index_list(m.name) AS il JOIN pragma_index_xinfo(il.name) AS ix
                WHERE ix.key = 1 ORDER BY il.name, ix.seqno
                """),
            CatalogQuery(name: "foreign keys", sql: """
                SELECT m.name, fk.id, fk."table", fk."from", coalesce(fk."to", ''), fk.on_update, fk.on_delete
                FROM \(tables) JOIN pragma_foreign_key_list(m.name) AS fk ORDER BY m.name, fk.id, fk.seq
                """),
        ]
    }

    public func introspect(_ rows: [String: [[String?]]]) -> IntrospectedSchema {
        let dialect = SQLiteDialect()
        var assembly = CatalogAssembly(dialect: dialect)
        let cell = CatalogAssembly.cell

        var definitions: [String: SQLiteTableDefinition] = [:]
        var order: [String] = []
        var tables: [String: CatalogTable] = [:]
        var indexSQL: [String: String] = [:]
        var skipped: Set<String> = []
        var views: [ViewDefinition] = []
        for row in rows["objects"] ?? [] {
            let type = cell(row, 0), name = cell(row, 1)
            switch type {
            case "table":
                guard assembly.acceptName(table: name) else { skipped.insert(name); continue }
                let definition = SQLiteTableDefinition(sql: cell(row, 3))
                definitions[name] = definition
                tables[name] = CatalogTable(name: name)
                order.append(name)
                if definition.isWithoutRowID {
                    assembly.warn(assembly.place(name), "is WITHOUT ROWID, which the schema does not express: a table rebuild would create it with a rowid")
                }
            case "index":
                indexSQL[name] = cell(row, 3)
            case "view":
                switch Self.view(named: name, sql: cell(row, 3)) {
                case .success(let view): views.append(view)
                case .failure(let reason): assembly.warn("view \"\(name)\"", reason.message)
                }
            default:
                if type == "trigger" {
                    assembly.warn("trigger \"\(name)\"", "triggers are not in the schema yet; it stays in the database (a migration that rebuilds its table recreates it)")
                } else {
                    assembly.warn("\(type) \"\(name)\"", "\(type)s are not in the schema yet; it stays in the database; a migration that rebuilds a table it reads may fail until it is dropped and recreated by hand")
                }
            }
        }
        let strict = Dictionary((rows["strict"] ?? []).map { (cell($0, 0), cell($0, 1) == "1") }, uniquingKeysWith: { first, _ in first })
        for name in order where strict[name] != true {
            assembly.warn(assembly.place(name), "is not STRICT; the schema creates STRICT tables, so the first migration that rebuilds it makes it STRICT: values that do not fit their column's type would then fail the copy")
        }

        // Columns, with the storage class or declared type.
        var primaryKeyColumns: [String: [(position: Int, name: String)]] = [:]
        for row in rows["columns"] ?? [] {
            let tableName = cell(row, 0), columnName = cell(row, 1)
            // Columns of a table with an invalid name are checked too, so every fix is listed at once.
            guard tables[tableName] != nil || skipped.contains(tableName) else { continue }
            guard assembly.acceptName(table: tableName, column: columnName), tables[tableName] != nil else { continue }
            let place = assembly.place(tableName, columnName)
            let generated = definitions[tableName]?.generated[columnName]
            if cell(row, 6) == "2" || cell(row, 6) == "3" {
                guard let generated else {
                    assembly.warn(place, "is a generated column whose expression could not be read: left out of the file, it stays in the database (a migration that rebuilds the table refuses to run while it is not in the file)")
                    continue
                }
                if !generated.isStored {
                    assembly.warn(place, "is a VIRTUAL generated column; written as generated, which Strata creates STORED (computed on write, not on read)")
                }
            }
            let declared = cell(row, 2)
            guard let (type, note) = Self.columnType(declared, strict: strict[tableName] == true) else {
                assembly.warn(place, "has the type \(declared.isEmpty ? "(none)" : declared), which the schema cannot express yet: left out of the file, it stays in the database (a migration that rebuilds the table refuses to run while it is not in the file)")
                continue
            }
            if let note { assembly.warn(place, note) }
            var column = Column(name: columnName, type: type, isNullable: cell(row, 3) != "1")
            if cell(row, 6) == "2" || cell(row, 6) == "3", let generated {
                column.generatedExpression = SQLExpressionDefault(sqlite: generated.expression, postgres: nil)
            }
            if let expression = row.count > 4 ? row[4] : nil {
                let (value, refined, note) = Self.defaultValue(expression, type: type)
                column.defaultValue = value
                if let refined { column.type = refined }
                if let note { assembly.warn(place, note) }
            }
            if let position = Int(cell(row, 5)), position > 0 {
                primaryKeyColumns[tableName, default: []].append((position, columnName))
                // INTEGER PRIMARY KEY AUTOINCREMENT: the rowid, assigned on insert (never NULL).
                if definitions[tableName]?.autoIncrementColumn == columnName, case .int = column.type {
                    column.isAutoIncrement = true
                    column.isNullable = false
                } else if column.isNullable, strict[tableName] != true {
                    column.isNullable = false
                    assembly.warn(place, "is in the primary key but allows NULL (a SQLite quirk of tables that are not STRICT): written as NOT NULL")
                }
            }
            tables[tableName]?.columns.append(column)
        }
        for (tableName, columns) in primaryKeyColumns {
            let names = columns.sorted { $0.position < $1.position }.map(\.name)
            let name = definitions[tableName]?.name(of: "PRIMARY KEY", columns: names) ?? NamingConvention.primaryKey(table: tableName)
            tables[tableName]?.primaryKey = PrimaryKey(name: name, columns: names)
        }

        // Checks: the ones the dialect adds become the column's type; the rest stay checks.
        for tableName in order {
            guard let definition = definitions[tableName] else { continue }
            var position = 0
            for check in definition.checks {
                position += 1
                if let name = check.name, absorbTypeCheck(name: name, expression: check.expression, table: tableName, into: &tables, assembly: &assembly) {
                    continue
                }
                let name = check.name ?? {
                    let candidate = check.column.map { NamingConvention.check(table: tableName, label: $0) } ?? NamingConvention.check(table: tableName, label: "\(position)")
                    assembly.warn("\(assembly.place(tableName)), check (\(check.expression))", "has no name; written as \"\(candidate)\", the name a table rebuild gives it (until then `strata check` reports the difference)")
                    return candidate
                }()
                guard Schema.isValidIdentifier(name) else {
                    assembly.warn("\(assembly.place(tableName)), constraint \"\(name)\"", "has a name the schema does not accept: left out of the file; a table rebuild would drop it")
                    continue
                }
                tables[tableName]?.checkConstraints.append(CheckConstraint(name: name, expression: check.expression))
            }
        }

        // Foreign keys, grouped by id.
        var keyRows: [String: [Int: [[String?]]]] = [:]
        for row in rows["foreign keys"] ?? [] where tables[cell(row, 0)] != nil {
            keyRows[cell(row, 0), default: [:]][Int(cell(row, 1)) ?? 0, default: []].append(row)
        }
        for tableName in order {
            for (_, group) in (keyRows[tableName] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let columns = group.map { cell($0, 3) }
                let target = cell(group[0], 2)
                var referenced = group.map { cell($0, 4) }
                if referenced.contains(""), let key = tables[target]?.primaryKey { referenced = key.columns }
                let name = definitions[tableName]?.name(of: "FOREIGN KEY", columns: columns)
                    ?? NamingConvention.foreignKey(table: tableName, columns: columns, referencedTable: target)
                let place = "\(assembly.place(tableName)), foreign key (\(columns.joined(separator: ", ")))"
                guard tables[target] != nil, let onUpdate = Self.action(cell(group[0], 5)), let onDelete = Self.action(cell(group[0], 6)) else {
                    assembly.warn(place, "references \"\(target)\" with \(cell(group[0], 6)) / \(cell(group[0], 5)); only existing tables and CASCADE, SET NULL, RESTRICT and NO ACTION are expressible: left out of the file")
                    continue
                }
                tables[tableName]?.foreignKeys.append(ForeignKey(
                    name: name, columns: columns, referencedTable: target, referencedColumns: referenced,
                    onDelete: onDelete, onUpdate: onUpdate
                ))
            }
        }

        assembly.harmonizeForeignKeyTypes(&tables, order: order)

        // Indexes: `u` from UNIQUE in CREATE TABLE, `c` from CREATE INDEX; `pk` is the key itself.
        let indexColumns = Dictionary(grouping: rows["index columns"] ?? [], by: { cell($0, 0) })
        for row in rows["indexes"] ?? [] {
            let tableName = cell(row, 0), name = cell(row, 1), origin = cell(row, 3)
            guard tables[tableName] != nil, origin != "pk" else { continue }
            let parts = indexColumns[name] ?? []
            let place = "\(assembly.place(tableName)), index \"\(name)\""
            var reasons: [String] = []
            // Column keys first, then expression keys (whose text only the statement holds).
            let columnParts = parts.prefix { cell($0, 1) != "-2" }
            let expressionParts = parts.dropFirst(columnParts.count)
            let columns = columnParts.map { cell($0, 2) }
            let descending = columnParts.filter { cell($0, 3) == "1" }.map { cell($0, 2) }
            var expressions: [String] = []
            if !expressionParts.isEmpty {
                let keys = Self.indexKeyTexts(indexSQL[name] ?? "")
                if expressionParts.contains(where: { cell($0, 1) != "-2" }) {
                    reasons.append("it indexes a column after an expression (schema.yaml lists columns first)")
                } else if expressionParts.contains(where: { cell($0, 3) == "1" }) {
                    reasons.append("it sorts an expression descending")
                } else if let keys, keys.count == parts.count {
                    expressions = keys.suffix(expressionParts.count).map { CatalogText.unwrapped($0) }
                } else {
                    reasons.append("its expressions could not be read (\(indexSQL[name] ?? ""))")
                }
            }
            var predicate: String?
            if cell(row, 4) == "1" {
                if let condition = Self.indexCondition(indexSQL[name] ?? "") {
                    predicate = condition
                } else {
                    reasons.append("its condition could not be read (\(indexSQL[name] ?? ""))")
                }
            }
            if parts.contains(where: { !["BINARY", ""].contains(cell($0, 4)) }) { reasons.append("it uses a collation") }
            if tables[tableName]?.hasColumns(columns) != true { reasons.append("it is on a column that is not in the file") }
            let isUnique = cell(row, 2) == "1"
            if origin == "u", !descending.isEmpty || !expressions.isEmpty { reasons.append("it is a UNIQUE constraint with descending or expression keys") }
            if origin == "u" {
                guard reasons.isEmpty else {
                    assembly.warn(place, "is a UNIQUE constraint that is not expressible: \(reasons.joined(separator: "; ")); left out of the file")
                    continue
                }
                let constraintName = definitions[tableName]?.name(of: "UNIQUE", columns: columns) ?? NamingConvention.unique(table: tableName, columns: columns)
                tables[tableName]?.uniqueConstraints.append(UniqueConstraint(name: constraintName, columns: columns))
                continue
            }
            if !Schema.isValidIdentifier(name) { reasons.append("its name is not a valid schema name") }
            guard reasons.isEmpty else {
                assembly.warn(place, "is not expressible yet: \(reasons.joined(separator: "; ")); left out of the file, it stays in the database (a migration that rebuilds the table refuses to run while it is not in the file)")
                continue
            }
            // The dialect writes unique constraints as unique indexes named by the convention.
            let index = Index(name: name, columns: columns, isUnique: isUnique, predicate: predicate, descendingColumns: descending, expressions: expressions)
            if isUnique, index.isPlain, name == NamingConvention.unique(table: tableName, columns: columns) {
                tables[tableName]?.uniqueConstraints.append(UniqueConstraint(name: name, columns: columns))
            } else {
                tables[tableName]?.indexes.append(index)
            }
        }

        return assembly.finish(tables, order: order, views: views) { _ in "rebuild it with one" }
    }

    /// Why a view could not be read back.
    struct ViewProblem: Error {
        var message: String
    }

    /// A view as Strata creates it on SQLite: named columns and the note of their schema types
    /// (SQLite's views have no types of their own); any other view is named in a warning.
    static func view(named name: String, sql: String) -> Result<ViewDefinition, ViewProblem> {
        guard Schema.isValidIdentifier(name) else {
            return .failure(ViewProblem(message: "has a name the schema does not accept; it stays in the database (a migration that rebuilds a table it reads may fail until it is dropped and recreated by hand)"))
        }
        guard let parts = ViewSQL.sqliteParts(of: sql), let names = parts.columns, let note = parts.typeNote, names.count == note.count, !names.isEmpty else {
            return .failure(ViewProblem(message: "SQLite keeps no column types for a view, and this one was not created by Strata (which notes them): add it to 'views:' in schema.yaml with its columns and types, or leave it; it stays in the database (a migration that rebuilds a table it reads may fail until it is dropped and recreated by hand)"))
        }
        var columns: [Column] = []
        for (column, text) in zip(names, note) {
            let nullable = text.hasSuffix("?")
            guard Schema.isValidIdentifier(column), let type = ColumnType(viewTypeText: nullable ? String(text.dropLast()) : text) else {
                return .failure(ViewProblem(message: "has a column \"\(column)\" of a type this version does not read (\(text)); it stays in the database"))
            }
            columns.append(Column(name: column, type: type, isNullable: nullable))
        }
        return .success(ViewDefinition(name: name, columns: columns, query: ["sqlite": parts.query], tables: []))
    }

    /// Turns a check the dialect adds for a type back into the column's type; `false` when the
    /// check is not one of those (then it stays a check).
    private func absorbTypeCheck(name: String, expression: String, table: String, into tables: inout [String: CatalogTable], assembly: inout CatalogAssembly) -> Bool {
        guard let columns = tables[table]?.columns else { return false }
        for (index, column) in columns.enumerated() {
            let quoted = SQLiteDialect().quoted(column.name)
            func named(_ label: String) -> Bool { name == NamingConvention.check(table: table, label: "\(column.name)_\(label)") }
            /// A text default that does not fit the type the check shows: written without it, said so.
            func dropDefault(of position: Int, _ why: String) {
                assembly.warn(assembly.place(table, column.name), "has a default that \(why): written without a default, the database keeps it")
                tables[table]?.columns[position].defaultValue = nil
            }
            switch column.type {
            case .int where named("bool") && expression == "\(quoted) IN (0, 1)":
                tables[table]?.columns[index].type = .bool
                if case .literal(.int(let value))? = column.defaultValue, value == 0 || value == 1 {
                    tables[table]?.columns[index].defaultValue = .literal(.bool(value == 1))
                }
                return true
            case .int where named("range"):
                guard let type = [ColumnType.int32, .int16].first(where: { type in
                    let range = type.integerRange!
                    return expression == "\(quoted) BETWEEN \(range.lowerBound) AND \(range.upperBound)"
                }) else { return false }
                tables[table]?.columns[index].type = type
                return true
            case .double where named("range") && expression == SQLiteDialect.floatRangeExpression(quoted):
                tables[table]?.columns[index].type = .float
                return true
            case .text where named("decimal"):
                guard let type = SQLiteDialect.decimalType(ofCheck: expression, column: quoted) else { return false }
                tables[table]?.columns[index].type = type
                if case .literal(.string(let text))? = column.defaultValue, DecimalText.canonical(text) != text {
                    dropDefault(of: index, "is not a decimal in canonical form")
                }
                return true
            case .text where named("time") && expression == SQLiteDialect.timeShapeExpression(quoted),
                 .time where named("time") && expression == SQLiteDialect.timeShapeExpression(quoted):  // `default: now` showed the type
                tables[table]?.columns[index].type = .time
                if case .literal(.string(let text))? = column.defaultValue, TimeText.canonical(text) != text {
                    dropDefault(of: index, "is not a time of day (HH:MM:SS.SSS)")
                }
                return true
            case .text where named("length"):
                let prefix = "length(\(quoted)) <= "
                guard expression.hasPrefix(prefix), let length = Int(expression.dropFirst(prefix.count)), length > 0 else { return false }
                tables[table]?.columns[index].type = .string(maxLength: length)
                return true
            case .text where named("json") && (expression == "json_valid(\(quoted))" || expression == "\(quoted) IS NULL OR json_valid(\(quoted))"):
                tables[table]?.columns[index].type = .json
                if case .literal(.string(let text))? = column.defaultValue {
                    tables[table]?.columns[index].defaultValue = .literal(.json(text))
                }
                return true
            case .text where CatalogText.inList(expression, column: column.name) != nil:
                // An IN list over one TEXT column is an enum, under the name it has.
                guard let values = CatalogText.inList(expression, column: column.name),
                      let enumName = assembly.enumeration(table: table, column: column.name, values: values, checkName: name)
                else { return false }
                tables[table]?.columns[index].type = .enumeration(enumName)
                if !named("enum") { tables[table]?.columns[index].enumCheckName = name }
                return true
            default:
                continue
            }
        }
        return false
    }

    /// The schema type of a declared type; `note` when it is only close.
    static func columnType(_ declared: String, strict: Bool) -> (ColumnType, String?)? {
        let upper = declared.uppercased().trimmingSpaces
        if strict {
            switch upper {
            case "INTEGER", "INT": return (.int, nil)
            case "REAL": return (.double, nil)
            case "TEXT": return (.text, nil)
            case "BLOB": return (.bytes, nil)
            default: return nil
            }
        }
        func length(_ prefixes: [String]) -> Int? {
            for prefix in prefixes where upper.hasPrefix(prefix + "(") && upper.hasSuffix(")") {
                let inner = upper.dropFirst(prefix.count + 1).dropLast()
                return Int(inner.split(separator: ",").first.map { String($0).trimmingSpaces } ?? "")
            }
            return nil
        }
        if let n = length(["VARCHAR", "NVARCHAR", "CHARACTER VARYING", "VARYING CHARACTER", "NATIVE CHARACTER"]), n > 0 { return (.string(maxLength: n), nil) }
        if let n = length(["CHAR", "CHARACTER", "NCHAR"]), n > 0 {
            return (.string(maxLength: n), "is \(declared) (fixed length); written as string with max_length \(n) (not padded)")
        }
        switch upper {
        case "INTEGER", "INT", "BIGINT", "TINYINT", "MEDIUMINT", "INT8", "UNSIGNED BIG INT": return (.int, nil)
        case "SMALLINT", "INT2": return (.int16, nil)
        case "BOOLEAN", "BOOL": return (.bool, nil)
        case "TEXT", "CLOB", "VARCHAR", "NVARCHAR", "STRING": return (.text, nil)
        case "REAL", "FLOAT", "DOUBLE", "DOUBLE PRECISION": return (.double, nil)
        case "BLOB", "BINARY", "VARBINARY", "BYTEA": return (.bytes, nil)
        case "DATETIME", "TIMESTAMP": return (.timestamp, "is \(declared); written as timestamp, which Strata stores as text 'YYYY-MM-DD HH:MM:SS.SSS' in UTC: check that the existing values have that form")
        case "DATE": return (.date, nil)
        case "JSON", "JSONB": return (.json, nil)
        case "UUID": return (.uuid, nil)
        default: return nil
        }
    }

    /// The key texts of a `CREATE INDEX` statement: the items of its first parenthesised list
    /// (outside quotes and comments), such as `"a" DESC` and `(lower("k"))`.
    static func indexKeyTexts(_ sql: String) -> [String]? {
        let text = Substring(sql)
        var open: Substring.Index?
        CatalogText.scanCode(text) { index, character, depth in
            if character == UInt8(ascii: "("), depth == 0 { open = index; return false }
            return true
        }
        guard let open, let close = CatalogText.closingIndex(of: text[open...]) else { return nil }
        return CatalogText.topLevelItems(text[text.utf8.index(after: open)..<close])
    }

    /// The condition after the `WHERE` of a `CREATE INDEX` statement (outside quotes, comments
    /// and parentheses).
    static func indexCondition(_ sql: String) -> String? {
        let text = Substring(sql)
        var found: Substring.Index?
        let bytes = text.utf8
        func isWordByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        CatalogText.scanCode(text) { index, character, depth in
            guard depth == 0, character | 0x20 == UInt8(ascii: "w") else { return true }
            guard let end = bytes.index(index, offsetBy: 5, limitedBy: bytes.endIndex),
                  String(text[index..<end]).uppercased() == "WHERE" else { return true }
            let before = index == bytes.startIndex ? nil : bytes[bytes.index(before: index)]
            let after = end < bytes.endIndex ? bytes[end] : nil
            if !(before.map(isWordByte) ?? false), !(after.map(isWordByte) ?? false) {
                found = end
                return false
            }
            return true
        }
        guard let start = found else { return nil }
        var condition = String(text[start...]).trimmingSpaces
        if condition.hasSuffix(";") { condition = String(condition.dropLast()).trimmingSpaces }
        return condition.isEmpty ? nil : condition
    }

    static func action(_ text: String) -> ReferentialAction? {
        switch text.uppercased() {
        case "NO ACTION", "": .noAction
        case "RESTRICT": .restrict
        case "CASCADE": .cascade
        case "SET NULL": .setNull
        default: nil
        }
    }

    /// The schema default of a `dflt_value`, the type it shows the column has (a TEXT column
    /// with Strata's `default: uuid` is a uuid), or a note.
    static func defaultValue(_ expression: String, type: ColumnType) -> (ColumnDefault?, ColumnType?, String?) {
        let text = CatalogText.unwrapped(expression)
        switch (text, type) {
        case (SQLiteDialect.randomUUIDExpression, .text), (SQLiteDialect.randomUUIDExpression, .uuid): return (.uuid, .uuid, nil)
        case (SQLiteDialect.currentTimestampExpression, .text), (SQLiteDialect.currentTimestampExpression, .timestamp): return (.now, .timestamp, nil)
        case ("date('now')", .text), ("date('now')", .date): return (.now, .date, nil)
        case ("strftime('%H:%M:%f', 'now')", .text), ("strftime('%H:%M:%f', 'now')", .time): return (.now, .time, nil)
        case ("CURRENT_TIMESTAMP", .timestamp):
            return (.now, nil, "has the default CURRENT_TIMESTAMP (seconds); written as default: now, which Strata writes with milliseconds (`strata check` reports the difference until a table rebuild)")
        case ("CURRENT_DATE", .date):
            return (.now, nil, "has the default CURRENT_DATE; written as default: now, Strata's date('now') (`strata check` reports the difference until a table rebuild)")
        default: break
        }
        switch type {
        case .int, .int32, .int16:
            if let number = Int64(text) { return (.literal(.int(number)), nil, nil) }
        case .bool:
            switch text.uppercased() {
            case "1", "TRUE": return (.literal(.bool(true)), nil, nil)
            case "0", "FALSE": return (.literal(.bool(false)), nil, nil)
            default: break
            }
        case .double:
            if let number = Double(text), number.isFinite { return (.literal(.double(number)), nil, nil) }
        case .decimal:
            if let literal = CatalogText.stringLiteral(text), let canonical = DecimalText.canonical(literal), canonical == literal {
                return (.literal(.string(canonical)), nil, nil)
            }
        case .float:
            if let number = Double(text), number.isFinite { return (.literal(.double(ColumnType.floatValue(number))), nil, nil) }
        case .string, .text, .enumeration:
            if let literal = CatalogText.stringLiteral(text), !literal.contains("\0") { return (.literal(.string(literal)), nil, nil) }
        case .uuid:
            if let literal = CatalogText.stringLiteral(text) { return (.literal(.string(literal.lowercased())), nil, nil) }
        case .json, .textualJSON:
            if let literal = CatalogText.stringLiteral(text) { return (.literal(.json(literal)), nil, nil) }
        case .time:
            if let literal = CatalogText.stringLiteral(text), let canonical = TimeText.canonical(literal) { return (.literal(.string(canonical)), nil, nil) }
        case .timestamp, .date, .bytes:
            break
        }
        // Any other expression without columns is a SQLite SQL default.
        if (try? CheckExpression.validate(text, columns: [])) != nil, !text.isEmpty {
            return (.sql(SQLExpressionDefault(sqlite: text, postgres: nil)), nil, nil)
        }
        return (nil, nil, "has the default \(expression), which the schema cannot express yet: written without a default (the database keeps it until a table rebuild)")
    }
}
