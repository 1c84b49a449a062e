/// The operations that turn one schema into another, computed from Strata's own IR on both sides
/// (no database is read, so there are no false positives from reading types or defaults back).
public struct SchemaDiff: Hashable, Sendable {
    /// The operations, in an order that runs: parents created before children, children dropped
    /// before parents, replaced constraints dropped before their replacements are added.
    public var operations: [MigrationOperation]
    /// Things a person should look at, such as a drop and an add that may be an undeclared rename.
    public var warnings: [String]

    /// Whether the two schemas describe the same database.
    public var isEmpty: Bool { operations.isEmpty }

    /// The diff from `old` (the migrated state) to `new` (the schema file's IR).
    ///
    /// Renames are never guessed: a table or column is renamed only when `new` declares
    /// `renamedFrom`. A column dropped and another of the same type added in one table produces a
    /// warning that names `renamed_from`.
    /// - Throws: `MigrationError` when a declared rename cannot apply.
    public init(from old: Schema, to new: Schema) throws {
        var builder = DiffBuilder(old: old, new: new)
        try builder.build()
        operations = builder.operations
        warnings = builder.warnings
    }
}

private struct DiffBuilder {
    let old: Schema
    let new: Schema
    var working: Schema
    var operations: [MigrationOperation] = []
    var warnings: [String] = []

    init(old: Schema, new: Schema) {
        self.old = old
        self.new = new
        self.working = old
    }

    mutating func emit(_ operation: MigrationOperation) throws {
        operations.append(operation)
        try working.apply(operation)
    }

    mutating func build() throws {
        // 0. SQL objects that are removed, changed, or name a table this diff changes are dropped
        //    first (their own SQL), so no table change meets them; they are created again last.
        let touched = Set(old.tables.filter { table in new.table(named: table.name)?.withoutRenames != table }.map(\.name))
        for object in old.sqlObjects.reversed() where new.sqlObject(named: object.name) != object || !touched.isDisjoint(with: object.tables) {
            try emit(.dropSQLObject(object))
        }

        // 1. Enums that are new or changed (values must exist before columns use them).
        for enumType in new.enums {
            let plain = EnumType(name: enumType.name, values: enumType.values)
            if let previous = working.enumType(named: enumType.name) {
                if previous != plain {
                    // Declared value renames keep the rows: old values are rewritten to the new ones.
                    let renames = enumType.renamedValues.filter { previous.values.contains($0.from) && !previous.values.contains($0.to) }
                    try emit(.alterEnum(from: previous, to: plain, renamedValues: renames))
                }
            } else {
                try emit(.createEnum(plain))
            }
        }

        // 2. Declared table renames, then declared column renames.
        var createdTables: [Table] = []
        for table in new.tables where working.table(named: table.name) == nil {
            if let previous = table.renamedFrom, working.table(named: previous) != nil, new.table(named: previous) == nil {
                try emit(.renameTable(from: previous, to: table.name))
            } else {
                createdTables.append(table)
            }
        }
        for table in new.tables {
            guard let current = working.table(named: table.name) else { continue }
            for column in table.columns where current.column(named: column.name) == nil {
                if let previous = column.renamedFrom, working.table(named: table.name)?.column(named: previous) != nil, table.column(named: previous) == nil {
                    try emit(.renameColumn(table: table.name, from: previous, to: column.name))
                }
            }
        }
        let createdNames = Set(createdTables.map(\.name))
        let droppedTables = working.tables.filter { new.table(named: $0.name) == nil }
        warnAboutPossibleTableRenames(dropped: droppedTables, created: createdTables)

        // 3. Drop what is removed or replaced on kept tables (foreign keys first).
        for table in new.tables where !createdNames.contains(table.name) {
            let current = working.table(named: table.name)!
            for key in current.foreignKeys where !table.foreignKeys.contains(key) {
                try emit(.dropForeignKey(table: table.name, key: key))
            }
            for index in current.indexes where !table.indexes.contains(index) {
                try emit(.dropIndex(table: table.name, index: index))
            }
            for unique in current.uniqueConstraints where !table.uniqueConstraints.contains(unique) {
                try emit(.dropUnique(table: table.name, constraint: unique))
            }
            for check in current.checkConstraints where !table.checkConstraints.contains(check) {
                try emit(.dropCheck(table: table.name, constraint: check))
            }
        }
        // Foreign keys from tables about to be dropped to kept tables go with their tables.

        // 4. Dropped tables, children before parents.
        let dropOrder = working.createStatements().compactMap { statement -> Table? in
            if case .createTable(let table, _) = statement, new.table(named: table.name) == nil { return table }
            return nil
        }.reversed()
        for table in dropOrder {
            try emit(.dropTable(working.table(named: table.name)!))
        }

        // 5. Created tables, parents before children; a reference cycle's keys come last.
        let createOrder = Schema(enums: new.enums, tables: createdTables).createStatements()
        var deferredKeys: [(String, ForeignKey)] = []
        for statement in createOrder {
            guard case .createTable(var table, let deferred) = statement else { continue }
            let tableDeferred = table.foreignKeys.filter { deferred.contains($0.name) }
            table.foreignKeys.removeAll { deferred.contains($0.name) }
            table.renamedFrom = nil
            try emit(.createTable(table))
            deferredKeys += tableDeferred.map { (table.name, $0) }
        }

        // 6. Columns of kept tables: added (in schema order), altered, dropped; then the key.
        for table in new.tables where !createdNames.contains(table.name) {
            let current = working.table(named: table.name)!
            let added = table.columns.filter { current.column(named: $0.name) == nil }
            let dropped = current.columns.filter { table.column(named: $0.name) == nil }
            warnAboutPossibleColumnRenames(table: table.name, dropped: dropped, added: added)
            for column in added {
                try emit(.addColumn(table: table.name, column: column.withoutRename))
            }
            for column in table.columns {
                guard let previous = current.column(named: column.name) else { continue }
                let target = column.withoutRename
                if previous != target { try emit(.alterColumn(table: table.name, from: previous, to: target)) }
            }
            for column in dropped {
                try emit(.dropColumn(table: table.name, column: column))
            }
            if current.comment != table.comment {
                try emit(.alterTableComment(table: table.name, from: current.comment, to: table.comment))
            }
            if working.table(named: table.name)!.primaryKey != table.primaryKey {
                try emit(.alterPrimaryKey(table: table.name, from: working.table(named: table.name)!.primaryKey, to: table.primaryKey))
            }
        }

        // 7. New checks, unique constraints and indexes of kept tables; then every new foreign key.
        for table in new.tables where !createdNames.contains(table.name) {
            let current = working.table(named: table.name)!
            for check in table.checkConstraints where !current.checkConstraints.contains(check) {
                try emit(.addCheck(table: table.name, constraint: check))
            }
            for unique in table.uniqueConstraints where !current.uniqueConstraints.contains(unique) {
                try emit(.addUnique(table: table.name, constraint: unique))
            }
            for index in table.indexes where !current.indexes.contains(index) {
                try emit(.createIndex(table: table.name, index: index))
            }
        }
        for table in new.tables where !createdNames.contains(table.name) {
            let current = working.table(named: table.name)!
            for key in table.foreignKeys where !current.foreignKeys.contains(key) {
                try emit(.addForeignKey(table: table.name, key: key))
            }
        }
        for (table, key) in deferredKeys {
            try emit(.addForeignKey(table: table, key: key))
        }

        // 8. Enums nothing uses any more.
        for enumType in working.enums where new.enumType(named: enumType.name) == nil {
            try emit(.dropEnum(enumType))
        }

        // 9. SQL objects that are new, changed or were dropped for their tables.
        for object in new.sqlObjects where working.sqlObject(named: object.name) == nil {
            try emit(.createSQLObject(object))
        }
    }


    mutating func warnAboutPossibleColumnRenames(table: String, dropped: [Column], added: [Column]) {
        for column in added where column.renamedFrom == nil {
            if let candidate = dropped.first(where: { $0.type == column.type }) {
                warnings.append("table '\(table)': column '\(candidate.name)' is dropped and '\(column.name)' is added with the same type; if this is a rename, add 'renamed_from: \(candidate.name)' to '\(column.name)' in schema.yaml to keep the data")
            }
        }
    }

    mutating func warnAboutPossibleTableRenames(dropped: [Table], created: [Table]) {
        for table in created where table.renamedFrom == nil {
            if let candidate = dropped.first(where: { $0.columns.map(\.type) == table.columns.map(\.type) }) {
                warnings.append("table '\(candidate.name)' is dropped and '\(table.name)' is created with the same columns; if this is a rename, add 'renamed_from: \(candidate.name)' to table '\(table.name)' in schema.yaml to keep the data")
            }
        }
    }
}
