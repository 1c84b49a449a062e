import Logging
import NIOCore
import PostgresNIO
import StrataRuntime
import StrataSchema

/// The migration runner's PostgreSQL connection: one session, so that each migration's
/// transaction and its advisory lock (`pg_advisory_xact_lock`) belong to it.
public actor PostgresMigrationConnection: MigrationConnection {
    /// The advisory lock key every Strata runner takes (a fixed 63-bit number).
    public static let advisoryLockKey: Int64 = 0x5374_7261_7461_4d67  // "StrataMg"

    private let connection: PostgresConnection
    /// PostgreSQL.
    public nonisolated let dialect: any DatabaseDialect = PostgreSQLDialect()

    /// Connects to `url` (a `DatabaseURL.postgres`).
    /// - Throws: `MigrationConnectionError` with the server's message and the URL without its password.
    public init(url: DatabaseURL) async throws {
        guard case .postgres(let host, let port, let user, let password, let database) = url else {
            throw MigrationConnectionError("\(url) is not a PostgreSQL URL")
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(15)
        var logger = Logger(label: "strata.postgres")
        logger.logLevel = .critical
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw MigrationConnectionError("cannot connect to \(url): \(Self.message(of: error))")
        }
        _ = try await query("SET client_min_messages = warning")
    }

    /// Runs `sql`, statement by statement.
    public func execute(_ sql: String) async throws {
        _ = try await query(sql)
    }

    /// Runs `sql`, one statement at a time (PostgresNIO sends each as its own query), values as
    /// text; the rows are the last statement's.
    public func query(_ sql: String) async throws -> [[String?]] {
        var rows: [[String?]] = []
        for statement in SQLScript.statements(in: sql) {
            do {
                let result = try await connection.simpleQuery(statement).get()
                rows = result.map { row in row.map { cell in cell.bytes.map { String(buffer: $0) } } }
            } catch {
                throw MigrationConnectionError(Self.message(of: error))
            }
        }
        return rows
    }

    /// `BEGIN`, then the migration lock (`pg_advisory_xact_lock`).
    public func beginMigrationTransaction() async throws {
        try await execute("BEGIN")
        do {
            try await execute("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
        } catch {
            await rollbackMigrationTransaction()
            throw error
        }
    }

    /// Commits (and releases the lock).
    public func commitMigrationTransaction() async throws {
        try await execute("COMMIT")
    }

    /// Rolls back (and releases the lock).
    public func rollbackMigrationTransaction() async {
        _ = try? await query("ROLLBACK")
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// The server's message (and detail) for a PostgresNIO error.
    static func message(of error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            return text
        }
        if let underlying = error.underlying { return "\(error.code) (\(underlying))" }
        return "\(error.code)"
    }
}

extension PostgresMigrationConnection: CatalogInspecting {
    /// The `public` schema read into the IR.
    public func introspect() async throws -> IntrospectedSchema {
        try await PostgreSQLCatalog(namespace: "public").read(from: self)
    }

    /// `schema` created in a scratch PostgreSQL schema (rolled back), read into the IR.
    public func freshIntrospection(of schema: Schema) async throws -> IntrospectedSchema {
        try await withReferenceSchema(schema) { scratch in try await PostgreSQLCatalog(namespace: scratch).read(from: self) }
    }

    /// Runs `body` with `schema` created in a scratch PostgreSQL schema inside a transaction
    /// that is rolled back afterwards.
    private func withReferenceSchema<Result>(_ schema: Schema, _ body: (String) async throws -> Result) async throws -> Result {
        let scratch = "strata_reference"
        let dialect = PostgreSQLDialect()
        try await execute("BEGIN")
        do {
            try await execute("CREATE SCHEMA \(dialect.quoted(scratch)); SET LOCAL search_path TO \(dialect.quoted(scratch)), public;")
            try await execute(schema.createStatements().map { dialect.render($0, in: schema) }.joined(separator: "\n"))
            let result = try await body(scratch)
            await rollbackMigrationTransaction()
            return result
        } catch {
            await rollbackMigrationTransaction()
            throw error
        }
    }
}
