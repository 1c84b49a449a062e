extension Schema {
    /// This schema after `operation`: how the state at the head of a migration history is rebuilt
    /// without a database (replay every operation from an empty schema).
    /// - Throws: `MigrationError` when the operation does not fit (a missing table, for example).
    public func applying(_ operation: MigrationOperation) throws -> Schema {
        var schema = self
        try schema.apply(operation)
        return schema
    }

    /// Applies `operation` in place, then checks the table it leaves behind (`requireConsistent`).
    /// See `applying(_:)`.
    public mutating func apply(_ operation: MigrationOperation) throws {
        try applyWithoutChecks(operation)
        if let name = operation.tableAfter, let table = table(named: name) {
            try requireConsistent(table)
        }
    }

    private mutating func applyWithoutChecks(_ operation: MigrationOperation) throws {
        switch operation {
        case .createTable(let table):
            guard self.table(named: table.name) == nil else { throw MigrationError("cannot create table \(table.name): it exists") }
            tables.append(table.withoutRenames)
        case .dropTable(let table):
            let position = try tablePosition(table.name)
            if let object = sqlObjects.first(where: { $0.tables.contains(table.name) }) {
                throw MigrationError("cannot drop table \(table.name): SQL object \(object.name) names it; drop the object first")
            }
            tables.remove(at: position)
        case .renameTable(let from, let to):
            let position = try tablePosition(from)
            guard self.table(named: to) == nil else { throw MigrationError("cannot rename table \(from) to \(to): \(to) exists") }
            tables[position].name = to
            for index in tables.indices {
                for key in tables[index].foreignKeys.indices where tables[index].foreignKeys[key].referencedTable == from {
                    tables[index].foreignKeys[key].referencedTable = to
                }
            }
        case .addColumn(let table, let column):
            try modifyTable(table) { table in
                guard table.column(named: column.name) == nil else { throw MigrationError("cannot add column \(table.name).\(column.name): it exists") }
                table.columns.append(column.withoutRename)
            }
        case .dropColumn(let table, let column):
            try modifyTable(table) { table in
                guard let position = table.columns.firstIndex(where: { $0.name == column.name }) else {
                    throw MigrationError("cannot drop column \(table.name).\(column.name): it does not exist")
                }
                table.columns.remove(at: position)
            }
        case .renameColumn(let tableName, let from, let to):
            try modifyTable(tableName) { table in
                guard let position = table.columns.firstIndex(where: { $0.name == from }) else {
                    throw MigrationError("cannot rename column \(table.name).\(from): it does not exist")
                }
                guard table.column(named: to) == nil else { throw MigrationError("cannot rename column \(table.name).\(from) to \(to): \(to) exists") }
                table.columns[position].name = to
                func renamed(_ columns: [String]) -> [String] { columns.map { $0 == from ? to : $0 } }
                table.primaryKey.columns = renamed(table.primaryKey.columns)
                for index in table.indexes.indices { table.indexes[index].columns = renamed(table.indexes[index].columns) }
                for index in table.uniqueConstraints.indices { table.uniqueConstraints[index].columns = renamed(table.uniqueConstraints[index].columns) }
                for index in table.foreignKeys.indices { table.foreignKeys[index].columns = renamed(table.foreignKeys[index].columns) }
            }
            for index in tables.indices {
                for key in tables[index].foreignKeys.indices where tables[index].foreignKeys[key].referencedTable == tableName {
                    tables[index].foreignKeys[key].referencedColumns = tables[index].foreignKeys[key].referencedColumns.map { $0 == from ? to : $0 }
                }
            }
        case .alterColumn(let table, let from, let to):
            try modifyTable(table) { table in
                guard let position = table.columns.firstIndex(where: { $0.name == from.name }) else {
                    throw MigrationError("cannot alter column \(table.name).\(from.name): it does not exist")
                }
                table.columns[position] = to.withoutRename
            }
        case .alterPrimaryKey(let table, _, let to):
            try modifyTable(table) { $0.primaryKey = to }
        case .createIndex(let table, let index):
            try modifyTable(table) { $0.indexes.append(index) }
        case .dropIndex(let table, let index):
            try modifyTable(table) { table in table.indexes.removeAll { $0.name == index.name } }
        case .addUnique(let table, let constraint):
            try modifyTable(table) { $0.uniqueConstraints.append(constraint) }
        case .dropUnique(let table, let constraint):
            try modifyTable(table) { table in table.uniqueConstraints.removeAll { $0.name == constraint.name } }
        case .addCheck(let table, let constraint):
            try modifyTable(table) { $0.checkConstraints.append(constraint) }
        case .dropCheck(let table, let constraint):
            try modifyTable(table) { table in table.checkConstraints.removeAll { $0.name == constraint.name } }
        case .addForeignKey(let table, let key):
            try modifyTable(table) { $0.foreignKeys.append(key) }
        case .dropForeignKey(let table, let key):
            try modifyTable(table) { table in table.foreignKeys.removeAll { $0.name == key.name } }
        case .createEnum(let value):
            guard enumType(named: value.name) == nil else { throw MigrationError("cannot create enum \(value.name): it exists") }
            enums.append(EnumType(name: value.name, values: value.values))
        case .dropEnum(let value):
            guard let position = enums.firstIndex(where: { $0.name == value.name }) else {
                throw MigrationError("cannot drop enum \(value.name): it does not exist")
            }
            enums.remove(at: position)
        case .alterEnum(_, let to, _):
            guard let position = enums.firstIndex(where: { $0.name == to.name }) else {
                throw MigrationError("cannot alter enum \(to.name): it does not exist")
            }
            enums[position] = EnumType(name: to.name, values: to.values)
        case .sql:
            break
        case .alterTableComment(let table, _, let to):
            try modifyTable(table) { $0.comment = to }
        case .createSQLObject(let object):
            try Self.requireIdentifier(object.name, "SQL object name")
            guard sqlObject(named: object.name) == nil else { throw MigrationError("cannot create SQL object \(object.name): it exists") }
            for table in object.tables where self.table(named: table) == nil {
                throw MigrationError("SQL object \(object.name) names table \(ControlCharacters.escaped(table)), which does not exist")
            }
            for dialect in object.create.keys where object.drop[dialect] == nil {
                throw MigrationError("SQL object \(object.name) has no drop SQL for \(ControlCharacters.escaped(dialect)): every create needs its explicit reverse")
            }
            sqlObjects.append(object)
        case .dropSQLObject(let object):
            guard let position = sqlObjects.firstIndex(where: { $0.name == object.name }) else {
                throw MigrationError("cannot drop SQL object \(ControlCharacters.escaped(object.name)): it does not exist")
            }
            sqlObjects.remove(at: position)
        }
    }

    func tablePosition(_ name: String) throws -> Int {
        // The name may come from a hand-edited file: never echo it raw.
        guard Self.isValidIdentifier(name) else { throw MigrationError("invalid table name '\(ControlCharacters.escaped(name))'") }
        guard let position = tables.firstIndex(where: { $0.name == name }) else {
            throw MigrationError("table \(name) does not exist")
        }
        return position
    }

    mutating func modifyTable(_ name: String, _ change: (inout Table) throws -> Void) throws {
        let position = try tablePosition(name)
        try change(&tables[position])
    }
}

extension MigrationOperation {
    /// The table this operation leaves changed (under its new name), if it changes one.
    var tableAfter: String? {
        switch self {
        case .createTable(let table): table.name
        case .renameTable(_, let to): to
        case .addColumn(let table, _), .dropColumn(let table, _), .renameColumn(let table, _, _), .alterColumn(let table, _, _),
             .alterPrimaryKey(let table, _, _), .createIndex(let table, _), .dropIndex(let table, _), .addUnique(let table, _),
             .dropUnique(let table, _), .addCheck(let table, _), .dropCheck(let table, _), .addForeignKey(let table, _),
             .dropForeignKey(let table, _), .alterTableComment(let table, _, _):
            table
        case .dropTable, .createEnum, .dropEnum, .alterEnum, .sql, .createSQLObject, .dropSQLObject: nil
        }
    }
}
