import Foundation
import StrataSchema

/// Typed storage of one generated model on a `DatabaseSession` (a database or a transaction).
///
///     let patterns = db.repository(Pattern.self)
///     try await patterns.insert(pattern)
///     let top = try await patterns.list(where: \.trustTier == .auto && \.isActive == true,
///                                       orderBy: .descending(\.frequencyCount), limit: 100)
///
/// Models are bound and read column by column (`PersistableModel`), every value is a bound
/// parameter, and no SQL is rendered per call: the fixed statements are rendered once per model
/// and dialect, and a filtered, ordered or assigning statement once per *shape* (its structure
/// without the values), then reused with each call's values.
///
/// The operations apps call many times (`insert`, `find`, both `update`s, `list`) are
/// `@inlinable`: compiled in the module that names the model, for that model, so no generic code
/// looks the model's metadata and conformances up on each call; what they call in this module
/// (the driver, rendering a new shape) is the same for every model.
public struct Repository<Model: PersistableModel>: Sendable {
    /// Where the repository's statements run.
    public let session: any DatabaseSession
    @usableFromInline let statements: ModelStatements
    /// The reading statements of the table, sharing the model's shape cache.
    @usableFromInline let queries: RelationQueries<Model>

    /// A repository of `Model` on `session` (a database or a transaction).
    public init(_ session: any DatabaseSession) {
        self.session = session
        let statements = ModelStatements.of(Model.self, session.dialect)
        self.statements = statements
        self.queries = RelationQueries(relation: statements.relation)
    }

    @usableFromInline var table: String { Model.table.name }
    var quotedTable: String { statements.quotedTable }

    // MARK: Insert

    /// Inserts `model`; returns it as stored (timestamps at millisecond precision). A model whose
    /// `auto_increment` key is nil is inserted without it, and columns the database computes
    /// (`generated:`) are never written: such a table's insert returns the row as the database
    /// stored it, with the key it assigned and the values it computed.
    /// - Throws: `StrataError.uniqueViolation`, `.foreignKeyViolation`, `.checkViolation`, `.notNullViolation`.
    @inlinable @discardableResult
    public func insert(_ model: Model) async throws -> Model {
        if let computed = statements.computed { return try await insertReturning(model, computed) }
        _ = try await execute(statements.insert, ModelArguments(model))
        return model.storedForm
    }

    /// `insert` into a table with columns the database computes: the row as the database stored it.
    @usableFromInline
    func insertReturning(_ model: Model, _ computed: ComputedColumnStatements) async throws -> Model {
        let (omitted, withoutKey) = computed.omitted(for: model)
        let sql = withoutKey ? computed.insertWithoutKeyReturning ?? computed.insertReturning : computed.insertReturning
        guard let stored = try await storedRow(sql, InsertArguments(models: [model][...], omitted: omitted)) else {
            throw StrataError.database(message: "the insert into '\(table)' returned no row")
        }
        return stored
    }

    /// Runs a write that returns the row it wrote, and reads it (nil when it wrote none).
    func storedRow(_ sql: String, _ arguments: InsertArguments<Model>) async throws -> Model? {
        try await naming { try await session.executeReturning(sql, arguments, as: Model.self) }.first
    }

    /// Inserts every model in one transaction (all or none): 100 rows per multi-row `INSERT`,
    /// the rest one per statement, each shape a reused prepared statement. Models whose
    /// `auto_increment` key is nil get keys from the database, in the order given (not returned:
    /// `insert` one at a time to read them).
    public func insert(contentsOf models: [Model]) async throws {
        guard !models.isEmpty else { return }
        if let computed = statements.computed {
            return try await insertComputing(models, computed)
        }
        let chunkSize = ModelStatements.insertChunkSize
        let chunked = models.count / chunkSize * chunkSize
        let chunks = stride(from: 0, to: chunked, by: chunkSize).map { ModelsArguments(Array(models[$0..<$0 + chunkSize])) }
        let rest = models[chunked...].map(ModelArguments.init)
        let statements = statements
        _ = try await naming {
            if chunks.isEmpty { return try await session.executeBatch(statements.insert, rest) }
            return try await session.transaction { tx in
                try await tx.executeBatch(statements.insertChunk, chunks) + tx.executeBatch(statements.insert, rest)
            }
        }
    }

    /// `insert(contentsOf:)` for a table with columns the database computes: models with a key
    /// are inserted with it, the others without, all in one transaction.
    func insertComputing(_ models: [Model], _ computed: ComputedColumnStatements) async throws {
        var keyed: [Model] = [], unassigned: [Model] = []
        for model in models {
            if computed.keyPosition != nil, model.hasUnassignedKey { unassigned.append(model) } else { keyed.append(model) }
        }
        let chunkSize = ModelStatements.insertChunkSize
        func batches(_ models: [Model], omitted: [Bool]) -> (chunks: [InsertArguments<Model>], rest: [InsertArguments<Model>]) {
            let chunked = models.count / chunkSize * chunkSize
            return (stride(from: 0, to: chunked, by: chunkSize).map { InsertArguments(models: models[$0..<$0 + chunkSize], omitted: omitted) },
                    (chunked..<models.count).map { InsertArguments(models: models[$0...$0], omitted: omitted) })
        }
        let withKeys = batches(keyed, omitted: computed.generated), withoutKeys = batches(unassigned, omitted: computed.generatedAndKey)
        _ = try await naming {
            try await session.transaction { tx in
                var changed = try await tx.executeBatch(computed.insertChunk, withKeys.chunks) + tx.executeBatch(computed.insert, withKeys.rest)
                if let chunk = computed.insertWithoutKeyChunk, let single = computed.insertWithoutKey {
                    changed += try await tx.executeBatch(chunk, withoutKeys.chunks) + tx.executeBatch(single, withoutKeys.rest)
                }
                return changed
            }
        }
    }

    /// Inserts `model`, or replaces every non-key column of the row with its key.
    /// Columns declared `on_update: now` are set to the current time. A model whose
    /// `auto_increment` key is nil has no row yet: it is inserted, as `insert` does.
    @discardableResult
    public func upsert(_ model: Model) async throws -> Model {
        var model = model
        model.touchUpdatedColumns(at: Date())
        if let computed = statements.computed {
            let (omitted, withoutKey) = computed.omitted(for: model)
            if withoutKey { return try await insert(model) }
            // DO NOTHING (a table of key columns only) returns no row: the stored row is the model.
            return try await storedRow(computed.upsertReturning, InsertArguments(models: [model][...], omitted: omitted)) ?? model.storedForm
        }
        _ = try await execute(statements.upsert, ModelArguments(model))
        return model.storedForm
    }

    // MARK: Read

    /// The row with primary key `key`, or nil.
    @inlinable
    public func find(_ key: Model.PrimaryKey) async throws -> Model? {
        try await session.fetchFirst(statements.findByKey, PrimaryKeyArguments<Model>(key), as: Model.self)
    }

    /// The row with primary key `key`.
    /// - Throws: `StrataError.notFound` when there is none.
    @inlinable
    public func get(_ key: Model.PrimaryKey) async throws -> Model {
        guard let model = try await find(key) else { throw notFound(key) }
        return model
    }

    /// Whether a row has primary key `key`.
    public func exists(_ key: Model.PrimaryKey) async throws -> Bool {
        try await session.fetchFirst(statements.existsByKey, PrimaryKeyArguments<Model>(key), as: CountRow.self) != nil
    }

    /// The rows matching `filter`, in `orderBy` order, after skipping `offset`, at most `limit`.
    public func list(
        where filter: Filter<Model> = .all, orderBy: Ordering<Model>..., limit: Int? = nil, offset: Int? = nil
    ) async throws -> [Model] {
        try await list(where: filter, orderBy: orderBy, limit: limit, offset: offset)
    }

    /// `list` with the orderings as an array.
    @inlinable
    public func list(
        where filter: Filter<Model>, orderBy: [Ordering<Model>], limit: Int? = nil, offset: Int? = nil
    ) async throws -> [Model] {
        try await queries.rows(where: filter, orderBy: orderBy, limit: limit, offset: offset, on: session)
    }

    /// The SQL and bound values `list` runs (for `EXPLAIN` and logging).
    public func listStatement(
        where filter: Filter<Model> = .all, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) throws -> (sql: String, arguments: [SQLValue]) {
        try queries.list(where: filter, orderBy: orderBy, limit: limit, offset: offset)
    }

    /// The number of rows matching `filter`.
    public func count(where filter: Filter<Model> = .all) async throws -> Int {
        try await queries.number(where: filter, on: session)
    }

    /// Whether any row matches `filter`.
    public func exists(where filter: Filter<Model>) async throws -> Bool {
        try await queries.any(where: filter, on: session)
    }

    /// How many rows matching `filter` have each value of `column` (`GROUP BY`), computed by the database.
    public func countGrouped<Value: ColumnValue>(by column: KeyPath<Model, Value>, where filter: Filter<Model> = .all) async throws -> [GroupCount<Value>] {
        let position = try ColumnReference(column).position()
        let statement = try shaped(.countGrouped) { walker in
            walker.shape.append(position)
            try walker.walk(filter)
        } render: { renderer in
            let name = renderer.column(position)
            return "SELECT \(name), COUNT(*) FROM \(quotedTable)" + (try renderer.whereClause(filter)) + " GROUP BY \(name)"
        }
        return try await session.fetch(statement.sql, statement.arguments, as: GroupCount<Value>.self)
    }


    /// The statement of a shape (see `RelationQueries.shaped`).
    func shaped(
        _ kind: StatementShape.Kind, walk: (inout ShapeWalker<Model>) throws -> Void, render: (inout QueryRenderer<Model>) throws -> String
    ) throws -> (sql: String, arguments: [SQLValue]) {
        try queries.shaped(kind, walk: walk, render: render)
    }

    /// Every row matching `filter`, in primary-key order, fetched `batchSize` rows at a time (keyset
    /// paging), so memory does not grow with the number of rows. Rows changed while streaming are
    /// seen or not depending on whether their page was already read.
    public func stream(where filter: Filter<Model> = .all, batchSize: Int = 1_000) -> ModelStream<Model> {
        ModelStream(repository: self, filter: filter, batchSize: max(1, batchSize))
    }

    /// One page of `stream`: rows after `last` in key order.
    func page(after last: Model?, filter: Filter<Model>, limit: Int) async throws -> [Model] {
        var pageFilter = filter
        if let last {
            var collector = KeyCollector()
            Model.write(primaryKey: last.primaryKey, to: &collector)
            pageFilter = filter && Filter(.after(columns: statements.keyColumns, collector.values))
        }
        let keyOrder = statements.keyColumns.map { Ordering<Model>(ascendingColumn: $0) }
        let statement = try listStatement(where: pageFilter, orderBy: keyOrder, limit: limit)
        return try await session.fetch(statement.sql, statement.arguments, as: Model.self)
    }

    // MARK: Update

    /// Replaces every non-key column of the row with `model`'s key; columns declared
    /// `on_update: now` are set to the current time. Returns the value as stored.
    /// - Throws: `StrataError.notFound` when no row has the key.
    @inlinable @discardableResult
    public func update(_ model: Model) async throws -> Model {
        var model = model
        model.touchUpdatedColumns(at: Date())
        if let computed = statements.computed { return try await updateReturning(model, computed) }
        let changed = try await execute(statements.updateByKey, ModelArguments(model))
        guard changed > 0 else { throw notFound(model.primaryKey) }
        return model.storedForm
    }

    /// `update` of a table with columns the database computes: the row as the database stored it.
    @usableFromInline
    func updateReturning(_ model: Model, _ computed: ComputedColumnStatements) async throws -> Model {
        let (omitted, withoutKey) = computed.omitted(for: model)
        if withoutKey { throw StrataError.keyNotAssigned(table: table) }
        guard let stored = try await storedRow(computed.updateReturning, InsertArguments(models: [model][...], omitted: omitted)) else {
            throw notFound(model.primaryKey)
        }
        return stored
    }

    /// `StrataError.notFound` for `key` in this table.
    @usableFromInline
    func notFound(_ key: Model.PrimaryKey) -> StrataError {
        StrataError.notFound(table: table, key: "\(key)")
    }

    /// Sets chosen columns of the row with primary key `key` (and `on_update: now` columns).
    /// - Throws: `StrataError.notFound` when no row has the key.
    @inlinable
    public func update(_ key: Model.PrimaryKey, set assignments: [Assignment<Model>]) async throws {
        let now = SQLValue.timestamp(Date())
        let statement = try queries.statement(.updateByKey) { walker in
            try walker.walk(assignments, now: now)
        } render: { values in
            try updateByKeyText(assignments, now: now, values: values)
        }
        let changed = try await execute(statement.sql, KeyedArguments<Model>(values: statement.arguments, key: key))
        guard changed > 0 else { throw notFound(key) }
    }

    /// The text of `update(_:set:)`'s shape, for a walk that collected `values` values.
    @usableFromInline
    func updateByKeyText(_ assignments: [Assignment<Model>], now: SQLValue, values: Int) throws -> String {
        try queries.rendered(values: values) { renderer in
            let set = try renderer.setClause(assignments, now: now)
            // The key's parameters follow the assignments'; `KeyedArguments` writes the key itself.
            let first = renderer.arguments.count + 1
            let key = statements.keyColumns.enumerated().map { "\(renderer.column($1)) = \(session.dialect.parameter(first + $0))" }
                .joined(separator: " AND ")
            return "UPDATE \(quotedTable) SET \(set) WHERE \(key)" + session.dialect.changedRowsClause
        }
    }

    /// Sets chosen columns (and `on_update: now` columns) of every row matching `filter`, in one
    /// statement; the number of rows changed.
    @discardableResult
    public func update(where filter: Filter<Model>, set assignments: [Assignment<Model>]) async throws -> Int {
        let now = SQLValue.timestamp(Date())
        let statement = try shaped(.updateWhere) { walker in
            try walker.walk(assignments, now: now)
            try walker.walk(filter)
        } render: { renderer in
            let set = try renderer.setClause(assignments, now: now)
            return "UPDATE \(quotedTable) SET \(set)" + (try renderer.whereClause(filter)) + session.dialect.changedRowsClause
        }
        return try await execute(statement.sql, statement.arguments)
    }

    // MARK: Delete

    /// Deletes the row with primary key `key`; whether there was one.
    @discardableResult
    public func delete(_ key: Model.PrimaryKey) async throws -> Bool {
        try await execute(statements.deleteByKey, PrimaryKeyArguments<Model>(key)) > 0
    }

    /// Deletes every row matching `filter`; the number deleted.
    @discardableResult
    public func delete(where filter: Filter<Model>) async throws -> Int {
        let statement = try shaped(.deleteWhere) { try $0.walk(filter) } render: { renderer in
            "DELETE FROM \(quotedTable)" + (try renderer.whereClause(filter)) + session.dialect.changedRowsClause
        }
        return try await execute(statement.sql, statement.arguments)
    }

    /// Runs a write, naming this table in constraint errors whose driver could not (SQLite's
    /// foreign-key and check messages do not say which table).
    func naming<Result>(_ write: () async throws -> Result) async throws -> Result {
        do {
            return try await write()
        } catch {
            throw named(error)
        }
    }

    /// `naming` for one statement, without a closure: the writes every call makes (an async
    /// closure costs a task allocation and a frame per call).
    @inlinable
    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        do {
            return try await session.execute(sql, arguments)
        } catch {
            throw named(error)
        }
    }

    /// `error` with this table's name filled into a constraint error that names none.
    @usableFromInline
    func named(_ error: any Error) -> any Error {
        switch error {
        case StrataError.foreignKeyViolation(nil, let constraint, let message):
            StrataError.foreignKeyViolation(table: table, constraint: constraint, message: message)
        case StrataError.checkViolation(nil, let constraint, let message):
            StrataError.checkViolation(table: table, constraint: constraint, message: message)
        default:
            error
        }
    }

}

/// Values collected for a statement's clauses, then a primary key (updates by key).
@usableFromInline
struct KeyedArguments<Model: PersistableModel>: SQLArguments {
    @usableFromInline let values: [SQLValue]
    @usableFromInline let key: Model.PrimaryKey

    @inlinable
    init(values: [SQLValue], key: Model.PrimaryKey) {
        self.values = values
        self.key = key
    }

    @usableFromInline
    func write<Writer: RowWriter>(to writer: inout Writer) {
        for value in values { value.write(to: &writer) }
        Model.write(primaryKey: key, to: &writer)
    }
}

/// The rows of `Repository.stream`, fetched a page at a time.
public struct ModelStream<Model: PersistableModel>: AsyncSequence, Sendable {
    /// The stream yields models.
    public typealias Element = Model
    let repository: Repository<Model>
    let filter: Filter<Model>
    let batchSize: Int

    /// Reads the stream a page at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: ModelStream
        var page: [Model] = []
        var index = 0
        var last: Model?
        var finished = false

        /// The next model in key order, fetching the next page when the current one is used up; nil at the end.
        public mutating func next() async throws -> Model? {
            if index == page.count {
                guard !finished else { return nil }
                page = try await stream.repository.page(after: last, filter: stream.filter, limit: stream.batchSize)
                index = 0
                finished = page.count < stream.batchSize
                guard !page.isEmpty else { return nil }
            }
            let model = page[index]
            index += 1
            last = model
            return model
        }
    }

    /// An iterator from the first row.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}

/// Collects written parameters as `SQLValue`s (keys for paging and updates by key).
struct KeyCollector: RowWriter {
    var values: [SQLValue] = []
    mutating func writeNull() { values.append(.null) }
    mutating func writeInt64(_ value: Int64) { values.append(.int(value)) }
    mutating func writeDouble(_ value: Double) { values.append(.double(value)) }
    mutating func writeBool(_ value: Bool) { values.append(.bool(value)) }
    mutating func writeString(_ value: String) { values.append(.text(value)) }
    mutating func writeData(_ value: Data) { values.append(.bytes(value)) }
    mutating func writeDate(_ value: Date) { values.append(.timestamp(value)) }
    mutating func writeDay(_ value: Date) { values.append(.day(value)) }
    mutating func writeUUID(_ value: UUID) { values.append(.uuid(value)) }
    mutating func writeJSON(_ value: JSONValue) { values.append(.json(value)) }
    mutating func writeDecimal(_ value: Decimal) { values.append(.decimal(value)) }
    mutating func writeTimeOfDay(_ value: TimeOfDay) { values.append(.timeOfDay(value)) }
}

extension PersistableModel {
    /// The value as the database stores it: `Date`s at millisecond precision.
    @inlinable
    var storedForm: Self {
        var stored = self
        stored.roundToStoredPrecision()
        return stored
    }

    /// Writes the columns and reads them back with dates rounded (for models generated before
    /// `roundToStoredPrecision` was).
    public mutating func roundToStoredPrecision() {
        var reader = StoredFormReader()
        self.write(to: &reader.writer)
        if let stored = try? Self(row: &reader) { self = stored }
    }
}

/// Writes a model's columns and reads them back with dates rounded to milliseconds, the way both
/// databases store them.
struct StoredFormReader: RowReader {
    var writer = KeyCollector()
    var position = 0

    mutating func next() -> SQLValue {
        defer { position += 1 }
        return writer.values[position]
    }

    mutating func readNull() -> Bool {
        if case .null = writer.values[position] { position += 1; return true }
        return false
    }

    mutating func readInt64() throws -> Int64 { if case .int(let v) = next() { return v }; throw StrataError.decoding("int") }
    mutating func readDouble() throws -> Double { if case .double(let v) = next() { return v }; throw StrataError.decoding("double") }
    mutating func readBool() throws -> Bool { if case .bool(let v) = next() { return v }; throw StrataError.decoding("bool") }
    mutating func readString() throws -> String { if case .text(let v) = next() { return v }; throw StrataError.decoding("text") }
    mutating func readData() throws -> Data { if case .bytes(let v) = next() { return v }; throw StrataError.decoding("bytes") }
    mutating func readUUID() throws -> UUID { if case .uuid(let v) = next() { return v }; throw StrataError.decoding("uuid") }
    mutating func readJSON() throws -> JSONValue { if case .json(let v) = next() { return v }; throw StrataError.decoding("json") }
    mutating func readDecimal() throws -> Decimal { if case .decimal(let v) = next() { return v }; throw StrataError.decoding("decimal") }
    mutating func readTimeOfDay() throws -> TimeOfDay { if case .timeOfDay(let v) = next() { return v }; throw StrataError.decoding("time") }
    mutating func readDay() throws -> Date {
        if case .day(let v) = next() { return v.roundedDownToUTCDay }
        throw StrataError.decoding("date")
    }

    mutating func readDate() throws -> Date {
        if case .timestamp(let v) = next() { return v.roundedToMilliseconds }
        throw StrataError.decoding("timestamp")
    }
}

extension Date {
    /// The date at millisecond precision, as both databases store timestamps.
    public var roundedToMilliseconds: Date {
        Date(timeIntervalSince1970: Double(Int64((timeIntervalSince1970 * 1000).rounded())) / 1000)
    }

    /// Midnight UTC of the date's day, as both databases store a `date` column.
    public var roundedDownToUTCDay: Date {
        Date(timeIntervalSince1970: Double(Int64((timeIntervalSince1970 / 86_400).rounded(.down)) * 86_400))
    }
}
