/// What replaying a migration checks, so that a hand-edited file cannot ask a database for
/// something that does not exist (SQLite would read an unknown double-quoted name in an index as a
/// string and index a constant) or smuggle text into DDL through a name or a check.
extension Schema {
    /// Whether `name` is a valid schema identifier: `[a-z_][a-z0-9_]*`, at most 63 bytes.
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= NamingConvention.maximumIdentifierLength else { return false }
        func isLower(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || scalar == "_" }
        return isLower(first) && name.unicodeScalars.allSatisfy { isLower($0) || ("0"..."9").contains($0) }
    }

    /// Throws unless `name` is a valid identifier; `what` says what it names ("index name").
    static func requireIdentifier(_ name: String, _ what: String) throws {
        guard isValidIdentifier(name) else {
            throw MigrationError("invalid \(what) '\(ControlCharacters.escaped(name))': use lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 bytes")
        }
    }

    /// Checks what one table must hold on its own: valid names, distinct columns, and every
    /// column that a key, an index, a constraint or a check names exists in the table.
    /// - Throws: `MigrationError` naming the first problem.
    public func requireConsistent(_ table: Table) throws {
        try Self.requireIdentifier(table.name, "table name")
        var seen: Set<String> = []
        for column in table.columns {
            try Self.requireIdentifier(column.name, "column name in table \(table.name)")
            guard seen.insert(column.name).inserted else { throw MigrationError("table \(table.name) has two columns named \(column.name)") }
            if case .enumeration(let name) = column.type { try Self.requireIdentifier(name, "type of column \(table.name).\(column.name)") }
            if let checkName = column.enumCheckName { try Self.requireIdentifier(checkName, "check name of column \(table.name).\(column.name)") }
            if let length = column.enumMaxLength {
                guard column.type.isEnumeration, (1...10_485_760).contains(length) else {
                    throw MigrationError("max_length \(length) of column \(table.name).\(column.name) must be from 1 to 10485760, on an enum column")
                }
            }
            try requireStorable(column.defaultValue, "the default of \(table.name).\(column.name)")
        }
        func requireColumns(_ columns: [String], _ what: String) throws {
            guard !columns.isEmpty else { throw MigrationError("\(what) of table \(table.name) names no column") }
            for column in columns where !seen.contains(column) {
                throw MigrationError("\(what) of table \(table.name) names column \(ControlCharacters.escaped(column)), which the table does not have (columns: \(table.columns.map(\.name).joined(separator: ", ")))")
            }
        }
        try Self.requireIdentifier(table.primaryKey.name, "primary key name")
        try requireColumns(table.primaryKey.columns, "primary key \(table.primaryKey.name)")
        for column in table.columns where column.isGenerated {
            if let problem = column.generatedProblem(in: table) { throw MigrationError("generated column \(table.name).\(column.name): \(problem)") }
            // PostgreSQL's own forms (casts, quoted function names) only in PostgreSQL's text, as
            // the schema's validation allows them.
            let texts = [(column.generatedExpression?.sqlite, false), (column.generatedExpression?.postgres, true)].compactMap { text, isPostgres in text.map { ($0, isPostgres) } }
            for (text, isPostgres) in texts {
                do {
                    try CheckExpression.validate(text, columns: table.columns.map(\.name), allowsPostgreSQLCasts: isPostgres)
                } catch {
                    throw MigrationError("the expression of generated column \(table.name).\(column.name) is not a single expression: \(error.message)")
                }
            }
        }
        for column in table.columns where column.isAutoIncrement {
            if let problem = column.autoIncrementProblem(in: table) { throw MigrationError("auto_increment column \(table.name).\(column.name): \(problem)") }
        }
        for index in table.indexes {
            try Self.requireIdentifier(index.name, "index name")
            if !(index.columns.isEmpty && !index.expressions.isEmpty) { try requireColumns(index.columns, "index \(index.name)") }
            if !index.includedColumns.isEmpty { try requireColumns(index.includedColumns, "the included columns of index \(index.name)") }
            for column in index.descendingColumns where !index.columns.contains(column) {
                throw MigrationError("index \(index.name) of table \(table.name) sorts column \(ControlCharacters.escaped(column)) descending, which is not one of its columns")
            }
            for expression in index.expressions {
                do {
                    try CheckExpression.validate(expression, columns: table.columns.map(\.name))
                } catch {
                    throw MigrationError("an expression of index \(index.name) of table \(table.name) is not a single expression: \(error.message)")
                }
            }
            if let predicate = index.predicate {
                do {
                    try CheckExpression.validate(predicate, columns: table.columns.map(\.name))
                } catch {
                    throw MigrationError("the condition of index \(index.name) of table \(table.name) is not a single condition: \(error.message)")
                }
            }
        }
        for unique in table.uniqueConstraints {
            try Self.requireIdentifier(unique.name, "unique constraint name")
            try requireColumns(unique.columns, "unique constraint \(unique.name)")
        }
        for key in table.foreignKeys {
            try Self.requireIdentifier(key.name, "foreign key name")
            try requireColumns(key.columns, "foreign key \(key.name)")
            try Self.requireIdentifier(key.referencedTable, "table name in foreign key \(key.name)")
            for column in key.referencedColumns { try Self.requireIdentifier(column, "column name in foreign key \(key.name)") }
            guard key.columns.count == key.referencedColumns.count else {
                throw MigrationError("foreign key \(key.name) of table \(table.name) has \(key.columns.count) columns but references \(key.referencedColumns.count)")
            }
        }
        for check in table.checkConstraints {
            try Self.requireIdentifier(check.name, "check name")
            do {
                try CheckExpression.validate(check.expression, columns: table.columns.map(\.name))
            } catch {
                throw MigrationError("check \(check.name) of table \(table.name) is not a single condition: \(error.message)")
            }
        }
    }

    /// Checks what spans tables, once a migration's operations have all run: every foreign key
    /// references an existing table's columns of the same types, and every enum column's enum exists.
    /// - Throws: `MigrationError` naming the first problem.
    public func requireReferencesResolve() throws {
        for table in tables {
            for column in table.columns {
                if case .enumeration(let name) = column.type, enumType(named: name) == nil {
                    throw MigrationError("column \(table.name).\(column.name) has type \(name), which is not a table column type or an enum of the schema")
                }
            }
            for key in table.foreignKeys {
                guard let target = self.table(named: key.referencedTable) else {
                    throw MigrationError("foreign key \(key.name) of table \(table.name) references table \(key.referencedTable), which does not exist")
                }
                for (column, referenced) in zip(key.columns, key.referencedColumns) {
                    guard let targetColumn = target.column(named: referenced) else {
                        throw MigrationError("foreign key \(key.name) of table \(table.name) references column \(target.name).\(referenced), which does not exist")
                    }
                    if let own = table.column(named: column), own.type != targetColumn.type {
                        throw MigrationError("foreign key \(key.name): \(table.name).\(column) is \(own.type.displayName) but \(target.name).\(referenced) is \(targetColumn.type.displayName); the types must be the same")
                    }
                }
            }
        }
        for value in enums {
            try Self.requireIdentifier(value.name, "enum name")
            for item in value.values where item.isEmpty || item.unicodeScalars.contains(where: ControlCharacters.isUnsafe) {
                throw MigrationError("enum \(value.name) has the value '\(ControlCharacters.escaped(item))': a value may not be empty or hold control characters")
            }
        }
    }

    /// Throws when a default holds text neither database can store (NUL).
    func requireStorable(_ value: ColumnDefault?, _ what: String) throws {
        switch value {
        case .literal(.string(let text))?, .literal(.json(let text))?:
            if text.unicodeScalars.contains("\0") || text.contains("\\u0000") {
                throw MigrationError("\(what) contains a NUL character, which neither database can store in text: remove it")
            }
        case .sql(let expression)?:
            // From a migration file: one expression each, as `schema.yaml`'s are checked.
            for (text, casts) in [(expression.sqlite, false), (expression.postgres, expression.postgres != expression.sqlite)] {
                guard let text else { continue }
                do {
                    try CheckExpression.validate(text, columns: [], allowsPostgreSQLCasts: casts)
                } catch {
                    throw MigrationError("\(what) is not a single SQL expression: \(error.message)")
                }
            }
        default:
            break
        }
    }
}
