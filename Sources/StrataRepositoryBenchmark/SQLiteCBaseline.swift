import Foundation
import GRDBSQLite
import StrataSQLite
import Workflow

/// The practical limit: the same work written directly on the SQLite C API, with prepared
/// statements kept for the whole run and the same text forms of dates, UUIDs and JSON as Strata.
final class SQLiteCBaseline: Workload {
    let name = "SQLite C API"
    var db: OpaquePointer?
    var statements: [String: OpaquePointer] = [:]
    static let columns = "id, name, description, pattern_type, trigger_conditions, actions, frequency_count, last_seen, trust_tier, is_active, suspension_reason, total_executions, correct_executions, created_at, updated_at"

    init(path: String) throws {
        // One thread uses the connection, so it is opened without SQLite's per-connection mutex,
        // as GRDB (and so Strata) opens its connections; the serialized default would add a
        // lock and unlock to every call (7 % of a primary-key fetch in perf) that Strata does not pay.
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else { throw BenchmarkError("cannot open \(path)") }
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
    }

    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchmarkError(String(cString: sqlite3_errmsg(db))) }
    }

    func statement(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK, let statement else {
            throw BenchmarkError(String(cString: sqlite3_errmsg(db)))
        }
        statements[sql] = statement
        return statement
    }

    func step(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw BenchmarkError(String(cString: sqlite3_errmsg(db))) }
    }

    // Binding and reading by hand.
    func bindText(_ statement: OpaquePointer, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { sqlite3_bind_text(statement, index, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), Int32($0.count), transient) }
    }
    func bindText(_ statement: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        sqlite3_bind_text(statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
    }
    func bindUUID(_ statement: OpaquePointer, _ index: Int32, _ uuid: UUID) { UUIDText.withText(uuid) { bindText(statement, index, $0) } }
    func bindDate(_ statement: OpaquePointer, _ index: Int32, _ date: Date?) {
        guard let date else { sqlite3_bind_null(statement, index); return }
        CivilTime.withText(date, dayOnly: false) { bindText(statement, index, $0) }
    }
    func bindOptionalText(_ statement: OpaquePointer, _ index: Int32, _ text: String?) {
        if let text { bindText(statement, index, text) } else { sqlite3_bind_null(statement, index) }
    }

    func bindPattern(_ statement: OpaquePointer, _ pattern: Pattern) {
        bindUUID(statement, 1, pattern.id)
        bindText(statement, 2, pattern.name)
        bindOptionalText(statement, 3, pattern.description)
        bindText(statement, 4, pattern.patternType.rawValue)
        bindText(statement, 5, pattern.triggerConditions.jsonText)
        bindText(statement, 6, pattern.actions.jsonText)
        sqlite3_bind_int64(statement, 7, pattern.frequencyCount)
        bindDate(statement, 8, pattern.lastSeen)
        bindText(statement, 9, pattern.trustTier.rawValue)
        sqlite3_bind_int64(statement, 10, pattern.isActive ? 1 : 0)
        bindOptionalText(statement, 11, pattern.suspensionReason)
        sqlite3_bind_int64(statement, 12, pattern.totalExecutions)
        sqlite3_bind_int64(statement, 13, pattern.correctExecutions)
        bindDate(statement, 14, pattern.createdAt)
        bindDate(statement, 15, pattern.updatedAt)
    }

    func bytes(_ statement: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: sqlite3_column_text(statement, column), count: Int(sqlite3_column_bytes(statement, column)))
    }
    func text(_ statement: OpaquePointer, _ column: Int32) -> String { String(decoding: bytes(statement, column), as: UTF8.self) }
    func optionalText(_ statement: OpaquePointer, _ column: Int32) -> String? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : text(statement, column)
    }
    func date(_ statement: OpaquePointer, _ column: Int32) -> Date? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : CivilTime.date(from: bytes(statement, column))
    }

    func readPattern(_ statement: OpaquePointer) throws -> Pattern {
        guard let id = UUIDText.uuid(from: bytes(statement, 0)), let type = PatternType(rawValue: text(statement, 3)),
              let tier = TrustTier(rawValue: text(statement, 8)), let created = date(statement, 13), let updated = date(statement, 14)
        else { throw BenchmarkError("bad row") }
        return Pattern(
            id: id, name: text(statement, 1), description: optionalText(statement, 2), patternType: type,
            triggerConditions: try JSONValue(jsonBytes: bytes(statement, 4)), actions: try JSONValue(jsonBytes: bytes(statement, 5)),
            frequencyCount: sqlite3_column_int64(statement, 6), lastSeen: date(statement, 7), trustTier: tier,
            isActive: sqlite3_column_int64(statement, 9) != 0, suspensionReason: optionalText(statement, 10),
            totalExecutions: sqlite3_column_int64(statement, 11), correctExecutions: sqlite3_column_int64(statement, 12),
            createdAt: created, updatedAt: updated
        )
    }

    func readAll(_ statement: OpaquePointer) throws -> [Pattern] {
        var patterns: [Pattern] = []
        while sqlite3_step(statement) == SQLITE_ROW { patterns.append(try readPattern(statement)) }
        sqlite3_reset(statement)
        return patterns
    }

    func insertAll(_ patterns: [Pattern]) async throws {
        let insert = try statement("INSERT INTO patterns (\(Self.columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
        try exec("BEGIN IMMEDIATE")
        for pattern in patterns {
            bindPattern(insert, pattern)
            try step(insert)
        }
        try exec("COMMIT")
    }

    func fetchAll() async throws -> Int {
        try readAll(try statement("SELECT \(Self.columns) FROM patterns")).count
    }

    func fetchByKey(_ ids: [UUID]) async throws -> Int {
        let find = try statement("SELECT \(Self.columns) FROM patterns WHERE id = ?1")
        var found = 0
        for id in ids {
            bindUUID(find, 1, id)
            found += try readAll(find).count
        }
        return found
    }

    func update(_ patterns: [Pattern]) async throws {
        let update = try statement("UPDATE patterns SET name = ?2, description = ?3, pattern_type = ?4, trigger_conditions = ?5, actions = ?6, frequency_count = ?7, last_seen = ?8, trust_tier = ?9, is_active = ?10, suspension_reason = ?11, total_executions = ?12, correct_executions = ?13, created_at = ?14, updated_at = ?15 WHERE id = ?1")
        for var pattern in patterns {
            pattern.updatedAt = Date()
            bindPattern(update, pattern)
            try step(update)
            guard sqlite3_changes(db) == 1 else { throw BenchmarkError("not found") }
        }
    }

    func listTop(_ count: Int) async throws -> Int {
        let list = try statement("SELECT \(Self.columns) FROM patterns WHERE is_active = ?1 AND trust_tier = ?2 ORDER BY frequency_count DESC LIMIT ?3")
        var rows = 0
        for _ in 0..<count {
            sqlite3_bind_int64(list, 1, 1)
            bindText(list, 2, TrustTier.suggest.rawValue)
            sqlite3_bind_int64(list, 3, 100)
            rows += try readAll(list).count
        }
        return rows
    }

    func recordOccurrences(_ ids: [UUID]) async throws {
        let increment = try statement("UPDATE patterns SET frequency_count = frequency_count + 1, last_seen = ?1, updated_at = ?2 WHERE id = ?3")
        let insert = try statement("INSERT INTO pattern_occurrences (id, pattern_id, capture_id, context, confidence_score, detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for id in ids {
            let now = Date()
            try exec("BEGIN IMMEDIATE")
            // The occurrence first, as Strata and the in-transaction baseline order it.
            bindUUID(insert, 1, UUID())
            bindUUID(insert, 2, id)
            sqlite3_bind_null(insert, 3)
            sqlite3_bind_null(insert, 4)
            sqlite3_bind_double(insert, 5, 0.5)
            bindDate(insert, 6, now)
            try step(insert)
            bindDate(increment, 1, now)
            bindDate(increment, 2, now)
            bindUUID(increment, 3, id)
            try step(increment)
            guard sqlite3_changes(db) == 1 else { try exec("ROLLBACK"); throw BenchmarkError("not found") }
            try exec("COMMIT")
        }
    }

    func close() async throws {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(db)
    }
}

let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
