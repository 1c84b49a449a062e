import StrataSchema

/// A value read from a result row column by column: generated models, and the small rows of
/// counts and aggregates.
public protocol RowDecodable: Sendable {
    /// Reads one row whose columns come in the order the query selected them.
    init<Reader: RowReader>(row reader: inout Reader) throws

    /// Reads every row `cursor` steps to, in order. Generated models implement it as
    /// `Self.readEachRow(from:)`, which is inlined there and so compiled for their own type: a
    /// driver calls it through the protocol, and the default (the same loop, not compiled for the
    /// type) grows an array of a type it does not know, looking the array's type up at run time
    /// for every row.
    static func readRows<Cursor: ResultRowCursor>(from cursor: inout Cursor) throws -> [Self]
}

extension RowDecodable {
    /// `readEachRow(from:)`, unspecialized: for types written by hand.
    public static func readRows<Cursor: ResultRowCursor>(from cursor: inout Cursor) throws -> [Self] {
        try readEachRow(from: &cursor)
    }

    /// Reads rows until `cursor` has none. Always inlined, so that calling it with a concrete
    /// `Self` compiles the loop for that type (the optimizer does not specialize a function for
    /// `Self` alone while `Cursor` stays open).
    @inlinable @inline(__always)
    public static func readEachRow<Cursor: ResultRowCursor>(from cursor: inout Cursor) throws -> [Self] {
        var rows: [Self] = []
        while var reader = try cursor.next() {
            rows.append(try Self(row: &reader))
        }
        return rows
    }
}

/// Steps through a query's result rows for `RowDecodable.readRows`: drivers implement it over
/// their native statement (an `sqlite3_stmt`).
public protocol ResultRowCursor {
    /// What reads the columns of one row.
    associatedtype Reader: RowReader
    /// Moves to the next row and returns its reader; nil after the last row.
    mutating func next() throws -> Reader?
}

/// Where statements run: a whole database (each call on its own, a pooled connection) or a
/// transaction (every call on the transaction's connection).
///
/// Drivers implement it; repositories and stores are written against it, so the same code runs
/// on SQLite and PostgreSQL, inside or outside a transaction.
public protocol DatabaseSession: Sendable {
    /// The dialect statements must be written in.
    var dialect: any DatabaseDialect { get }

    /// Runs one statement with `arguments` bound; the number of rows it changed, for a write that
    /// ends with `dialect.changedRowsClause` (as the repository's do: PostgreSQL's driver counts
    /// the rows a statement returns, SQLite's reads `sqlite3_changes`).
    @discardableResult
    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int

    /// Runs one statement once per element of `batch`, all in one transaction; rows changed in all.
    @discardableResult
    func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int

    /// Runs one write that returns rows (`INSERT … RETURNING`) and reads them. It runs where
    /// `execute` runs (SQLite's writer connection, never a reader; refused in a read transaction).
    func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row]

    /// Runs one query and reads every row.
    func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row]

    /// Runs one query and reads its first row; nil when it has none. A driver that can stops
    /// there (SQLite does), with no array of rows in between: a lookup by key, a count, an
    /// existence check. The default reads every row with `fetch` and keeps the first.
    func fetchFirst<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> Row?

    /// Runs `body` in a transaction (a savepoint inside another transaction): committed when it
    /// returns, rolled back when it throws.
    func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result

    /// Whether the session is a transaction (or a savepoint in one).
    var isTransaction: Bool { get }
}

extension DatabaseSession {
    /// Sessions that do not say are not transactions.
    public var isTransaction: Bool { false }

    /// Reads every row with `fetch` and keeps the first.
    public func fetchFirst<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> Row? {
        try await fetch(sql, arguments, as: type).first
    }

    /// Runs `body` atomically at the lowest cost: in a transaction when this session is not one;
    /// inside a transaction directly, with no savepoint. `body` must therefore leave nothing
    /// behind when it throws: its first write fails alone or its later writes undo the earlier
    /// ones (`DatabaseDialect.failedStatementAbortsTransaction` tells which order makes that so).
    public func atomically<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        if isTransaction { return try await body(self) }
        return try await transaction(body)
    }
}

/// An open database: a session that also migrates and closes.
public protocol StrataDatabase: DatabaseSession {
    /// Where the database is, password hidden.
    var url: String { get }

    /// Moves the database to `target` in `history`, each migration in its own locked transaction
    /// (see `MigrationRunner`); the steps taken.
    @discardableResult
    func migrate(_ history: MigrationHistory, to target: MigrationTarget) async throws -> [MigrationStep]

    /// Runs `body` in a read-only transaction: every query in it sees one snapshot of the database
    /// (SQLite `BEGIN DEFERRED` on a WAL reader, PostgreSQL `READ ONLY`, `REPEATABLE READ`),
    /// without taking the writer as `transaction` does, so writers go on meanwhile. A write in it
    /// throws `StrataError.writeInReadTransaction`.
    func read<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result

    /// Closes every connection. The value must not be used afterwards.
    func close() async throws
}

extension DatabaseSession {
    /// A repository of `Model` on this session.
    public func repository<Model: PersistableModel>(_ model: Model.Type = Model.self) -> Repository<Model> {
        Repository(self)
    }
}

/// The first column of a row as an integer (counts).
public struct CountRow: RowDecodable {
    /// The count (0 for NULL).
    public let count: Int64
    /// Reads the first column.
    public init<Reader: RowReader>(row reader: inout Reader) throws {
        count = reader.readNull() ? 0 : try reader.readInt64()
    }
}

/// A value and the number of rows that have it (`GROUP BY`).
public struct GroupCount<Value: ColumnValue>: RowDecodable {
    /// The grouped column's value.
    public let value: Value
    /// How many rows have it.
    public let count: Int64
    /// Reads the value, then the count.
    public init<Reader: RowReader>(row reader: inout Reader) throws {
        value = try Value.read(from: &reader)
        count = try reader.readInt64()
    }
}

/// A database driver that can be chosen by URL (`openDatabase(_:drivers:)`).
public protocol DatabaseDriver {
    /// Whether the driver serves `url`.
    static func accepts(_ url: DatabaseURL) -> Bool
    /// Opens `url`.
    static func open(_ url: DatabaseURL) async throws -> any StrataDatabase
}

/// Opens the database at `url` (`sqlite:path`, `sqlite::memory:`, `postgres://…`) with the first
/// of `drivers` that serves it; apps list the drivers they link.
public func openDatabase(_ url: String, drivers: [any DatabaseDriver.Type]) async throws -> any StrataDatabase {
    let parsed: DatabaseURL
    do {
        parsed = try DatabaseURL(url)
    } catch {
        throw StrataError.connectionFailed(url: DatabaseURL.redacted(url), message: "\(error)")
    }
    guard let driver = drivers.first(where: { $0.accepts(parsed) }) else {
        throw StrataError.connectionFailed(url: parsed.description, message: "no driver for this URL was linked: add StrataSQLite or StrataPostgres")
    }
    return try await driver.open(parsed)
}

extension StrataDatabase {
    /// Upgrades the database to the last migration of `history` (what an app does at start-up).
    @discardableResult
    public func migrate(_ history: MigrationHistory) async throws -> [MigrationStep] {
        try await migrate(history, to: .head)
    }
}
