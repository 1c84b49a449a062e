import StrataSchema


/// The fixed statements of one model on one dialect, rendered once per process and reused, so
/// that drivers find them in their prepared-statement caches by the same text. A class: a
/// repository made per call (as the pattern repository's are) shares it without copying its texts.
@usableFromInline
final class ModelStatements: Sendable {
    /// The table's name, quoted.
    var quotedTable: String { relation.quotedName }
    /// The table's columns, quoted, in table order.
    var selectColumns: String { relation.selectColumns }
    @usableFromInline let insert: String
    /// `insert` for `insertChunkSize` rows at once.
    let insertChunk: String
    static let insertChunkSize = 100
    let upsert: String
    @usableFromInline let findByKey: String
    let existsByKey: String
    @usableFromInline let updateByKey: String
    let deleteByKey: String
    /// The positions of the key columns, in key order.
    let keyColumns: [Int]
    /// The writes of a table with columns the database computes (an `auto_increment` key,
    /// generated columns); nil without any.
    @usableFromInline let computed: ComputedColumnStatements?
    /// The table's name and columns and the text of each filtered, ordered or assigning
    /// statement shape seen so far.
    let relation: RelationText

    init(table: TableMetadata, dialect: any DatabaseDialect) {
        let relation = RelationText(table: table, dialect: dialect)
        self.relation = relation
        let quotedTable = relation.quotedName
        let names = table.columns.map { dialect.quoted($0.name) }
        let allParameters = (1...table.columns.count).map { dialect.parameter($0) }
        let keyColumns = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        self.keyColumns = keyColumns
        computed = ComputedColumnStatements(table: table, dialect: dialect)
        let keyByPosition = keyColumns.enumerated().map { "\(names[$1]) = \(dialect.parameter($0 + 1))" }.joined(separator: " AND ")
        let selectColumns = relation.selectColumns
        // Inserts and upserts are not counted (no `changedRowsClause`): they write their rows or
        // throw, and PostgreSQL would send a row back for each one written.
        let counted = dialect.changedRowsClause
        let insert = "INSERT INTO \(quotedTable) (\(selectColumns)) VALUES (\(allParameters.joined(separator: ", ")))"
        self.insert = insert
        let columnCount = table.columns.count
        insertChunk = "INSERT INTO \(quotedTable) (\(selectColumns)) VALUES " + (0..<Self.insertChunkSize).map { row in
            "(" + (1...columnCount).map { dialect.parameter(row * columnCount + $0) }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
        let nonKey = table.columns.indices.filter { !keyColumns.contains($0) }
        let conflictTarget = keyColumns.map { names[$0] }.joined(separator: ", ")
        if nonKey.isEmpty {
            upsert = insert + " ON CONFLICT (\(conflictTarget)) DO NOTHING"
        } else {
            upsert = insert + " ON CONFLICT (\(conflictTarget)) DO UPDATE SET "
                + nonKey.map { "\(names[$0]) = excluded.\(names[$0])" }.joined(separator: ", ")
        }
        findByKey = "SELECT \(selectColumns) FROM \(quotedTable) WHERE \(keyByPosition)"
        existsByKey = "SELECT 1 FROM \(quotedTable) WHERE \(keyByPosition)"
        // The whole value is bound in table order, so parameter N is column N.
        let keyByColumn = keyColumns.map { "\(names[$0]) = \(allParameters[$0])" }.joined(separator: " AND ")
        updateByKey = "UPDATE \(quotedTable) SET " + nonKey.map { "\(names[$0]) = \(allParameters[$0])" }.joined(separator: ", ")
            + " WHERE \(keyByColumn)" + counted
        deleteByKey = "DELETE FROM \(quotedTable) WHERE \(keyByPosition)" + counted
    }

    /// A model type and a dialect type.
    private struct Key: Hashable {
        let model: ObjectIdentifier
        let dialect: ObjectIdentifier
    }

    private static let cache = Protected<[Key: ModelStatements]>([:])

    /// The quoted column list of `table`, in table order.
    static func selectColumns(of table: TableMetadata, _ dialect: any DatabaseDialect) -> String {
        table.columns.map { dialect.quoted($0.name) }.joined(separator: ", ")
    }

    private static let viewRelations = Protected<[Key: RelationText]>([:])

    /// The name, columns and shape cache of a view's rows on `dialect`, process-wide (views have
    /// no `ModelStatements`).
    static func relation<Model: ReadableModel>(of model: Model.Type, _ dialect: any DatabaseDialect) -> RelationText {
        let key = Key(model: ObjectIdentifier(Model.self), dialect: ObjectIdentifier(type(of: dialect)))
        return viewRelations.withLock { relations in
            if let relation = relations[key] { return relation }
            let relation = RelationText(table: Model.table, dialect: dialect)
            relations[key] = relation
            return relation
        }
    }

    /// The statements of `Model` on `dialect`, from the process-wide cache.
    static func of<Model: PersistableModel>(_ model: Model.Type, _ dialect: any DatabaseDialect) -> ModelStatements {
        let key = Key(model: ObjectIdentifier(Model.self), dialect: ObjectIdentifier(type(of: dialect)))
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let statements = ModelStatements(table: Model.table, dialect: dialect)
        cache.withLock { $0[key] = statements }
        return statements
    }
}
