import Foundation
import StrataPostgres
import StrataSQLite
import StrataTestSupport
import Workflow

/// The two databases every repository test runs on.
enum Dialect: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A new empty database: a SQLite file in the temporary directory, or a new database on the
/// suite's throwaway PostgreSQL server.
func openEmptyDatabase(_ dialect: Dialect, setUpSQL: String? = nil) async throws -> any StrataDatabase {
    switch dialect {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-repo-\(UUID().uuidString).sqlite").path
        if let setUpSQL { try SQLiteDirectConnection(path: path).execute(setUpSQL) }
        return try SQLiteDatabase(path: path)
    case .postgres:
        let server = try await PostgresTestServer.shared()
        let url = try server.createDatabase()
        if let setUpSQL { try server.run(setUpSQL, database: url) }
        return try await PostgreSQLDatabase(url: DatabaseURL(url))
    }
}

/// A new database migrated to head with this repository's migrations (the workflow tables).
func openWorkflowDatabase(_ dialect: Dialect) async throws -> any StrataDatabase {
    let db = try await openEmptyDatabase(dialect)
    try await db.migrate(GeneratedSchema.migrations)
    return db
}

/// A new database with the kitchen-sink fixture's tables (every column type, composite keys,
/// keyword names), created from its generated SQL.
func openKitchenSinkDatabase(_ dialect: Dialect) async throws -> any StrataDatabase {
    let file = dialect == .sqlite ? "schema.sqlite.sql" : "schema.postgres.sql"
    let sql = try String(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures/KitchenSink/Generated/SQL/\(file)"), encoding: .utf8)
    return try await openEmptyDatabase(dialect, setUpSQL: sql)
}

/// A session that forwards to another and records the largest number of rows one fetch returned.
final class RecordingSession: DatabaseSession, @unchecked Sendable {
    let inner: any DatabaseSession
    private let lock = NSLock()
    private var largest = 0
    private var fetches = 0

    init(_ inner: any DatabaseSession) { self.inner = inner }

    var dialect: any DatabaseDialect { inner.dialect }
    var largestFetch: Int { lock.withLock { largest } }
    var fetchCount: Int { lock.withLock { fetches } }

    func execute<Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments) async throws -> Int {
        try await inner.execute(sql, arguments)
    }

    func executeBatch<Arguments: SQLArguments>(_ sql: String, _ batch: [Arguments]) async throws -> Int {
        try await inner.executeBatch(sql, batch)
    }

    func executeReturning<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        try await inner.executeReturning(sql, arguments, as: type)
    }

    func fetch<Row: RowDecodable, Arguments: SQLArguments>(_ sql: String, _ arguments: Arguments, as type: Row.Type) async throws -> [Row] {
        let rows = try await inner.fetch(sql, arguments, as: type)
        lock.withLock {
            largest = max(largest, rows.count)
            fetches += 1
        }
        return rows
    }

    var transactionCount: Int { lock.withLock { transactions } }
    private var transactions = 0

    var isTransaction: Bool { inner.isTransaction }

    func transaction<Result: Sendable>(_ body: (any DatabaseSession) async throws -> Result) async throws -> Result {
        lock.withLock { transactions += 1 }
        return try await inner.transaction(body)
    }
}

/// A date at millisecond precision from wall-clock parts in a time zone.
func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ millisecond: Int, zone: String) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    let base = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    return base.addingTimeInterval(Double(millisecond) / 1000)
}

func samplePattern(_ name: String, type: PatternType = .timeBased, tier: TrustTier = .observe, frequency: Int64 = 1, active: Bool = true, lastSeen: Date? = nil) -> Pattern {
    Pattern(
        name: name, description: nil, patternType: type, triggerConditions: ["app": "Mail"], actions: [["step": 1]],
        frequencyCount: frequency, lastSeen: lastSeen, trustTier: tier, isActive: active
    )
}
