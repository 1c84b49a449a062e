import Foundation
import Logging
import PostgresNIO
import Workflow

/// The same work on PostgresNIO with hand-written prepared statements, through the same kind of
/// `PostgresClient` pool. (Statements without rows declare `PostgresRow` rows: PostgresNIO
/// 1.33.2 traps reading the command tag of a prepared statement without rows.)
final class PostgresNIOBaseline: Workload, Sendable {
    let name = "PostgresNIO prepared statements"
    let client: PostgresClient
    let runTask: Task<Void, Never>
    static let logger = Logger(label: "benchmark")
    static let columns = "id, name, description, pattern_type, trigger_conditions, actions, frequency_count, last_seen, trust_tier, is_active, suspension_reason, total_executions, correct_executions, created_at, updated_at"

    init(host: String, port: Int, user: String, database: String) {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: nil, database: database, tls: .disable)
        configuration.options.maximumConnections = 8
        client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        runTask = Task { [client] in await client.run() }
    }

    static func decode(_ row: PostgresRow) throws -> Pattern {
        let (id, name, description, type, trigger, actions, frequency, lastSeen, tier, active, reason, total, correct, created, updated) =
            try row.decode((UUID, String, String?, String, String, String, Int64, Date?, String, Bool, String?, Int64, Int64, Date, Date).self)
        return Pattern(
            id: id, name: name, description: description, patternType: PatternType(rawValue: type)!,
            triggerConditions: try JSONValue(jsonText: trigger), actions: try JSONValue(jsonText: actions),
            frequencyCount: frequency, lastSeen: lastSeen, trustTier: TrustTier(rawValue: tier)!, isActive: active,
            suspensionReason: reason, totalExecutions: total, correctExecutions: correct, createdAt: created, updatedAt: updated
        )
    }

    static func bind(_ pattern: Pattern, into bindings: inout PostgresBindings) {
        bindings.append(pattern.id)
        bindings.append(pattern.name)
        bindings.append(pattern.description)
        bindings.append(pattern.patternType.rawValue)
        bindings.append(pattern.triggerConditions.jsonText)
        bindings.append(pattern.actions.jsonText)
        bindings.append(pattern.frequencyCount)
        bindings.append(pattern.lastSeen)
        bindings.append(pattern.trustTier.rawValue)
        bindings.append(pattern.isActive)
        bindings.append(pattern.suspensionReason)
        bindings.append(pattern.totalExecutions)
        bindings.append(pattern.correctExecutions)
        bindings.append(pattern.createdAt)
        bindings.append(pattern.updatedAt)
    }

    struct Insert: PostgresPreparedStatement {
        static let sql = "INSERT INTO patterns (\(columns)) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        typealias Row = PostgresRow
        let pattern: Pattern
        func makeBindings() -> PostgresBindings { var b = PostgresBindings(capacity: 15); PostgresNIOBaseline.bind(pattern, into: &b); return b }
        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    struct Update: PostgresPreparedStatement {
        static let sql = "UPDATE patterns SET name = $2, description = $3, pattern_type = $4, trigger_conditions = $5::text::jsonb, actions = $6::text::jsonb, frequency_count = $7, last_seen = $8, trust_tier = $9, is_active = $10, suspension_reason = $11, total_executions = $12, correct_executions = $13, created_at = $14, updated_at = $15 WHERE id = $1 RETURNING 1"
        typealias Row = PostgresRow
        let pattern: Pattern
        func makeBindings() -> PostgresBindings { var b = PostgresBindings(capacity: 15); PostgresNIOBaseline.bind(pattern, into: &b); return b }
        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    struct SelectAll: PostgresPreparedStatement {
        static let sql = "SELECT id, name, description, pattern_type, trigger_conditions::text, actions::text, frequency_count, last_seen, trust_tier, is_active, suspension_reason, total_executions, correct_executions, created_at, updated_at FROM patterns"
        typealias Row = Pattern
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> Pattern { try PostgresNIOBaseline.decode(row) }
    }

    struct Find: PostgresPreparedStatement {
        static let sql = SelectAll.sql + " WHERE id = $1"
        typealias Row = Pattern
        let id: UUID
        func makeBindings() -> PostgresBindings { var b = PostgresBindings(capacity: 1); b.append(id); return b }
        func decodeRow(_ row: PostgresRow) throws -> Pattern { try PostgresNIOBaseline.decode(row) }
    }

    struct ListTop: PostgresPreparedStatement {
        static let sql = SelectAll.sql + " WHERE is_active = $1 AND trust_tier = $2 ORDER BY frequency_count DESC LIMIT $3"
        typealias Row = Pattern
        func makeBindings() -> PostgresBindings { var b = PostgresBindings(capacity: 3); b.append(true); b.append("suggest"); b.append(Int64(100)); return b }
        func decodeRow(_ row: PostgresRow) throws -> Pattern { try PostgresNIOBaseline.decode(row) }
    }

    struct Increment: PostgresPreparedStatement {
        static let sql = "UPDATE patterns SET frequency_count = frequency_count + 1, last_seen = $1, updated_at = $1 WHERE id = $2 RETURNING 1"
        typealias Row = PostgresRow
        let id: UUID
        let now: Date
        func makeBindings() -> PostgresBindings { var b = PostgresBindings(capacity: 2); b.append(now); b.append(id); return b }
        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    struct InsertOccurrence: PostgresPreparedStatement {
        static let sql = "INSERT INTO pattern_occurrences (id, pattern_id, capture_id, context, confidence_score, detected_at) VALUES ($1, $2, NULL, NULL, $3, $4)"
        typealias Row = PostgresRow
        let id: UUID
        let now: Date
        func makeBindings() -> PostgresBindings { var b = PostgresBindings(capacity: 4); b.append(UUID()); b.append(id); b.append(0.5); b.append(now); return b }
        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    /// Reads every row into an array, as an app keeps the rows it asked for (and as Strata
    /// returns them); how many.
    static func drain<S: AsyncSequence>(_ rows: S) async throws -> Int {
        var collected: [S.Element] = []
        for try await row in rows { collected.append(row) }
        return collected.count
    }

    func insertAll(_ patterns: [Pattern]) async throws {
        try await client.withConnection { connection in
            _ = try await Self.drain(try await connection.query("BEGIN", logger: Self.logger))
            for pattern in patterns { _ = try await Self.drain(try await connection.execute(Insert(pattern: pattern), logger: Self.logger)) }
            _ = try await Self.drain(try await connection.query("COMMIT", logger: Self.logger))
        }
    }

    func fetchAll() async throws -> Int {
        try await Self.drain(try await client.execute(SelectAll(), logger: Self.logger))
    }

    func fetchByKey(_ ids: [UUID]) async throws -> Int {
        var found = 0
        for id in ids { found += try await Self.drain(try await client.execute(Find(id: id), logger: Self.logger)) }
        return found
    }

    func update(_ patterns: [Pattern]) async throws {
        for var pattern in patterns {
            pattern.updatedAt = Date()
            // A row must have been updated, as the C baseline checks `sqlite3_changes` and Strata
            // its `RETURNING 1` row (PostgresNIO cannot read a prepared statement's command tag).
            guard try await Self.drain(try await client.execute(Update(pattern: pattern), logger: Self.logger)) == 1 else { throw BenchmarkError("not found") }
        }
    }

    func listTop(_ count: Int) async throws -> Int {
        var rows = 0
        for _ in 0..<count { rows += try await Self.drain(try await client.execute(ListTop(), logger: Self.logger)) }
        return rows
    }

    func recordOccurrences(_ ids: [UUID]) async throws {
        for id in ids {
            try await client.withConnection { connection in
                let now = Date()
                _ = try await Self.drain(try await connection.query("BEGIN", logger: Self.logger))
                guard try await Self.drain(try await connection.execute(Increment(id: id, now: now), logger: Self.logger)) == 1 else {
                    _ = try await Self.drain(try await connection.query("ROLLBACK", logger: Self.logger))
                    throw BenchmarkError("not found")
                }
                _ = try await Self.drain(try await connection.execute(InsertOccurrence(id: id, now: now), logger: Self.logger))
                _ = try await Self.drain(try await connection.query("COMMIT", logger: Self.logger))
            }
        }
    }

    func close() async throws {
        runTask.cancel()
        await runTask.value
    }
}
