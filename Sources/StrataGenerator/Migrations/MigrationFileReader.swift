import StrataSchema
import Yams

/// Reads a migration file written by `MigrationFileWriter` (and possibly edited by hand), with
/// strict keys and an error for each problem at its line and column.
public enum MigrationFileReader {
    /// - Parameters:
    ///   - source: The file's text.
    ///   - fileName: The path used in diagnostics (`Generated/Migrations/0001_x.yaml`).
    /// - Returns: The migration, with its checksum taken from `source`.
    /// - Throws: `DiagnosticsError` with every problem found.
    public static func read(_ source: String, fileName: String) throws(DiagnosticsError) -> Migration {
        try readLocated(source, fileName: fileName).migration
    }

    /// The migration and where each of its operations is written, for errors found on replay.
    static func readLocated(_ source: String, fileName: String) throws(DiagnosticsError) -> (migration: Migration, locations: OperationLocations) {
        var diagnostics = DiagnosticCollector(fileName: fileName)
        var reader = Reader(diagnostics: diagnostics)
        let migration = reader.read(source)
        diagnostics = reader.diagnostics
        guard let migration, !diagnostics.hasErrors else { throw DiagnosticsError(diagnostics.sorted) }
        return (migration, reader.locations)
    }

    /// Whether `id` can name a migration and its file: ASCII letters, digits, `_` and `-`, at most 128.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }
}

/// Where a migration file writes each operation (`nil` where unknown).
struct OperationLocations {
    var file: SourceLocation?
    var upgrade: [SourceLocation?] = []
    var downgrade: [SourceLocation?] = []
}

private struct Reader {
    var diagnostics: DiagnosticCollector
    var locations = OperationLocations()

    static let operationNames = [
        "create_table", "drop_table", "rename_table", "add_column", "drop_column", "rename_column", "alter_column",
        "alter_primary_key", "create_index", "drop_index", "add_unique", "drop_unique", "add_check", "drop_check",
        "add_foreign_key", "drop_foreign_key", "create_enum", "drop_enum", "alter_enum", "sql", "alter_table_comment",
        "create_sql_object", "drop_sql_object",
    ]

    mutating func read(_ source: String) -> Migration? {
        guard let root = composeYAML(source, emptyMessage: "the migration file is empty", diagnostics: &diagnostics) else {
            return nil
        }
        var id: String?, parent: String?, message = "", acknowledges = false, acknowledgesDowngrade = false, acknowledgesLocks = false
        var upgrade: [MigrationOperation] = [], downgrade: [MigrationOperation] = []
        var sawUpgrade = false, sawDowngrade = false
        let keys = ["id", "parent", "message", "data_loss", "acknowledge_data_loss", "acknowledge_downgrade_data_loss", "acknowledge_blocking_locks", "upgrade", "downgrade"]
        for entry in diagnostics.entries(of: root, allowedKeys: keys, context: "the migration") {
            switch entry.key {
            case "id": id = migrationID(entry.value, "'id'")
            case "parent": parent = entry.value.isNull ? nil : migrationID(entry.value, "'parent'")
            case "message": message = diagnostics.scalar(entry.value, "'message'")?.value ?? ""
            case "data_loss": break  // recomputed from the operations; written for the reader's eyes
            case "acknowledge_data_loss": acknowledges = diagnostics.bool(entry.value, "'acknowledge_data_loss'")?.value ?? false
            case "acknowledge_downgrade_data_loss":
                acknowledgesDowngrade = diagnostics.bool(entry.value, "'acknowledge_downgrade_data_loss'")?.value ?? false
            case "acknowledge_blocking_locks":
                acknowledgesLocks = diagnostics.bool(entry.value, "'acknowledge_blocking_locks'")?.value ?? false
            case "upgrade":
                sawUpgrade = true
                (upgrade, locations.upgrade) = operations(entry.value, "'upgrade'")
            case "downgrade":
                sawDowngrade = true
                (downgrade, locations.downgrade) = operations(entry.value, "'downgrade'")
            default: break
            }
        }
        if id == nil { diagnostics.error("missing 'id': add the migration's id, such as 'id: 0001_create_captures'", at: root.location) }
        if !sawUpgrade { diagnostics.error("missing 'upgrade': list the operations (or write 'upgrade: []')", at: root.location) }
        if !sawDowngrade { diagnostics.error("missing 'downgrade': list the operations that undo the upgrade (or write 'downgrade: []')", at: root.location) }
        guard let id else { return nil }
        locations.file = root.location
        return Migration(id: id, parent: parent, message: message, upgrade: upgrade, downgrade: downgrade,
                         acknowledgesDataLoss: acknowledges, acknowledgesDowngradeDataLoss: acknowledgesDowngrade,
                         acknowledgesBlockingLocks: acknowledgesLocks, checksum: SHA256.hex(source))
    }

    /// A migration id (or parent); ids name files, so only ASCII letters, digits, `_` and `-`.
    mutating func migrationID(_ node: Node, _ what: String) -> String? {
        guard let text = diagnostics.scalar(node, what) else { return nil }
        guard MigrationFileReader.isValidID(text.value) else {
            diagnostics.error("invalid \(what) '\(text.value)': a migration id uses ASCII letters, digits, '_' and '-' (at most 128), such as 0002_add_notes", at: text.location)
            return nil
        }
        return text.value
    }

    mutating func operations(_ node: Node, _ what: String) -> ([MigrationOperation], [SourceLocation?]) {
        if case .scalar = node, node.scalarText == "[]" || node.isNull { return ([], []) }
        guard case .sequence(let items) = node else {
            diagnostics.error("\(what) must be a list of operations, not \(node.kindDescription)", at: node.location)
            return ([], [])
        }
        var result: [MigrationOperation] = []
        var places: [SourceLocation?] = []
        for item in items {
            if let value = operation(item) {
                result.append(value)
                places.append(item.location)
            }
        }
        return (result, places)
    }

    mutating func operation(_ node: Node) -> MigrationOperation? {
        guard case .mapping(let mapping) = node, mapping.count == 1, let (keyNode, value) = mapping.first.map({ ($0.key, $0.value) }),
              let name = keyNode.scalarText
        else {
            diagnostics.error("an operation must be one key naming it, such as 'add_column: {...}'", at: node.location)
            return nil
        }
        guard Self.operationNames.contains(name) else {
            diagnostics.error("unknown operation '\(name)'\(didYouMean(name, among: Self.operationNames))", at: keyNode.location)
            return nil
        }
        let context = "'\(name)'"
        func fields(_ allowed: [String], optional: Set<String> = []) -> [String: Node] {
            var result: [String: Node] = [:]
            for entry in diagnostics.entries(of: value, allowedKeys: allowed, context: context) { result[entry.key] = entry.value }
            for key in allowed where result[key] == nil && !optionalKeys.contains(key) && !optional.contains(key) {
                diagnostics.error("\(context) is missing '\(key)'", at: value.location)
            }
            return result
        }
        func text(_ node: Node?, _ key: String) -> String? {
            node.flatMap { diagnostics.scalar($0, "'\(key)' of \(context)")?.value }
        }
        switch name {
        case "create_table", "drop_table":
            guard let table = table(value, context) else { return nil }
            return name == "create_table" ? .createTable(table) : .dropTable(table)
        case "rename_table":
            let f = fields(["from", "to"])
            guard let from = text(f["from"], "from"), let to = text(f["to"], "to") else { return nil }
            return .renameTable(from: from, to: to)
        case "add_column", "drop_column":
            let f = fields(["table", "column"])
            guard let table = text(f["table"], "table"), let node = f["column"], let column = column(node, context) else { return nil }
            return name == "add_column" ? .addColumn(table: table, column: column) : .dropColumn(table: table, column: column)
        case "rename_column":
            let f = fields(["table", "from", "to"])
            guard let table = text(f["table"], "table"), let from = text(f["from"], "from"), let to = text(f["to"], "to") else { return nil }
            return .renameColumn(table: table, from: from, to: to)
        case "alter_column":
            let f = fields(["table", "from", "to"])
            guard let table = text(f["table"], "table"), let fromNode = f["from"], let toNode = f["to"],
                  let from = column(fromNode, context), let to = column(toNode, context) else { return nil }
            return .alterColumn(table: table, from: from, to: to)
        case "alter_primary_key":
            let f = fields(["table", "from", "to"])
            guard let table = text(f["table"], "table"), let fromNode = f["from"], let toNode = f["to"],
                  let from = primaryKey(fromNode, context), let to = primaryKey(toNode, context) else { return nil }
            return .alterPrimaryKey(table: table, from: from, to: to)
        case "create_index", "drop_index":
            let f = fields(["table", "name", "columns", "unique", "where", "descending", "expressions", "include"], optional: ["descending", "expressions", "include"])
            guard let table = text(f["table"], "table"), let index = index(f, context) else { return nil }
            return name == "create_index" ? .createIndex(table: table, index: index) : .dropIndex(table: table, index: index)
        case "add_unique", "drop_unique":
            let f = fields(["table", "name", "columns"])
            guard let table = text(f["table"], "table"), let constraintName = text(f["name"], "name"),
                  let columns = f["columns"].flatMap({ diagnostics.scalarList($0, "'columns'") })?.map(\.value) else { return nil }
            let unique = UniqueConstraint(name: constraintName, columns: columns)
            return name == "add_unique" ? .addUnique(table: table, constraint: unique) : .dropUnique(table: table, constraint: unique)
        case "add_check", "drop_check":
            let f = fields(["table", "name", "expression"])
            guard let table = text(f["table"], "table"), let constraintName = text(f["name"], "name"), let expression = text(f["expression"], "expression") else { return nil }
            let check = CheckConstraint(name: constraintName, expression: expression)
            return name == "add_check" ? .addCheck(table: table, constraint: check) : .dropCheck(table: table, constraint: check)
        case "add_foreign_key", "drop_foreign_key":
            let f = fields(["table", "name", "columns", "references", "referenced_columns", "on_delete", "on_update"])
            guard let table = text(f["table"], "table"), let key = foreignKey(f, context) else { return nil }
            return name == "add_foreign_key" ? .addForeignKey(table: table, key: key) : .dropForeignKey(table: table, key: key)
        case "create_enum", "drop_enum":
            let f = fields(["name", "values"])
            guard let enumName = text(f["name"], "name"), let values = f["values"].flatMap({ diagnostics.scalarList($0, "'values'") })?.map(\.value) else { return nil }
            let value = EnumType(name: enumName, values: values)
            return name == "create_enum" ? .createEnum(value) : .dropEnum(value)
        case "alter_enum":
            let f = fields(["name", "from", "to", "renamed"])
            guard let enumName = text(f["name"], "name"),
                  let from = f["from"].flatMap({ diagnostics.scalarList($0, "'from'") })?.map(\.value),
                  let to = f["to"].flatMap({ diagnostics.scalarList($0, "'to'") })?.map(\.value) else { return nil }
            var renames: [ValueRename] = []
            if let renamed = f["renamed"] {
                for entry in diagnostics.namedEntries(of: renamed, context: "'renamed'") {
                    if let target = diagnostics.scalar(entry.value, "a renamed value") { renames.append(ValueRename(from: entry.key, to: target.value)) }
                }
            }
            return .alterEnum(from: EnumType(name: enumName, values: from), to: EnumType(name: enumName, values: to), renamedValues: renames)
        case "sql":
            let f = fields(["description", "upgrade", "downgrade"])
            return .sql(RawSQL(upgrade: sqlByDialect(f["upgrade"], "'upgrade' of 'sql'"), downgrade: sqlByDialect(f["downgrade"], "'downgrade' of 'sql'"),
                               description: text(f["description"], "description") ?? "raw SQL"))
        case "create_sql_object", "drop_sql_object":
            let f = fields(["name", "tables", "create", "drop"])
            guard let objectName = text(f["name"], "name"),
                  let tables = f["tables"].flatMap({ diagnostics.scalarList($0, "'tables'") })?.map(\.value) else { return nil }
            let object = SQLObject(name: objectName, tables: tables, create: sqlByDialect(f["create"], "'create' of '\(name)'"), drop: sqlByDialect(f["drop"], "'drop' of '\(name)'"))
            return name == "create_sql_object" ? .createSQLObject(object) : .dropSQLObject(object)
        case "alter_table_comment":
            // A missing `from` or `to` is no comment.
            let f = fields(["table", "from", "to"], optional: ["from", "to"])
            guard let table = text(f["table"], "table") else { return nil }
            return .alterTableComment(table: table, from: text(f["from"], "from"), to: text(f["to"], "to"))
        default:
            return nil
        }
    }

    /// SQL text by dialect: `{sqlite: …, postgres: …}` (either may be missing).
    /// One text for both dialects, or `{sqlite: …, postgres: …}`.
    mutating func expressionByDialect(_ node: Node) -> SQLExpressionDefault {
        if let shared = node.scalarText { return SQLExpressionDefault(sqlite: shared, postgres: shared) }
        let dialects = sqlByDialect(node, "'generated'")
        return SQLExpressionDefault(sqlite: dialects["sqlite"], postgres: dialects["postgres"])
    }

    mutating func sqlByDialect(_ node: Node?, _ context: String) -> [String: String] {
        guard let node else { return [:] }
        var result: [String: String] = [:]
        for entry in diagnostics.entries(of: node, allowedKeys: ["sqlite", "postgres"], context: context) {
            result[entry.key] = diagnostics.scalar(entry.value, "SQL")?.value
        }
        return result
    }

    var optionalKeys: Set<String> { ["unique", "renamed", "description", "on_delete", "on_update", "where"] }

    mutating func table(_ node: Node, _ context: String) -> Table? {
        var name: String?, columns: [Column] = [], key: PrimaryKey?, comment: String?
        var uniques: [UniqueConstraint] = [], checks: [CheckConstraint] = [], keys: [ForeignKey] = [], indexes: [Index] = []
        for entry in diagnostics.entries(of: node, allowedKeys: ["name", "doc", "columns", "primary_key", "unique", "checks", "foreign_keys", "indexes"], context: context) {
            switch entry.key {
            case "name": name = diagnostics.scalar(entry.value, "'name'")?.value
            case "doc": comment = diagnostics.scalar(entry.value, "'doc'")?.value
            case "columns": columns = list(entry.value, "'columns'") { reader, item in reader.column(item, context) }
            case "primary_key": key = primaryKey(entry.value, context)
            case "unique":
                uniques = list(entry.value, "'unique'") { reader, item in
                    let f = reader.mapping(item, ["name", "columns"], "a unique constraint")
                    guard let name = f["name"]?.scalarText, let columns = f["columns"].flatMap({ reader.diagnostics.scalarList($0, "'columns'") }) else { return nil }
                    return UniqueConstraint(name: name, columns: columns.map(\.value))
                }
            case "checks":
                checks = list(entry.value, "'checks'") { reader, item in
                    let f = reader.mapping(item, ["name", "expression"], "a check")
                    guard let name = f["name"]?.scalarText, let expression = f["expression"]?.scalarText else { return nil }
                    return CheckConstraint(name: name, expression: expression)
                }
            case "foreign_keys":
                keys = list(entry.value, "'foreign_keys'") { reader, item in
                    reader.foreignKey(reader.mapping(item, ["name", "columns", "references", "referenced_columns", "on_delete", "on_update"], "a foreign key"), context)
                }
            case "indexes":
                indexes = list(entry.value, "'indexes'") { reader, item in
                    reader.index(reader.mapping(item, ["name", "columns", "unique", "where", "descending", "expressions", "include"], "an index"), context)
                }
            default: break
            }
        }
        guard let name else {
            diagnostics.error("\(context) is missing 'name'", at: node.location)
            return nil
        }
        guard let key else {
            diagnostics.error("\(context) of table '\(name)' is missing 'primary_key'", at: node.location)
            return nil
        }
        return Table(name: name, columns: columns, primaryKey: key, uniqueConstraints: uniques, checkConstraints: checks, foreignKeys: keys, indexes: indexes,
                     comment: comment)
    }

    mutating func list<Item>(_ node: Node, _ what: String, _ item: (inout Reader, Node) -> Item?) -> [Item] {
        guard case .sequence(let items) = node else {
            diagnostics.error("\(what) must be a list, not \(node.kindDescription)", at: node.location)
            return []
        }
        var result: [Item] = []
        for node in items { if let value = item(&self, node) { result.append(value) } }
        return result
    }

    mutating func mapping(_ node: Node, _ allowed: [String], _ what: String) -> [String: Node] {
        var result: [String: Node] = [:]
        for entry in diagnostics.entries(of: node, allowedKeys: allowed, context: what) { result[entry.key] = entry.value }
        return result
    }

    mutating func primaryKey(_ node: Node, _ context: String) -> PrimaryKey? {
        let f = mapping(node, ["name", "columns"], "'primary_key' of \(context)")
        guard let name = f["name"]?.scalarText, let columns = f["columns"].flatMap({ diagnostics.scalarList($0, "'columns'") }) else {
            diagnostics.error("'primary_key' of \(context) needs 'name' and 'columns'", at: node.location)
            return nil
        }
        return PrimaryKey(name: name, columns: columns.map(\.value))
    }

    mutating func index(_ f: [String: Node], _ context: String) -> Index? {
        guard let name = f["name"]?.scalarText, let columns = f["columns"].flatMap({ diagnostics.scalarList($0, "'columns'") }) else { return nil }
        let unique = f["unique"].flatMap { diagnostics.bool($0, "'unique'")?.value } ?? false
        func list(_ key: String) -> [String] { f[key].flatMap { diagnostics.scalarList($0, "'\(key)'") }?.map(\.value) ?? [] }
        return Index(name: name, columns: columns.map(\.value), isUnique: unique, predicate: f["where"]?.scalarText,
                     descendingColumns: list("descending"), expressions: list("expressions"), includedColumns: list("include"))
    }

    mutating func foreignKey(_ f: [String: Node], _ context: String) -> ForeignKey? {
        guard let name = f["name"]?.scalarText, let columns = f["columns"].flatMap({ diagnostics.scalarList($0, "'columns'") }),
              let table = f["references"]?.scalarText, let referenced = f["referenced_columns"].flatMap({ diagnostics.scalarList($0, "'referenced_columns'") })
        else { return nil }
        func action(_ key: String) -> ReferentialAction {
            guard let node = f[key], let text = node.scalarText else { return .noAction }
            guard let action = ReferentialAction(rawValue: text) else {
                diagnostics.error("unknown \(key) action '\(text)'\(didYouMean(text, among: ReferentialAction.allCases.map(\.rawValue)))", at: node.location)
                return .noAction
            }
            return action
        }
        return ForeignKey(name: name, columns: columns.map(\.value), referencedTable: table, referencedColumns: referenced.map(\.value),
                          onDelete: action("on_delete"), onUpdate: action("on_update"))
    }

    mutating func column(_ node: Node, _ context: String) -> Column? {
        let f = mapping(node, ["name", "type", "max_length", "postgres_type", "precision", "scale", "nullable", "auto_increment", "generated", "default", "on_update", "doc", "check_name"], "a column of \(context)")
        guard let name = f["name"]?.scalarText, let typeName = f["type"]?.scalarText else {
            diagnostics.error("a column of \(context) needs 'name' and 'type'", at: node.location)
            return nil
        }
        let precision = f["precision"]?.scalarText.flatMap { Int($0) }, scale = f["scale"]?.scalarText.flatMap { Int($0) }
        if typeName == "decimal", ColumnType.builtin(named: typeName, precision: precision, scale: scale) == nil {
            diagnostics.error("column '\(name)' of type decimal needs 'precision' from 1 to 38 and 'scale' from 0 to the precision", at: (f["precision"] ?? f["type"] ?? node).location)
            return nil
        }
        let type = ColumnType.builtin(named: typeName, maxLength: f["max_length"]?.scalarText.flatMap { Int($0) }, postgresType: f["postgres_type"]?.scalarText,
                                      precision: precision, scale: scale)
            ?? .enumeration(typeName)
        if let storage = f["postgres_type"], typeName != "json" || !["json", "jsonb"].contains(storage.scalarText ?? "") {
            diagnostics.error("'postgres_type' of column '\(name)' must be jsonb or json, on a json column", at: storage.location)
        }
        if let length = f["max_length"], typeName == "string", Int(length.scalarText ?? "") == nil {
            diagnostics.error("'max_length' of column '\(name)' must be a whole number", at: length.location)
        }
        let nullable = f["nullable"].flatMap { diagnostics.bool($0, "'nullable'")?.value } ?? false
        var defaultValue: ColumnDefault?
        if let node = f["default"] { defaultValue = columnDefault(node, type: type, column: name) }
        let updated = f["on_update"]?.scalarText == "now"
        if let node = f["on_update"], node.scalarText != "now" {
            diagnostics.error("'on_update' of a column can only be 'now'", at: node.location)
        }
        let generated = f["generated"].map { expressionByDialect($0) }
        return Column(name: name, type: type, isNullable: nullable, defaultValue: defaultValue, isUpdatedOnWrite: updated,
                      comment: f["doc"].flatMap { diagnostics.scalar($0, "'doc'")?.value },
                      enumCheckName: f["check_name"].flatMap { diagnostics.scalar($0, "'check_name'")?.value },
                      isAutoIncrement: f["auto_increment"].flatMap { diagnostics.bool($0, "'auto_increment'")?.value } ?? false,
                      generatedExpression: generated,
                      enumMaxLength: type.isEnumeration ? f["max_length"]?.scalarText.flatMap { Int($0) } : nil)
    }

    mutating func columnDefault(_ node: Node, type: ColumnType, column: String) -> ColumnDefault? {
        if case .mapping = node {
            let f = mapping(node, ["json", "sql"], "a JSON or SQL default")
            if let sql = f["sql"] {
                let expression: SQLExpressionDefault
                if let shared = sql.scalarText {
                    expression = SQLExpressionDefault(sqlite: shared, postgres: shared)
                } else {
                    let dialects = mapping(sql, ["sqlite", "postgres"], "an SQL default")
                    expression = SQLExpressionDefault(sqlite: dialects["sqlite"]?.scalarText, postgres: dialects["postgres"]?.scalarText)
                }
                guard expression.sqlite != nil || expression.postgres != nil else {
                    diagnostics.error("the SQL default of column '\(column)' has no expression", at: sql.location)
                    return nil
                }
                return .sql(expression)
            }
            guard let json = f["json"]?.scalarText else { return nil }
            return .literal(.json(json))
        }
        guard let text = node.scalarText else {
            diagnostics.error("the default of column '\(column)' must be a value", at: node.location)
            return nil
        }
        if text.unicodeScalars.contains("\0") {
            diagnostics.error("the default of column '\(column)' contains a NUL character (\\0), which neither database can store in text: remove it", at: node.location)
            return nil
        }
        if node.isQuotedScalar { return .literal(.string(text)) }
        switch (text, type) {
        case ("now", _): return .now
        case ("uuid", _): return .uuid
        case (_, .int), (_, .int32), (_, .int16):
            if let number = Int64(text), type.integerRange?.contains(number) == true { return .literal(.int(number)) }
        case (_, .double):
            if let number = Double(text) { return .literal(.double(number)) }
        case (_, .decimal(let precision, let scale)):
            if let canonical = DecimalText.canonical(text), DecimalText.misfit(canonical, precision: precision, scale: scale) == nil {
                return .literal(.string(canonical))
            }
        case (_, .float):
            if let number = Double(text), abs(number) <= Double(Float.greatestFiniteMagnitude) {
                return .literal(.double(ColumnType.floatValue(number)))
            }
        case (_, .bool):
            if text == "true" || text == "false" { return .literal(.bool(text == "true")) }
        default:
            return .literal(.string(text))
        }
        diagnostics.error("default '\(text)' of column '\(column)' does not fit its type \(type.schemaName)", at: node.location)
        return nil
    }
}
