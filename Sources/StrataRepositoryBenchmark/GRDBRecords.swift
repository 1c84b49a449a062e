import Foundation
import GRDB
import Workflow

// GRDB's own records for the generated models, through their `Codable` conformance.
extension Pattern: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "patterns"
    public static func databaseUUIDEncodingStrategy(for column: String) -> DatabaseUUIDEncodingStrategy { .lowercaseString }
}

extension PatternOccurrence: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "pattern_occurrences"
    public static func databaseUUIDEncodingStrategy(for column: String) -> DatabaseUUIDEncodingStrategy { .lowercaseString }
}

/// GRDB `Codable` records on a `DatabasePool`, each call its own read or write, as GRDB apps do.
final class GRDBRecordsWorkload: Workload {
    let name = "GRDB Codable records"
    let pool: DatabasePool

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    func insertAll(_ patterns: [Pattern]) async throws {
        try await pool.write { db in for pattern in patterns { try pattern.insert(db) } }
    }

    func fetchAll() async throws -> Int {
        try await pool.read { db in try Pattern.fetchAll(db).count }
    }

    func fetchByKey(_ ids: [UUID]) async throws -> Int {
        var found = 0
        for id in ids {
            if try await pool.read({ db in try Pattern.fetchOne(db, key: ["id": id.uuidString.lowercased()]) }) != nil { found += 1 }
        }
        return found
    }

    func update(_ patterns: [Pattern]) async throws {
        for var pattern in patterns {
            pattern.updatedAt = Date()
            try await pool.write { [pattern] db in try pattern.update(db) }
        }
    }

    func listTop(_ count: Int) async throws -> Int {
        var rows = 0
        for _ in 0..<count {
            rows += try await pool.read { db in
                try Pattern.filter(Column("is_active") == true && Column("trust_tier") == TrustTier.suggest.rawValue)
                    .order(Column("frequency_count").desc).limit(100).fetchAll(db).count
            }
        }
        return rows
    }

    func recordOccurrences(_ ids: [UUID]) async throws {
        for id in ids {
            try await pool.write { db in
                let now = Date()
                try db.execute(
                    sql: "UPDATE patterns SET frequency_count = frequency_count + 1, last_seen = ?, updated_at = ? WHERE id = ?",
                    arguments: [now, now, id.uuidString.lowercased()]
                )
                try PatternOccurrence(patternID: id, detectedAt: now).insert(db)
            }
        }
    }

    func close() async throws { try pool.close() }
}
