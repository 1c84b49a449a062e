import Logging
import NIOCore
import PostgresNIO
import StrataRuntime
import StrataSchema

/// The migration runner's PostgreSQL connection: one session, so that the runner's advisory lock
/// (`pg_advisory_lock`, `PostgreSQLDialect.migrationCapabilities`), its `lock_timeout` and each
/// migration's transactions belong to it.
public actor PostgresMigrationConnection: MigrationConnection {
    /// The advisory lock key every Strata runner takes (`PostgreSQLDialect.advisoryLockKey`).
    public static let advisoryLockKey: Int64 = PostgreSQLDialect.advisoryLockKey

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

    /// Runs one statement (PostgresNIO sends one statement per query: plans hold one per step,
    /// hand-written scripts are split when the plan is made).
    public func execute(_ sql: String) async throws {
        _ = try await query(sql)
    }

    /// Runs one statement; the rows, values as text.
    public func query(_ sql: String) async throws -> [[String?]] {
        do {
            return try await connection.simpleQuery(sql).get().map { row in row.map(Self.text) }
        } catch {
            throw MigrationConnectionError(Self.message(of: error), isLockTimeout: Self.sqlState(of: error) == "55P03")
        }
    }

    /// `BEGIN` (the runner holds the session's advisory lock around its transactions).
    public func beginMigrationTransaction() async throws {
        for statement in dialect.migrationCapabilities.transactionStart { try await execute(statement) }
    }

    /// Commits.
    public func commitMigrationTransaction() async throws {
        for statement in dialect.migrationCapabilities.transactionEnd { try await execute(statement) }
    }

    /// Rolls back.
    public func rollbackMigrationTransaction() async {
        _ = try? await query("ROLLBACK")
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// A cell as PostgreSQL's text output would show it: the extended protocol sends some
    /// types in binary (integers, booleans, floats), read here into their text form.
    static func text(of cell: PostgresCell) -> String? {
        guard let bytes = cell.bytes else { return nil }
        guard cell.format == .binary else { return String(buffer: bytes) }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return (try? cell.decode(Int64.self)).map { String($0) } ?? String(buffer: bytes)
        case .bool: return (try? cell.decode(Bool.self)).map { $0 ? "t" : "f" } ?? String(buffer: bytes)
        case .float4, .float8: return (try? cell.decode(Double.self)).map { "\($0)" } ?? String(buffer: bytes)
        default: return (try? cell.decode(String.self)) ?? String(buffer: bytes)
        }
    }

    /// The SQLSTATE of a server error (`55P03`: lock not available).
    static func sqlState(of error: any Error) -> String? {
        if case .server(let response)? = error as? PostgresError { return response.fields[.sqlState] }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The server's message (and detail) for a PostgresNIO error.
    static func message(of error: any Error) -> String {
        if case .server(let response)? = error as? PostgresError, let message = response.fields[.message] {
            return message + (response.fields[.detail].map { " (\($0))" } ?? "")
        }
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
            try await execute("CREATE SCHEMA \(dialect.quoted(scratch))")
            try await execute("SET LOCAL search_path TO \(dialect.quoted(scratch)), public")
            for sql in dialect.createSQL(for: schema) { try await execute(sql) }
            let result = try await body(scratch)
            await rollbackMigrationTransaction()
            return result
        } catch {
            await rollbackMigrationTransaction()
            throw error
        }
    }
}
