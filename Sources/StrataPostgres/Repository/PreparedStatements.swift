import Logging
import PostgresNIO
import StrataRuntime
import StrataSchema


/// Named prepared statements for SQL known only at run time.
///
/// PostgresNIO prepares a statement per connection the first time a `PostgresPreparedStatement`
/// type runs there, keyed by the type's static `name` and `sql`. Strata's statements are strings,
/// so each distinct SQL text gets a number, and the number is spelled as a type (`Bit1<Bit0<SlotRoot>>`
/// is 5) whose static `sql` reads the registry. The same text is thus parsed and planned once per
/// connection, then only bound and executed.
enum PreparedStatements {
    /// Distinct statements prepared at most; later ones run unnamed (parsed each time).
    static let capacity = 4_096

    private struct Registry: Sendable {
        var numbers: [String: Int] = [:]
        /// A statement run for its changed-row count → the text actually prepared.
        var texts: [String] = [""]  // numbers start at 1
        var types: [any StatementSlot.Type] = [SlotRoot.self]
    }

    private static let registry = Protected(Registry())

    /// The slot type of `sql`, registering it; nil when the registry is full.
    static func slot(for sql: String) -> (any StatementSlot.Type)? {
        registry.withLock { registry in
            if let number = registry.numbers[sql] { return registry.types[number] }
            let number = registry.texts.count
            guard number <= capacity else { return nil }
            registry.numbers[sql] = number
            registry.texts.append(sql)
            let type = slotType(number)
            registry.types.append(type)
            return type
        }
    }

    static func sql(number: Int) -> String {
        registry.withLock { $0.texts[number] }
    }

    /// The type spelling `number` (≥ 1) in binary, most significant bit first.
    static func slotType(_ number: Int) -> any StatementSlot.Type {
        var type: any StatementSlot.Type = SlotRoot.self
        let bits = Int.bitWidth - number.leadingZeroBitCount
        for bit in stride(from: bits - 2, through: 0, by: -1) {
            type = (number >> bit) & 1 == 1 ? appendOne(type) : appendZero(type)
        }
        return type
    }

    private static func appendOne<Rest: StatementSlot>(_ rest: Rest.Type) -> any StatementSlot.Type { Bit1<Rest>.self }
    private static func appendZero<Rest: StatementSlot>(_ rest: Rest.Type) -> any StatementSlot.Type { Bit0<Rest>.self }
}

/// A number spelled as a type.
protocol StatementSlot: SendableMetatype {
    static var number: Int { get }
}

enum SlotRoot: StatementSlot { static var number: Int { 1 } }
enum Bit0<Rest: StatementSlot>: StatementSlot { static var number: Int { Rest.number << 1 } }
enum Bit1<Rest: StatementSlot>: StatementSlot { static var number: Int { Rest.number << 1 | 1 } }

/// The registered query numbered `Slot.number`, returning rows.
struct SlotQuery<Slot: StatementSlot>: PostgresPreparedStatement {
    typealias Row = PostgresRow
    static var name: String { "strata_\(Slot.number)" }
    static var sql: String { PreparedStatements.sql(number: Slot.number) }
    let bindings: PostgresBindings
    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// Runs statements on one `PostgresConnection`: prepared (named) when the registry has room.
enum PostgresStatements {
    static let logger: Logger = {
        var logger = Logger(label: "strata.postgres")
        logger.logLevel = .critical
        return logger
    }()

    static func bindings<Arguments: SQLArguments>(_ arguments: Arguments) -> PostgresBindings {
        var writer = PostgresParameterWriter()
        arguments.write(to: &writer)
        return writer.bindings
    }

    /// Runs a statement; the number of rows it returned, which is the number it changed for the
    /// repository's writes (they end with `PostgreSQLDialect.changedRowsClause`, ` RETURNING 1`).
    ///
    /// PostgresNIO 1.33.2 traps when a prepared statement's command tag is read (its `execute`
    /// for statements without rows calls `commandTag` before the result is consumed), so rows are
    /// counted instead; the statement's text is run as it is.
    static func execute<Arguments: SQLArguments>(_ connection: PostgresConnection, _ sql: String, _ arguments: Arguments) async throws -> Int {
        let rows: [IgnoredRow] = try await fetch(connection, sql, arguments)
        return rows.count
    }

    struct IgnoredRow: RowDecodable {
        init<Reader: RowReader>(row reader: inout Reader) throws {}
    }

    /// Runs a query and reads every row.
    static func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ connection: PostgresConnection, _ sql: String, _ arguments: Arguments) async throws -> [Row] {
        let bindings = bindings(arguments)
        var rows: [Row] = []
        do {
            guard let slot = PreparedStatements.slot(for: sql) else {
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
                    var reader = PostgresRowReader(row)
                    rows.append(try Row(row: &reader))
                }
                return rows
            }
            func run<Slot: StatementSlot>(_: Slot.Type) async throws {
                for try await row in try await connection.execute(SlotQuery<Slot>(bindings: bindings), logger: logger) {
                    var reader = PostgresRowReader(row)
                    rows.append(try Row(row: &reader))
                }
            }
            try await run(slot)
            return rows
        } catch {
            throw PostgresErrorMapping.error(error)
        }
    }

    /// Runs plain SQL with no parameters (transaction control).
    static func run(_ connection: PostgresConnection, _ sql: String) async throws {
        do {
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
        } catch {
            throw PostgresErrorMapping.error(error)
        }
    }
}

/// Turns PostgresNIO errors into `StrataError`s using the server's SQLSTATE and fields.
enum PostgresErrorMapping {
    static func error(_ error: any Error) -> StrataError {
        if let error = error as? StrataError { return error }
        guard let error = error as? PSQLError, let info = error.serverInfo else {
            return .database(message: "\(error)")
        }
        let message = info[.message] ?? "\(error)"
        let detail = info[.detail].map { message + " (\($0))" } ?? message
        let table = info[.tableName], constraint = info[.constraintName]
        switch info[.sqlState] {
        case "23505": return .uniqueViolation(table: table ?? "", constraint: constraint, message: detail)
        case "23503": return .foreignKeyViolation(table: table, constraint: constraint, message: detail)
        case "23514": return .checkViolation(table: table, constraint: constraint, message: detail)
        case "23502": return .notNullViolation(table: table, column: info[.columnName], message: detail)
        case "25006": return .writeInReadTransaction
        default: return .database(message: detail)
        }
    }
}
