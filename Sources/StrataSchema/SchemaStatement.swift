/// A dialect-neutral DDL statement; an `SQLDialect` renders it to text.
///
/// The create script of a schema is a list of these (see `Schema.createStatements()`); the migration
/// runner renders the same values at run time.
public enum SchemaStatement: Hashable, Sendable {
    /// `CREATE TABLE` with its columns, primary key, checks and foreign keys. Foreign keys whose
    /// names are in `deferredForeignKeys` are left out (they close a reference cycle and are added
    /// later with `addForeignKey` where the dialect needs that).
    case createTable(Table, deferredForeignKeys: [String])
    /// `CREATE [UNIQUE] INDEX`.
    case createIndex(table: String, Index)
    /// `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`, for a foreign key deferred by `createTable`.
    case addForeignKey(table: String, ForeignKey)
}

extension Schema {
    /// The statements that create this schema in an empty database, in dependency order.
    ///
    /// Tables come in file order, except that a table comes after the tables it references.
    /// Each table is followed by its indexes. A reference cycle is broken at the first table of
    /// the cycle in file order: its foreign keys to tables not yet created are deferred to the end.
    public func createStatements() -> [SchemaStatement] {
        var created: Set<String> = []
        var remaining = tables
        var statements: [SchemaStatement] = []
        var deferred: [(table: String, key: ForeignKey)] = []
        while !remaining.isEmpty {
            let position = remaining.firstIndex { table in
                table.referencedTables.allSatisfy { created.contains($0) || self.table(named: $0) == nil }
            } ?? 0
            let table = remaining.remove(at: position)
            let pending = table.foreignKeys.filter {
                $0.referencedTable != table.name && !created.contains($0.referencedTable)
                    && self.table(named: $0.referencedTable) != nil
            }
            statements.append(.createTable(table, deferredForeignKeys: pending.map(\.name)))
            deferred += pending.map { (table.name, $0) }
            for index in table.indexes {
                statements.append(.createIndex(table: table.name, index))
            }
            created.insert(table.name)
        }
        statements += deferred.map { .addForeignKey(table: $0.table, $0.key) }
        return statements
    }
}
