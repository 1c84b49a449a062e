/// A dialect-neutral DDL statement; an `DatabaseDialect` renders it to text.
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
    /// The comment of a table (`column` nil) or of one of its columns: its `doc:`. Dialects
    /// without comments (SQLite) render nothing.
    case comment(table: String, column: String?, text: String)
    /// The `create` SQL of an object of `sql_objects:`, after every table; empty for a dialect
    /// the object has no SQL for.
    case sqlObject(SQLObject)
}

extension Schema {
    /// The statements that create this schema in an empty database, in dependency order.
    ///
    /// Each table comes as soon as the tables it references exist, otherwise in file order; each
    /// is followed by its indexes. A reference cycle is broken at its first table in file order:
    /// that table's foreign keys to tables not yet created are deferred to the end.
    public func createStatements() -> [SchemaStatement] {
        let known = Set(tables.map(\.name))
        var created: Set<String> = []
        var statements: [SchemaStatement] = []
        var deferred: [(table: String, key: ForeignKey)] = []
        // Tables whose references are not all created yet wait on the first missing one and are
        // retried when it is created: linear in the number of tables and foreign keys.
        var waiting: [String: [Int]] = [:]
        var done = Array(repeating: false, count: tables.count)

        func missingReference(of table: Table) -> String? {
            table.referencedTables.first { known.contains($0) && !created.contains($0) }
        }
        func create(_ position: Int, breakingCycle: Bool) {
            var ready = [(position, breakingCycle)]
            while let (next, breaking) = ready.popLast() {
                guard !done[next] else { continue }
                if !breaking, let missing = missingReference(of: tables[next]) {
                    waiting[missing, default: []].append(next)
                    continue
                }
                let table = tables[next]
                done[next] = true
                let pending = breaking
                    ? table.foreignKeys.filter { $0.referencedTable != table.name && known.contains($0.referencedTable) && !created.contains($0.referencedTable) }
                    : []
                statements.append(.createTable(table, deferredForeignKeys: pending.map(\.name)))
                deferred += pending.map { (table.name, $0) }
                for index in table.indexes {
                    statements.append(.createIndex(table: table.name, index))
                }
                statements += table.commentStatements
                created.insert(table.name)
                // Waiters become ready in file order (the stack pops the last pushed first).
                ready += (waiting.removeValue(forKey: table.name) ?? []).reversed().map { ($0, false) }
            }
        }
        for position in tables.indices where !done[position] {
            create(position, breakingCycle: false)
        }
        // What still waits is part of (or hangs off) a reference cycle: create it in file order,
        // deferring its foreign keys to tables not yet created.
        for position in tables.indices where !done[position] {
            create(position, breakingCycle: true)
        }
        statements += deferred.map { .addForeignKey(table: $0.table, $0.key) }
        statements += sqlObjects.map { .sqlObject($0) }
        return statements
    }
}

extension Table {
    /// The comments of the table and of its columns that have one, in column order.
    public var commentStatements: [SchemaStatement] {
        (comment.map { [SchemaStatement.comment(table: name, column: nil, text: $0)] } ?? [])
            + columns.compactMap { column in column.comment.map { .comment(table: name, column: column.name, text: $0) } }
    }
}
