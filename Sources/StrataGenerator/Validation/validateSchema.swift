import StrataSchema

/// Checks a parsed schema and builds the IR and the Swift names, reporting every problem found.
/// - Returns: `nil` when there were errors (they are in `diagnostics`).
func validateSchema(_ parsed: ParsedSchema, diagnostics: inout DiagnosticCollector) -> ValidatedSchema? {
    var validator = SchemaValidator(parsed: parsed, diagnostics: diagnostics)
    let result = validator.validate()
    diagnostics = validator.diagnostics
    return diagnostics.hasErrors ? nil : result
}

/// A column after the first pass, with what the second pass (references) needs.
private struct ColumnDraft {
    var parsed: ParsedColumn
    var column: Column
}

struct SchemaValidator {
    let parsed: ParsedSchema
    var diagnostics: DiagnosticCollector
    /// Created at the first check expression, shared by all of them.
    var checkCompiler: SQLiteCheckCompiler?

    init(parsed: ParsedSchema, diagnostics: DiagnosticCollector) {
        self.parsed = parsed
        self.diagnostics = diagnostics
    }

    var enumNames: [String] { parsed.enums.map(\.name.value) }

    mutating func validate() -> ValidatedSchema? {
        if let version = parsed.version, version.value != "1" {
            diagnostics.error("unsupported version '\(version.value)': this Strata reads 'version: 1'", at: version.location)
        }
        var module = "Models"
        if let swiftModule = parsed.swiftModule {
            if SwiftNaming.isValidIdentifier(swiftModule.value) {
                module = swiftModule.value
            } else {
                diagnostics.error("'swift.module' must be a Swift identifier such as 'JarvisModels', not '\(swiftModule.value)'", at: swiftModule.location)
            }
        } else {
            diagnostics.error("missing 'swift.module': name the generated module, such as 'swift: {module: JarvisModels}'", at: SourceLocation(line: 1, column: 1))
        }

        var enums: [EnumType] = []
        for parsedEnum in parsed.enums { enums.append(validateEnum(parsedEnum)) }
        if parsed.tables.isEmpty {
            diagnostics.error("the schema has no tables: add a 'tables:' mapping", at: SourceLocation(line: 1, column: 1))
        }
        var drafts: [TableDraft] = []
        for parsedTable in parsed.tables { drafts.append(firstPass(parsedTable)) }
        // One snapshot for lookups: passing `drafts` itself while mutating an element would copy
        // the whole array on every iteration.
        let snapshot = TableLookup(drafts)
        for index in drafts.indices {
            resolveReferences(&drafts[index], all: snapshot)
        }
        let tables = drafts.map { $0.table }
        var schema = Schema(enums: enums, tables: tables, sqlObjects: parsed.sqlObjects.compactMap { diagnostics.resolveSQLObject($0, tables: tables.map(\.name)) })
        // Views are SQL objects the schema writes itself, created after the others.
        var otherNames: [String: String] = [:]
        for table in tables { otherNames[table.name] = "table '\(table.name)'" }
        for object in parsed.sqlObjects { otherNames[object.name.value] = otherNames[object.name.value] ?? "SQL object '\(object.name.value)'" }
        var views: [ValidatedView] = []
        var viewTypeNames: [(SwiftTableNames, ParsedView)] = []
        for parsedView in parsed.views {
            if let (object, view) = validateView(parsedView, tables: tables, otherNames: otherNames, views: parsed.views.map(\.name.value).filter { otherNames[$0]?.hasPrefix("table") != true }) {
                schema.sqlObjects.append(object)
                views.append(view)
                viewTypeNames.append((view.names, parsedView))
            }
            otherNames[parsedView.name.value] = otherNames[parsedView.name.value] ?? "view '\(parsedView.name.value)'"
        }
        checkConstraintNames(schema)
        var swiftEnums: [SwiftEnumNames] = []
        for (parsedEnum, enumType) in zip(parsed.enums, enums) { swiftEnums.append(swiftNames(forEnum: parsedEnum, enumType)) }
        var swiftTables: [SwiftTableNames] = []
        for (draft, table) in zip(drafts, tables) { swiftTables.append(swiftNames(forTable: draft, table)) }
        checkSwiftTypeNames(swiftEnums: swiftEnums, swiftTables: swiftTables, swiftViews: viewTypeNames, module: module)
        let warnings = diagnostics.sorted.filter { $0.severity == .warning }
        var locking: MigrationLocking?
        if let text = parsed.locking {
            locking = MigrationLocking(rawValue: text.value)
            if locking == nil { diagnostics.error("'database.locking' must be lock-aware or plain, not '\(text.value)'", at: text.location) }
        }
        var lockTimeout: Int?
        if let text = parsed.lockTimeout {
            lockTimeout = LockTimeoutText.milliseconds(text.value)
            if lockTimeout == nil { diagnostics.error("'database.lock_timeout' must be a duration such as 2s or 500ms (at most 10min), not '\(text.value)'", at: text.location) }
        }
        return ValidatedSchema(
            schema: schema, swiftModule: module, databaseURL: parsed.databaseURL?.value, locking: locking, lockTimeoutMilliseconds: lockTimeout,
            swiftEnums: swiftEnums, swiftTables: swiftTables, views: views, warnings: warnings
        )
    }

    // MARK: Enums

    mutating func validateEnum(_ parsedEnum: ParsedEnum) -> EnumType {
        diagnostics.checkIdentifier(parsedEnum.name, kind: "enum name")
        if ColumnType.builtinNames.contains(parsedEnum.name.value) {
            diagnostics.error("enum '\(parsedEnum.name.value)' has the name of a built-in type: choose another name", at: parsedEnum.name.location)
        }
        var values: [String] = []
        for value in parsedEnum.values {
            if let problem = EnumType.valueProblem(value.value) {
                diagnostics.error("invalid value '\(value.value)' in enum '\(parsedEnum.name.value)': \(problem)", at: value.location)
            }
            if values.contains(value.value) {
                diagnostics.error("duplicate value '\(value.value)' in enum '\(parsedEnum.name.value)': list each value once", at: value.location)
            } else {
                values.append(value.value)
            }
        }
        var renames: [ValueRename] = []
        for rename in parsedEnum.renames {
            if let problem = EnumType.valueProblem(rename.from.value) {
                diagnostics.error("invalid value '\(rename.from.value)' in 'renamed_from' of enum '\(parsedEnum.name.value)': \(problem)", at: rename.from.location)
            }
            if values.contains(rename.from.value) {
                diagnostics.error("value '\(rename.to)' of enum '\(parsedEnum.name.value)' is renamed from '\(rename.from.value)', which is still a value: remove one of them", at: rename.from.location)
            }
            renames.append(ValueRename(from: rename.from.value, to: rename.to))
        }
        return EnumType(name: parsedEnum.name.value, values: values, renamedValues: renames)
    }

    // MARK: Tables, first pass: columns and the key

    struct TableDraft {
        var parsed: ParsedTable
        var table: Table
        var columnDrafts: [ParsedColumn]
    }

    mutating func firstPass(_ parsedTable: ParsedTable) -> TableDraft {
        let tableName = parsedTable.name.value
        diagnostics.checkIdentifier(parsedTable.name, kind: "table name")
        if tableName.hasPrefix("sqlite_") || tableName.hasPrefix("strata_") {
            diagnostics.error("table name '\(tableName)' is reserved ('sqlite_' and 'strata_' belong to SQLite and Strata): choose another name", at: parsedTable.name.location)
        }
        if let renamed = parsedTable.renamedFrom { diagnostics.checkIdentifier(renamed, kind: "table name in 'renamed_from'") }

        var columns: [Column] = []
        for parsedColumn in parsedTable.columns {
            let qualified = "\(tableName).\(parsedColumn.name.value)"
            diagnostics.checkIdentifier(parsedColumn.name, kind: "column name", owner: " in table '\(tableName)'")
            if let renamed = parsedColumn.renamedFrom { diagnostics.checkIdentifier(renamed, kind: "column name in 'renamed_from'") }
            let type = diagnostics.resolveType(of: parsedColumn, qualifiedName: qualified, enums: enumNames) ?? .text
            let isNullable = parsedColumn.nullable?.value ?? false
            if isNullable, parsedColumn.primaryKey?.value == true {
                diagnostics.error("primary key column '\(qualified)' cannot be nullable: remove 'nullable: true'", at: parsedColumn.nullable?.location)
            }
            var defaultValue: ColumnDefault?
            if let parsedDefault = parsedColumn.defaultValue, parsedColumn.type != nil {
                defaultValue = diagnostics.resolveDefault(parsedDefault, type: type, qualifiedName: qualified, schemaEnums: parsed.enums)
                // SQLite's parser judges the SQLite expression of an SQL default.
                if case .sql(let expression)? = defaultValue, let text = expression.sqlite {
                    if checkCompiler == nil { checkCompiler = SQLiteCheckCompiler() }
                    if let problem = checkCompiler?.defaultProblem(with: text) {
                        let what = expression.postgres == text ? "the SQL default" : "the sqlite SQL default"
                        diagnostics.error("\(what) of column '\(qualified)' is not a valid SQLite default: \(problem); fix the expression", at: parsedDefault.location)
                        defaultValue = nil
                    }
                }
            }
            var updatedOnWrite = false
            if let onUpdate = parsedColumn.onUpdate, onUpdate.value == "now" {
                if type == .timestamp || type == .date {
                    updatedOnWrite = true
                } else {
                    diagnostics.error("'on_update: now' needs a timestamp or date column, and '\(qualified)' is \(type.schemaName)", at: onUpdate.location)
                }
            }
            var enumMaxLength: Int?
            if case .enumeration(let enumName) = type, let length = parsedColumn.maxLength {
                if let value = Int(length.value), value > 0, value <= 10_485_760 {
                    let values = parsed.enums.first { $0.name.value == enumName }?.values.map(\.value) ?? []
                    if let long = values.first(where: { $0.count > value }) {
                        diagnostics.error("'max_length: \(value)' of column '\(qualified)' is shorter than value '\(long)' of enum '\(enumName)' (\(long.count) characters): raise it", at: length.location)
                    } else {
                        enumMaxLength = value
                    }
                } else {
                    diagnostics.error("'max_length' of column '\(qualified)' must be a whole number from 1 to 10485760, not '\(length.value)'", at: length.location)
                }
            }
            var enumCheckName: String?
            if let checkName = parsedColumn.checkName {
                if case .enumeration = type {
                    if diagnostics.checkIdentifier(checkName, kind: "check name") { enumCheckName = checkName.value }
                } else {
                    diagnostics.error("'check_name' names the CHECK of an enum column, and '\(qualified)' is \(type.schemaName): remove it (a column's own 'check' is named by a table-level 'checks: [{name, expression}]')", at: checkName.location)
                }
            }
            columns.append(Column(
                name: parsedColumn.name.value, type: type, isNullable: isNullable, defaultValue: defaultValue,
                isUpdatedOnWrite: updatedOnWrite, renamedFrom: parsedColumn.renamedFrom?.value,
                comment: diagnostics.databaseComment(parsedColumn.doc, of: "column '\(qualified)'", at: parsedColumn.name.location),
                enumCheckName: enumCheckName,
                isAutoIncrement: parsedColumn.autoIncrement?.value == true,
                enumMaxLength: enumMaxLength
            ))
        }

        let primaryKey = resolvePrimaryKey(parsedTable, columns: columns)
        var table = Table(
            name: tableName, columns: columns,
            primaryKey: PrimaryKey(name: explicitName(parsedTable.primaryKeyName) ?? NamingConvention.primaryKey(table: tableName), columns: primaryKey),
            renamedFrom: parsedTable.renamedFrom?.value,
            comment: diagnostics.databaseComment(parsedTable.doc, of: "table '\(tableName)'", at: parsedTable.name.location)
        )
        for (index, parsedColumn) in parsedTable.columns.enumerated() {
            guard let generated = parsedColumn.generated else { continue }
            if let expression = resolveGenerated(generated, column: parsedColumn, in: table) {
                table.columns[index].generatedExpression = expression
                if let problem = table.columns[index].generatedProblem(in: table) {
                    diagnostics.error("column '\(tableName).\(parsedColumn.name.value)': \(problem)", at: generated.values.map(\.location).compactMap { $0 }.min())
                    table.columns[index].generatedExpression = nil
                }
            }
        }
        for (index, parsedColumn) in parsedTable.columns.enumerated() where parsedColumn.autoIncrement?.value == true {
            if let problem = table.columns[index].autoIncrementProblem(in: table) {
                diagnostics.error("column '\(tableName).\(parsedColumn.name.value)': \(problem)", at: parsedColumn.autoIncrement?.location)
                table.columns[index].isAutoIncrement = false
            }
        }
        return TableDraft(parsed: parsedTable, table: table, columnDrafts: parsedTable.columns)
    }

    /// The expression of a generated column, each dialect's checked as one expression over the
    /// table's columns (PostgreSQL's may use `::` casts) and SQLite's prepared by SQLite.
    mutating func resolveGenerated(_ generated: [String: Located<String>], column: ParsedColumn, in table: Table) -> SQLExpressionDefault? {
        let qualified = "\(table.name).\(column.name.value)"
        let shared = generated["sqlite"].map { $0.value == generated["postgres"]?.value && $0.location == generated["postgres"]?.location } ?? false
        var valid = !generated.isEmpty
        for dialect in shared ? ["sqlite"] : ["sqlite", "postgres"] {
            guard let text = generated[dialect] else { continue }
            let which = shared ? "the expression" : "the \(dialect) expression"
            do {
                try CheckExpression.validate(text.value, columns: table.columns.map(\.name), allowsPostgreSQLCasts: dialect == "postgres" && !shared)
            } catch {
                diagnostics.error("\(which) of generated column '\(qualified)' is not a single expression: \(error.message)", at: text.location)
                valid = false
                continue
            }
            if dialect == "sqlite" {
                if checkCompiler == nil { checkCompiler = SQLiteCheckCompiler() }
                if let problem = checkCompiler?.generatedProblem(with: text.value, column: column.name.value, in: table) {
                    diagnostics.error("\(which) of generated column '\(qualified)' is not one SQLite computes: \(problem); fix the expression", at: text.location)
                    valid = false
                }
            }
        }
        return valid ? SQLExpressionDefault(sqlite: generated["sqlite"]?.value, postgres: generated["postgres"]?.value) : nil
    }

    mutating func resolvePrimaryKey(_ parsedTable: ParsedTable, columns: [Column]) -> [String] {
        let marked = parsedTable.columns.filter { $0.primaryKey?.value == true }.map(\.name.value)
        if let listed = parsedTable.primaryKey {
            if !marked.isEmpty {
                diagnostics.error("table '\(parsedTable.name.value)' declares its primary key twice ('primary_key:' on the table and on column '\(marked[0])'): keep one", at: listed.location)
            }
            for column in listed.value where !columns.contains(where: { $0.name == column.value }) {
                diagnostics.error("primary key of table '\(parsedTable.name.value)' names missing column '\(column.value)'\(didYouMean(column.value, among: columns.map(\.name)))", at: column.location)
            }
            for column in listed.value {
                if let parsedColumn = parsedTable.columns.first(where: { $0.name.value == column.value }),
                   parsedColumn.nullable?.value == true, parsedColumn.primaryKey?.value != true {
                    diagnostics.error("primary key column '\(parsedTable.name.value).\(column.value)' cannot be nullable: remove 'nullable: true'", at: parsedColumn.nullable?.location)
                }
            }
            return listed.value.map(\.value)
        }
        if marked.isEmpty, !parsedTable.hasInvalidPrimaryKey, !parsedTable.columns.contains(where: \.hasInvalidPrimaryKey) {
            diagnostics.error("table '\(parsedTable.name.value)' has no primary key: add 'primary_key: true' to a column, or 'primary_key: [a, b]' to the table", at: parsedTable.name.location)
        }
        return marked
    }

    // MARK: Second pass: references, indexes, unique constraints, checks

    mutating func resolveReferences(_ draft: inout TableDraft, all: TableLookup) {
        let tableName = draft.table.name
        let columnNames = draft.table.columns.map(\.name)
        func checkColumns(_ columns: [Located<String>], _ what: String) -> Bool {
            var ok = !columns.isEmpty
            for column in columns where !columnNames.contains(column.value) {
                diagnostics.error("\(what) of table '\(tableName)' names missing column '\(column.value)'\(didYouMean(column.value, among: columnNames))", at: column.location)
                ok = false
            }
            return ok
        }

        // Column-level unique, index and check.
        for (parsedColumn, column) in zip(draft.columnDrafts, draft.table.columns) {
            if let unique = parsedColumn.unique, unique.value, draft.table.primaryKey.columns == [column.name] {
                diagnostics.error(redundantUnique(tableName), at: unique.location)
            } else if parsedColumn.unique?.value == true {
                draft.table.uniqueConstraints.append(UniqueConstraint(name: NamingConvention.unique(table: tableName, columns: [column.name]), columns: [column.name]))
            }
            if parsedColumn.index?.value == true {
                draft.table.indexes.append(Index(name: NamingConvention.index(table: tableName, columns: [column.name]), columns: [column.name]))
            }
            if let check = parsedColumn.check {
                if check.value.isEmpty {
                    diagnostics.error("'check' of column '\(tableName).\(column.name)' is empty: write an SQL condition such as '\(column.name) >= 0'", at: check.location)
                } else {
                    validateCheck(check, of: draft.table, what: "'check' of column '\(tableName).\(column.name)'")
                }
                draft.table.checkConstraints.append(CheckConstraint(name: NamingConvention.check(table: tableName, label: column.name), expression: check.value))
            }
        }
        // Table-level unique constraints, indexes and checks.
        for unique in draft.parsed.uniqueConstraints where checkColumns(unique.columns, "a unique constraint") {
            let columns = unique.columns.map(\.value)
            if Set(columns) == Set(draft.table.primaryKey.columns) {
                diagnostics.error(redundantUnique(tableName), at: unique.columns.first?.location)
                continue
            }
            let name = explicitName(unique.name) ?? NamingConvention.unique(table: tableName, columns: columns)
            draft.table.uniqueConstraints.append(UniqueConstraint(name: name, columns: columns))
        }
        for (position, index) in draft.parsed.indexes.enumerated() where (index.columns.isEmpty && !index.expressions.isEmpty) || checkColumns(index.columns, "an index") {
            let columns = index.columns.map(\.value)
            if !index.include.isEmpty, checkColumns(index.include, "'include' of an index") {
                for column in index.include where columns.contains(column.value) {
                    diagnostics.error("'include' of index \(position + 1) of table '\(tableName)' names '\(column.value)', which is already one of its columns: remove it from one of the lists", at: column.location)
                }
            }
            for expression in index.expressions {
                if expression.value.isEmpty {
                    diagnostics.error("an expression of index \(position + 1) of table '\(tableName)' is empty: write an SQL expression such as 'lower(email)'", at: expression.location)
                } else {
                    validateCheck(expression, of: draft.table, what: "an expression of index \(position + 1) of table '\(tableName)'", noun: "expression")
                }
            }
            if !index.expressions.isEmpty, index.name == nil {
                diagnostics.error("index \(position + 1) of table '\(tableName)' indexes expressions and needs a 'name:' (no name can be derived from an expression)", at: index.location)
                continue
            }
            let name = explicitName(index.name) ?? NamingConvention.index(table: tableName, columns: columns)
            if let predicate = index.predicate {
                if predicate.value.isEmpty {
                    diagnostics.error("'where' of index \(position + 1) of table '\(tableName)' is empty: write an SQL condition, or remove 'where' to index every row", at: predicate.location)
                } else {
                    validateCheck(predicate, of: draft.table, what: "'where' of index \(position + 1) of table '\(tableName)'")
                }
            }
            draft.table.indexes.append(Index(name: name, columns: columns, isUnique: index.unique, predicate: index.predicate?.value,
                                             descendingColumns: index.descending, expressions: index.expressions.map(\.value),
                                             includedColumns: index.include.map(\.value)))
        }
        for (position, check) in draft.parsed.checks.enumerated() {
            if check.expression.value.isEmpty {
                diagnostics.error("a check of table '\(tableName)' is empty: write an SQL condition", at: check.expression.location)
            } else {
                validateCheck(check.expression, of: draft.table, what: "check \(position + 1) of table '\(tableName)'")
            }
            let name = explicitName(check.name) ?? NamingConvention.check(table: tableName, label: "\(position + 1)")
            draft.table.checkConstraints.append(CheckConstraint(name: name, expression: check.expression.value))
        }

        // Foreign keys.
        for (parsedColumn, column) in zip(draft.columnDrafts, draft.table.columns) {
            let qualified = "\(tableName).\(column.name)"
            var onUpdateAction: Located<String>?
            if let onUpdate = parsedColumn.onUpdate, onUpdate.value != "now" { onUpdateAction = onUpdate }
            guard let reference = parsedColumn.references else {
                for action in [parsedColumn.onDelete, onUpdateAction].compactMap({ $0 }) {
                    diagnostics.error("'\(action.value)' as a referential action needs 'references' on column '\(qualified)': add 'references: table.column' or remove it", at: action.location)
                }
                continue
            }
            let onDelete = referentialAction(parsedColumn.onDelete, column: column, qualified: qualified, key: "on_delete")
            let onUpdate = referentialAction(onUpdateAction, column: column, qualified: qualified, key: "on_update")
            guard let target = resolveTarget(reference, qualified: qualified, column: column, all: all) else { continue }
            draft.table.foreignKeys.append(ForeignKey(
                name: NamingConvention.foreignKey(table: tableName, columns: [column.name], referencedTable: target.table),
                columns: [column.name], referencedTable: target.table, referencedColumns: [target.column],
                onDelete: onDelete, onUpdate: onUpdate
            ))
        }
        for key in draft.parsed.foreignKeys {
            resolveForeignKey(key, &draft, all: all)
        }
    }

    /// A table-level `foreign_keys:` item: composite or named keys.
    mutating func resolveForeignKey(_ parsed: ParsedForeignKey, _ draft: inout TableDraft, all: TableLookup) {
        let tableName = draft.table.name
        let columnNames = draft.table.columns.map(\.name)
        guard let targetName = parsed.referencedTable else { return }
        let what = "foreign key (\(parsed.columns.map(\.value).joined(separator: ", "))) of table '\(tableName)'"
        var ok = !parsed.columns.isEmpty
        if parsed.columns.isEmpty { diagnostics.error("\(what) lists no columns", at: parsed.location) }
        for column in parsed.columns where !columnNames.contains(column.value) {
            diagnostics.error("\(what) names missing column '\(column.value)'\(didYouMean(column.value, among: columnNames))", at: column.location)
            ok = false
        }
        guard let target = all[targetName.value] else {
            diagnostics.error("\(what) references missing table '\(targetName.value)'\(didYouMean(targetName.value, among: all.names))", at: targetName.location)
            return
        }
        let targetColumns = parsed.referencedColumns.isEmpty ? target.table.primaryKey.columns : parsed.referencedColumns.map(\.value)
        for column in parsed.referencedColumns where target.table.column(named: column.value) == nil {
            diagnostics.error("\(what) references missing column '\(column.value)' of table '\(targetName.value)'\(didYouMean(column.value, among: target.table.columns.map(\.name)))", at: column.location)
            ok = false
        }
        guard ok else { return }
        guard targetColumns.count == parsed.columns.count else {
            diagnostics.error("\(what) has \(parsed.columns.count) column(s) but references \(targetColumns.count) of table '\(targetName.value)': list as many referenced columns as referencing ones", at: parsed.location)
            return
        }
        if !isUnique(columns: targetColumns, in: target) {
            diagnostics.error("\(what) references (\(targetColumns.joined(separator: ", "))) of table '\(targetName.value)', which is not unique: reference its primary key, or add a unique constraint on exactly those columns", at: targetName.location)
        }
        var columns: [Column] = []
        for (local, remote) in zip(parsed.columns, targetColumns) {
            guard let column = draft.table.column(named: local.value), let targetColumn = target.table.column(named: remote) else { continue }
            columns.append(column)
            if targetColumn.type.schemaName != column.type.schemaName {
                diagnostics.error("\(what): column '\(local.value)' has type \(column.type.schemaName) but references '\(targetName.value).\(remote)' of type \(targetColumn.type.schemaName): give both columns the same type", at: local.location)
            }
        }
        func action(_ located: Located<String>?, key: String) -> ReferentialAction {
            var result = ReferentialAction.noAction
            for (index, column) in columns.enumerated() {
                // Report an unknown action once; set_null needs every column nullable.
                if index > 0, let located, ReferentialAction(rawValue: located.value) == nil { break }
                result = referentialAction(located, column: column, qualified: "\(tableName).\(column.name)", key: key)
            }
            return result
        }
        let onDelete = action(parsed.onDelete, key: "on_delete")
        let onUpdate = action(parsed.onUpdate, key: "on_update")
        let localNames = parsed.columns.map(\.value)
        draft.table.foreignKeys.append(ForeignKey(
            name: explicitName(parsed.name) ?? NamingConvention.foreignKey(table: tableName, columns: localNames, referencedTable: targetName.value),
            columns: localNames, referencedTable: targetName.value, referencedColumns: targetColumns,
            onDelete: onDelete, onUpdate: onUpdate
        ))
    }

    /// Whether `columns` of `draft` are its primary key or carry a unique constraint or unique
    /// index on exactly them (in any order, as both databases accept).
    func isUnique(columns: [String], in draft: TableDraft) -> Bool {
        let wanted = Set(columns)
        if Set(draft.table.primaryKey.columns) == wanted { return true }
        if columns.count == 1, isUnique(column: columns[0], in: draft) { return true }
        if draft.parsed.uniqueConstraints.contains(where: { Set($0.columns.map(\.value)) == wanted }) { return true }
        return draft.parsed.indexes.contains { $0.unique && $0.predicate == nil && $0.expressions.isEmpty && Set($0.columns.map(\.value)) == wanted }
    }

    /// Reports a check that is not exactly one condition over `table`'s columns: first the rules
    /// both dialects need (`CheckExpression`), then SQLite's parser.
    mutating func validateCheck(_ check: Located<String>, of table: Table, what: String, noun: String = "condition") {
        do {
            try CheckExpression.validate(check.value, columns: table.columns.map(\.name))
        } catch {
            diagnostics.error("\(what) is not a single \(noun): \(error.message)", at: check.location)
            return
        }
        if checkCompiler == nil { checkCompiler = SQLiteCheckCompiler() }
        if let problem = checkCompiler?.problem(with: check.value, in: table) {
            diagnostics.error("\(what) is not a valid SQL \(noun): \(problem) (SQLite's parser, on the table's columns); fix the expression", at: check.location)
        }
    }

    mutating func explicitName(_ name: Located<String>?) -> String? {
        guard let name else { return nil }
        diagnostics.checkIdentifier(name, kind: "constraint name")
        return name.value
    }

    mutating func referentialAction(_ parsed: Located<String>?, column: Column, qualified: String, key: String) -> ReferentialAction {
        guard let parsed else { return .noAction }
        guard let action = ReferentialAction(rawValue: parsed.value) else {
            let names = ReferentialAction.allCases.map(\.rawValue)
            let extra = key == "on_update" ? " (or 'now' for timestamps)" : ""
            diagnostics.error("unknown \(key) action '\(parsed.value)' for column '\(qualified)'\(didYouMean(parsed.value, among: names)); use \(names.joined(separator: ", "))\(extra)", at: parsed.location)
            return .noAction
        }
        if action == .setNull, !column.isNullable {
            diagnostics.error("'\(key): set_null' needs column '\(qualified)' to be nullable: add 'nullable: true' or choose another action", at: parsed.location)
        }
        return action
    }

    mutating func resolveTarget(_ reference: Located<String>, qualified: String, column: Column, all: TableLookup) -> (table: String, column: String)? {
        let parts = reference.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            diagnostics.error("'references' of column '\(qualified)' must be 'table.column', such as 'patterns.id', not '\(reference.value)'", at: reference.location)
            return nil
        }
        guard let target = all[parts[0]] else {
            diagnostics.error("column '\(qualified)' references missing table '\(parts[0])'\(didYouMean(parts[0], among: all.names))", at: reference.location)
            return nil
        }
        let targetColumns = target.table.columns.map(\.name)
        guard let targetColumn = target.table.column(named: parts[1]) else {
            diagnostics.error("column '\(qualified)' references missing column '\(parts[1])' of table '\(parts[0])'\(didYouMean(parts[1], among: targetColumns))", at: reference.location)
            return nil
        }
        if !isUnique(column: parts[1], in: target) {
            diagnostics.error("column '\(qualified)' references '\(reference.value)', which is not unique: reference the primary key, or add 'unique: true' to '\(reference.value)'", at: reference.location)
        }
        if targetColumn.type.schemaName != column.type.schemaName {
            diagnostics.error("foreign key '\(qualified)' has type \(column.type.schemaName) but references '\(reference.value)' of type \(targetColumn.type.schemaName): give both columns the same type", at: reference.location)
        }
        return (parts[0], parts[1])
    }

    func isUnique(column: String, in draft: TableDraft) -> Bool {
        if draft.table.primaryKey.columns == [column] { return true }
        if let parsedColumn = draft.parsed.columns.first(where: { $0.name.value == column }), parsedColumn.unique?.value == true {
            return true
        }
        if draft.parsed.uniqueConstraints.contains(where: { $0.columns.map(\.value) == [column] }) { return true }
        return draft.parsed.indexes.contains { $0.unique && $0.predicate == nil && $0.expressions.isEmpty && $0.columns.map(\.value) == [column] }
    }

    /// The first-pass drafts by table name.
    struct TableLookup {
        let drafts: [TableDraft]
        let positions: [String: Int]

        init(_ drafts: [TableDraft]) {
            self.drafts = drafts
            var positions: [String: Int] = [:]
            for (position, draft) in drafts.enumerated() where positions[draft.table.name] == nil {
                positions[draft.table.name] = position
            }
            self.positions = positions
        }

        subscript(name: String) -> TableDraft? { positions[name].map { drafts[$0] } }
        var names: [String] { drafts.map(\.table.name) }
    }

    // MARK: Names of constraints and indexes

    /// The error for a unique constraint on exactly the primary key's columns.
    func redundantUnique(_ table: String) -> String {
        "a unique constraint on exactly the primary key's columns of '\(table)' is redundant: the primary key is already unique, and PostgreSQL folds such a constraint into the primary key, so it would not exist there (and a later migration dropping it would fail); remove it"
    }

    /// Every constraint and index name must be unique in the whole schema (PostgreSQL shares one
    /// namespace between indexes, primary keys and unique constraints; SQLite between indexes).
    mutating func checkConstraintNames(_ schema: Schema) {
        var owners: [String: String] = [:]
        for (table, parsedTable) in zip(schema.tables, parsed.tables) {
            var named: [(String, String)] = [(table.primaryKey.name, "the primary key")]
            named += table.uniqueConstraints.map { ($0.name, "a unique constraint") }
            named += table.indexes.map { ($0.name, "an index") }
            named += table.foreignKeys.map { ($0.name, "a foreign key") }
            named += table.checkConstraints.map { ($0.name, "a check") }
            for column in table.columns {
                named += SQLiteDialect().typeChecks(for: column, in: table, schema: schema).map { ($0.name, "the type check of column '\(column.name)'") }
            }
            for (name, what) in named {
                let owner = "\(what) of table '\(table.name)'"
                if let previous = owners[name] {
                    diagnostics.error("name '\(name)' of \(owner) is already used by \(previous): give one of them another 'name:' (or remove the duplicate)", at: parsedTable.name.location)
                } else {
                    owners[name] = owner
                }
            }
        }
    }

    // MARK: Swift names

    mutating func swiftNames(forEnum parsedEnum: ParsedEnum, _ enumType: EnumType) -> SwiftEnumNames {
        let typeName = swiftTypeName(override: parsedEnum.swiftName) ?? SwiftNaming.typeName(forEnum: enumType.name)
        var caseNames: [String] = []
        for (position, (value, located)) in zip(enumType.values, parsedEnum.values).enumerated() {
            let name: String
            if EnumType.valueProblem(value) != nil {
                // Reported already; a placeholder that clashes with nothing.
                caseNames.append("_\(position)")
                continue
            } else if let override = parsedEnum.valueSwiftNames[value] {
                if !SwiftNaming.isValidIdentifier(override.value) {
                    diagnostics.error("'swift_name' '\(override.value)' of value '\(value)' in enum '\(enumType.name)' is not a Swift identifier: use letters, digits and underscores, not starting with a digit", at: override.location)
                }
                name = override.value
            } else if let derived = SwiftNaming.caseName(forValue: value) {
                name = derived
            } else {
                diagnostics.error("value '\(value)' of enum '\(enumType.name)' has no letters or digits to make a Swift case name of: write it as {value: \"\(value)\", swift_name: name}", at: located.location)
                caseNames.append("_\(position)")
                continue
            }
            if let clash = zip(caseNames, enumType.values).first(where: { $0.0 == name }) {
                diagnostics.error("value '\(value)' of enum '\(enumType.name)' has the same Swift name '\(name)' as value '\(clash.1)': rename one of them, or give one a swift_name ({value: …, swift_name: …})", at: located.location)
            }
            caseNames.append(name)
        }
        return SwiftEnumNames(typeName: typeName, caseNames: caseNames, doc: parsedEnum.doc, line: parsedEnum.name.location?.line)
    }

    mutating func swiftTypeName(override: Located<String>?) -> String? {
        guard let override else { return nil }
        if !SwiftNaming.isValidIdentifier(override.value) || SwiftNaming.keywords.contains(override.value) {
            diagnostics.error("'swift_name' must be a Swift identifier that is not a keyword, not '\(override.value)'", at: override.location)
        }
        return override.value
    }

    mutating func swiftNames(forTable draft: TableDraft, _ table: Table) -> SwiftTableNames {
        let typeName = swiftTypeName(override: draft.parsed.swiftName) ?? SwiftNaming.typeName(forTable: table.name)
        var properties: [String] = []
        for (parsedColumn, column) in zip(draft.columnDrafts, table.columns) {
            var name = SwiftNaming.memberName(column.name)
            if let override = parsedColumn.swiftName {
                if !SwiftNaming.isValidIdentifier(override.value) {
                    diagnostics.error("'swift_name' of column '\(table.name).\(column.name)' must be a Swift identifier, not '\(override.value)'", at: override.location)
                }
                name = override.value
            }
            if let clash = zip(properties, table.columns).first(where: { $0.0 == name }) {
                diagnostics.error("column '\(table.name).\(column.name)' has the same Swift name '\(name)' as column '\(clash.1.name)': set 'swift_name' on one of them", at: parsedColumn.name.location)
            }
            properties.append(name)
        }
        let identity: SwiftTableNames.Identity
        let keyProperties = table.primaryKey.columns.compactMap { key in table.columns.firstIndex { $0.name == key }.map { properties[$0] } }
        if keyProperties.isEmpty {
            identity = .none  // no primary key: already an error
        } else if keyProperties == ["id"] {
            identity = .idProperty
        } else if properties.contains("id") {
            identity = .none
            diagnostics.warning("model '\(typeName)' is not Identifiable: its column 'id' is not its primary key (set 'swift_name' on that column to make it Identifiable)", at: draft.parsed.name.location)
        } else if keyProperties.count == 1 {
            identity = .computed(property: keyProperties[0])
        } else {
            identity = .composite
        }
        return SwiftTableNames(
            typeName: typeName, propertyNames: properties,
            columnDocs: draft.columnDrafts.map(\.doc), columnLines: draft.columnDrafts.map { $0.name.location?.line },
            doc: draft.parsed.doc, line: draft.parsed.name.location?.line, identity: identity
        )
    }

    mutating func checkSwiftTypeNames(swiftEnums: [SwiftEnumNames], swiftTables: [SwiftTableNames], swiftViews: [(SwiftTableNames, ParsedView)], module: String) {
        var seen: [String: String] = [:]
        var entries: [(name: String, owner: String, location: SourceLocation?, isExplicit: Bool)] = []
        entries += zip(swiftEnums, parsed.enums).map { ($0.0.typeName, "enum '\($0.1.name.value)'", $0.1.swiftName?.location ?? $0.1.name.location, $0.1.swiftName != nil) }
        entries += zip(swiftTables, parsed.tables).map { ($0.0.typeName, "table '\($0.1.name.value)'", $0.1.swiftName?.location ?? $0.1.name.location, $0.1.swiftName != nil) }
        entries += swiftViews.map { ($0.0.typeName, "view '\($0.1.name.value)'", $0.1.swiftName?.location ?? $0.1.name.location, $0.1.swiftName != nil) }
        for entry in entries {
            // A name the file chose itself is taken as meant; a derived one that shadows a
            // well-known type is worth a warning, since the app's other imports lose it silently.
            if !entry.isExplicit, SwiftNaming.wellKnownTypeNames.contains(entry.name) {
                diagnostics.warning("Swift name '\(entry.name)' of \(entry.owner) shadows '\(entry.name)' of the Swift standard library, Foundation or SwiftUI in every file that imports both: set 'swift_name', such as 'swift_name: \(entry.name)Item'", at: entry.location)
            }
            if SwiftNaming.reservedTypeNames.contains(entry.name) || entry.name == module {
                diagnostics.error("Swift name '\(entry.name)' of \(entry.owner) would hide a type the generated code uses: set 'swift_name', such as 'swift_name: \(entry.name)Record'", at: entry.location)
            } else if let previous = seen[entry.name] {
                diagnostics.error("Swift name '\(entry.name)' of \(entry.owner) collides with \(previous): set 'swift_name' on one of them", at: entry.location)
            } else {
                seen[entry.name] = entry.owner
            }
        }
    }
}
