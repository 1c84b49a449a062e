import Logging
import PostgresNIO
import StrataRuntime
import StrataSchema


/// A PostgreSQL database for repositories: a PostgresNIO `PostgresClient` connection pool, every
/// statement a named prepared statement (parsed and planned once per connection).
///
///     let db = try await PostgreSQLDatabase(url: DatabaseURL("postgres://jarvis@localhost/jarvis"))
///     try await db.migrate(GeneratedSchema.migrations)
///
/// Each call outside a transaction leases a pooled connection; `transaction` keeps one connection
/// from `BEGIN` to `COMMIT`.
public final class PostgreSQLDatabase: StrataDatabase, DatabaseDriver {
    /// The URL without its password.
    public let url: String
    /// PostgreSQL.
    public let dialect: any DatabaseDialect = PostgreSQLDialect()
    let location: DatabaseURL
    let client: PostgresClient
    let runTask: Task<Void, Never>

    /// Connects a pool of at most `maximumConnections` to `url` and checks that the server answers.
    /// - Throws: `StrataError.connectionFailed` with the URL's password hidden.
    public init(url: DatabaseURL, maximumConnections: Int = 8) async throws {
        guard case .postgres(let host, let port, let user, let password, let database) = url else {
            throw StrataError.connectionFailed(url: url.description, message: "not a PostgreSQL URL")
        }
        self.url = url.description
        location = url
        // Connect once directly first: the pool retries failed connections in the background
        // for as long as a lease waits, but a wrong address or password should fail now.
        var probeConfiguration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        probeConfiguration.options.connectTimeout = .seconds(10)
        do {
            let probe = try await PostgresConnection.connect(configuration: probeConfiguration, id: 0, logger: PostgresStatements.logger)
            try await probe.close()
        } catch {
            throw StrataError.connectionFailed(url: url.description, message: PostgresMigrationConnection.message(of: error))
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresStatements.logger)
        self.client = client
        runTask = Task { await client.run() }
        do {
            try await client.withConnection { connection in
                try await PostgresStatements.run(connection, "SELECT 1")
            }
        } catch {
            runTask.cancel()
            throw StrataError.connectionFailed(url: url.description, message: PostgresMigrationConnection.message(of: error))
        }
    }

    // MARK: DatabaseDriver

    /// Serves `postgres://` and `postgresql://` URLs.
    public static func accepts(_ url: DatabaseURL) -> Bool {
        if case .postgres = url { return true }
        return false
    }

    /// Connects to a `postgres://` URL.
    public static func open(_ url: DatabaseURL) async throws -> any StrataDatabase {
        try await PostgreSQLDatabase(url: url)
    }

    /// Leases a pooled connection; errors of the connection itself become `connectionFailed`,
    /// everything else (the body's own errors) passes through unchanged.
    func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection(body)
        } catch let error as PSQLError where Self.connectionErrorCodes.contains(error.code) {
            throw StrataError.connectionFailed(url: url, message: PostgresMigrationConnection.message(of: error))
        }
    }

    static let connectionErrorCodes: [PSQLError.Code] = [
        .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown,
        .sslUnsupported, .failedToAddSSLHandler, .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError,
    ]

    // MARK: DatabaseSession

    /// Runs one write as a named prepared statement on a pooled connection; the rows it returned,
    /// which a write that ends with `dialect.changedRowsClause` (` RETURNING 1`) makes the
    /// number of rows it changed.
    public func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        try await withConnection { connection in try await PostgresStatements.execute(connection, sql, arguments) }
    }

    /// Runs one write that returns rows as a named prepared statement on a pooled connection.
    public func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try await withConnection { connection in try await PostgresStatements.fetch(connection, sql, arguments) }
    }

    /// Runs `sql` once per element of `batch`, in one transaction.
    public func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        try await transaction { session in try await session.executeBatch(sql, batch) }
    }

    /// Runs a query as a named prepared statement on a pooled connection.
    public func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try await withConnection { connection in try await PostgresStatements.fetch(connection, sql, arguments) }
    }

    /// `BEGIN` … `COMMIT` on one pooled connection, held until `body` returns or throws.
    public func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await onOneConnection(begin: "BEGIN", body)
    }

    /// `BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY` on one pooled connection.
    public func read<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await onOneConnection(begin: "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", body)
    }

    /// `begin` … `COMMIT` (`ROLLBACK` when `body` throws) on one pooled connection.
    func onOneConnection<Result: Sendable>(begin: String, _ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try await withConnection { connection in
            try await TransactionScope.run(
                on: PostgresTransaction(connection: connection, depth: 1),
                begin: { try await PostgresStatements.run(connection, begin) },
                commit: { try await PostgresStatements.run(connection, "COMMIT") },
                rollback: { try? await PostgresStatements.run(connection, "ROLLBACK") },
                end: { $0.end() },
                body
            )
        }
    }

    // MARK: StrataDatabase

    /// Migrates on a connection of its own (the runner's advisory lock keeps other processes out).
    @discardableResult
    public func migrate(_ history: MigrationHistory, to target: MigrationTarget = .head) async throws -> [MigrationStep] {
        let connection: PostgresMigrationConnection
        do {
            connection = try await PostgresMigrationConnection(url: location)
        } catch {
            throw StrataError.connectionFailed(url: url, message: "\(error)")
        }
        do {
            let steps = try await MigrationRunner(history: history).upgrade(to: target, on: connection)
            await connection.close()
            return steps
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Closes the pool.
    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }
}

/// The session of one `PostgreSQLDatabase.transaction`: every statement on its connection; nested
/// transactions are savepoints.
final class PostgresTransaction: DatabaseSession {
    let connection: PostgresConnection
    let depth: Int
    private let isActive = Protected(true)
    let dialect: any DatabaseDialect = PostgreSQLDialect()

    init(connection: PostgresConnection, depth: Int) {
        self.connection = connection
        self.depth = depth
    }

    var isTransaction: Bool { true }

    func end() { isActive.withLock { $0 = false } }

    func checkActive() throws {
        guard isActive.withLock({ $0 }) else {
            throw StrataError.transactionEnded
        }
    }

    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        try checkActive()
        return try await PostgresStatements.execute(connection, sql, arguments)
    }

    func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        try checkActive()
        var changed = 0
        for arguments in batch { changed += try await PostgresStatements.execute(connection, sql, arguments) }
        return changed
    }

    func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try checkActive()
        return try await PostgresStatements.fetch(connection, sql, arguments)
    }

    func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try checkActive()
        return try await PostgresStatements.fetch(connection, sql, arguments)
    }

    func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        try checkActive()
        let savepoint = "strata_savepoint_\(depth)"
        return try await TransactionScope.run(
            on: PostgresTransaction(connection: connection, depth: depth + 1),
            begin: { try await PostgresStatements.run(connection, "SAVEPOINT \(savepoint)") },
            commit: { try await PostgresStatements.run(connection, "RELEASE SAVEPOINT \(savepoint)") },
            rollback: { try? await PostgresStatements.run(connection, "ROLLBACK TO SAVEPOINT \(savepoint)") },
            end: { $0.end() },
            body
        )
    }
}
