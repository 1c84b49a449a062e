import Foundation
import Workflow

/// One way of doing the benchmark's work: hand-written C API / PostgresNIO code, GRDB records, or Strata.
protocol Workload {
    var name: String { get }
    /// Inserts every pattern in one transaction.
    func insertAll(_ patterns: [Pattern]) async throws
    /// Reads every pattern; how many.
    func fetchAll() async throws -> Int
    /// One fetch by primary key per id; how many were found.
    func fetchByKey(_ ids: [UUID]) async throws -> Int
    /// One whole-row update per pattern (setting `updated_at`).
    func update(_ patterns: [Pattern]) async throws
    /// `count` times: active patterns of tier suggest, most frequent first, limit 100; rows read.
    func listTop(_ count: Int) async throws -> Int
    /// One occurrence per id: insert it and increment the pattern's frequency, in one transaction.
    func recordOccurrences(_ ids: [UUID]) async throws
    func close() async throws
}

/// The patterns every workload inserts: the same values for each.
func benchmarkPatterns(_ count: Int, from start: Int = 0) -> [Pattern] {
    let tiers: [TrustTier] = [.observe, .suggest, .auto]
    let types = PatternType.allCases
    let base = Date(timeIntervalSince1970: 1_750_000_000)
    return (start..<start + count).map { index in
        Pattern(
            name: "pattern \(index)", description: index % 4 == 0 ? nil : "Pattern number \(index)",
            patternType: types[index % types.count],
            triggerConditions: ["app": "Mail", "hour": .int(Int64(index % 24))], actions: [["step": 1], ["open": "inbox"]],
            frequencyCount: Int64(index % 5_000), lastSeen: base.addingTimeInterval(Double(index)),
            trustTier: tiers[index % 3], isActive: index % 10 != 0, createdAt: base, updatedAt: base
        )
    }
}

/// Milliseconds of each phase, per workload.
struct PhaseTimes {
    var values: [String: [Double]] = [:]
    mutating func add(_ phase: String, _ milliseconds: Double) { values[phase, default: []].append(milliseconds) }
    func best(_ phase: String) -> Double { (values[phase] ?? []).min() ?? .nan }

    func median(_ phase: String) -> Double {
        let sorted = (values[phase] ?? []).sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}

let phases = ["insert", "fetch all", "fetch by key", "update", "list top 100", "record occurrence"]

func measure(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// Runs every phase once on `workload`, checking the answers.
func run(_ workload: any Workload, patterns: [Pattern], keys: [UUID], updates: [Pattern], lists: Int, occurrences: [UUID], into times: inout PhaseTimes) async throws {
    times.add("insert", try await measure { try await workload.insertAll(patterns) })
    var fetched = 0
    times.add("fetch all", try await measure { fetched = try await workload.fetchAll() })
    precondition(fetched == patterns.count, "\(workload.name): fetched \(fetched)")
    times.add("fetch by key", try await measure { fetched = try await workload.fetchByKey(keys) })
    precondition(fetched == keys.count, "\(workload.name): found \(fetched)")
    times.add("update", try await measure { try await workload.update(updates) })
    times.add("list top 100", try await measure { fetched = try await workload.listTop(lists) })
    precondition(fetched == lists * 100, "\(workload.name): listed \(fetched)")
    times.add("record occurrence", try await measure { try await workload.recordOccurrences(occurrences) })
}
