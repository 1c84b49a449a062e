// Release-mode benchmark of the repository (not a test): the same workload on one SQLite file
// through the C API, GRDB Codable records and Strata, then on PostgreSQL through hand-written
// PostgresNIO prepared statements and Strata, measured in one run.
//
//     swift run -c release StrataRepositoryBenchmark [--rows 100000] [--repetitions 3] [--skip-postgres] [--skip-sqlite]
//         [--mode each-call|in-transaction|both] [--profile <loop>]   (--help lists the loops)
//
// Mode `each-call` makes every call on its own (each write its own transaction); mode
// `in-transaction` makes each operation's calls inside one transaction, as an app's unit of work
// does, where commit costs do not hide the cost of each call.
import Foundation
import StrataPostgres
import StrataSQLite
import StrataSchema
import StrataTestSupport
import Workflow

var options: [String: String] = [:]
var flags: Set<String> = []
var argumentIterator = CommandLine.arguments.dropFirst().makeIterator()
let usage = """
    usage: StrataRepositoryBenchmark [--rows N] [--operations N] [--lists N] [--repetitions N]
        [--mode each-call|in-transaction|both|paired] [--chunks N] [--skip-postgres] [--skip-sqlite]
        [--profile find|find-c|list|list-c|record|find-in-transaction|<op>-tx|<op>-tx-c]   (<op>: find, update-set, update, record, list, insert)

    """
/// Stops with the usage text and exit status 2 after a bad argument (never runs on a guess).
func usageError(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n\(usage)".utf8))
    exit(2)
}
let valueOptions: Set<String> = ["--rows", "--operations", "--lists", "--repetitions", "--mode", "--profile", "--chunks"]
while let argument = argumentIterator.next() {
    if argument == "--help" || argument == "-h" {
        print(usage, terminator: "")
        exit(0)
    } else if argument == "--skip-postgres" || argument == "--skip-sqlite" {
        flags.insert(argument)
    } else if valueOptions.contains(argument) {
        guard let value = argumentIterator.next() else { usageError("\(argument) needs a value") }
        options[argument] = value
    } else {
        usageError("unknown argument '\(ControlCharacters.escaped(argument))'")
    }
}
/// The in-transaction phases a `--profile <phase>-tx` (Strata) or `<phase>-tx-c` (C API) loop runs.
let transactionLoops = ["find", "update-set", "update", "record", "list", "insert"]
let profileNames = Set(["find", "find-c", "list", "list-c", "record", "find-in-transaction"]).union(
    transactionLoops.flatMap { ["\($0)-tx", "\($0)-tx-c"] })
if let profile = options["--profile"], !profileNames.contains(profile) {
    usageError("--profile must be one of \(profileNames.sorted().joined(separator: ", "))")
}
for name in ["--rows", "--operations", "--lists", "--repetitions", "--chunks"] {
    if let text = options[name], (Int(text) ?? 0) < 1 { usageError("\(name) needs a positive whole number") }
}
let rowCount = Int(options["--rows"] ?? "") ?? 100_000
let operationCount = Int(options["--operations"] ?? "") ?? 10_000
let listCount = Int(options["--lists"] ?? "") ?? 1_000
let repetitions = Int(options["--repetitions"] ?? "") ?? 3
let mode = options["--mode"] ?? "both"
guard ["each-call", "in-transaction", "both", "paired"].contains(mode) else { usageError("--mode must be each-call, in-transaction, both or paired") }
let eachCall = mode == "each-call" || mode == "both"
let inTransaction = mode == "in-transaction" || mode == "both"
let paired = mode == "paired"
let chunkCount = Int(options["--chunks"] ?? "") ?? 20

/// A reproducible order of picks.
struct Generator {
    var state: UInt64 = 0x5EED
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

let patterns = benchmarkPatterns(rowCount)
var generator = Generator()
let keys = (0..<operationCount).map { _ in patterns[generator.next(patterns.count)].id }
let updates = (0..<min(operationCount, patterns.count)).map { index -> Pattern in
    var pattern = patterns[index * patterns.count / min(operationCount, patterns.count)]
    pattern.frequencyCount += 1
    pattern.description = "updated"
    return pattern
}
let occurrences = (0..<operationCount).map { _ in patterns[generator.next(patterns.count)].id }

let freshPatterns = benchmarkPatterns(operationCount, from: rowCount)
if paired, operationCount % chunkCount != 0 || operationCount < chunkCount {
    usageError("--operations must be a multiple of --chunks in the paired mode")
}

func report(_ title: String, baseline: String, others: [String], times: [String: PhaseTimes], phases phaseList: [String] = phases) {
    print("\n## \(title): \(rowCount) patterns, \(operationCount) operations, \(listCount) lists, median of \(repetitions) (ratio of medians; ratio of bests in brackets)")
    var header = "| operation | \(baseline) ms |"
    var rule = "|---|---:|"
    for other in others { header += " \(other) ms | ratio |"; rule += "---:|---:|" }
    print(header)
    print(rule)
    for phase in phaseList {
        let base = times[baseline]!.median(phase)
        var line = "| \(phase) | \(String(format: "%.1f", base)) |"
        for other in others {
            let value = times[other]!.median(phase)
            let bestRatio = times[other]!.best(phase) / times[baseline]!.best(phase)
            line += " \(String(format: "%.1f", value)) | \(String(format: "%.2fx (%.2fx)", value / base, bestRatio)) |"
        }
        print(line)
    }
}

func temporaryFile() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-\(UUID().uuidString).sqlite").path
}

/// CPU time of the whole process so far (user and system), which the machine's other load
/// disturbs less than wall time.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

if let mode = options["--profile"] {
    // A loop of one operation for a profiler (`perf record`), not a measurement.
    let path = temporaryFile()
    let db = try SQLiteDatabase(path: path)
    try await db.migrate(GeneratedSchema.migrations)
    try await db.repository(Pattern.self).insert(contentsOf: patterns)
    let repository = db.repository(Pattern.self)
    let clock = ContinuousClock()
    // With STRATA_PERF_CONTROL set, perf samples the loop only, not the set-up above.
    PerfControl.fromEnvironment?.enable()
    let start = clock.now
    let cpuStart = processCPUSeconds()
    /// One in-transaction phase of `workload`, for a profiler.
    @Sendable nonisolated func runOne(_ workload: any InTransactionWorkload, _ phase: String) async throws {
        switch phase {
        case "find": _ = try await workload.find(keys)
        case "update-set": try await workload.updateSet(keys, description: "changed")
        case "update": try await workload.updateWhole(updates)
        case "list": _ = try await workload.listEach(keys.count / 100)
        case "insert": try await workload.insertEach(freshPatterns)
        case "record": try await workload.recordEach(keys)
        default: preconditionFailure("\(phase) is not one of \(transactionLoops)")
        }
    }
    @Sendable nonisolated func loop() async throws {
        switch mode {
        case "find":
            for id in keys { _ = try await repository.find(id) }
        case "find-c":
            let baseline = try SQLiteCBaseline(path: path)
            _ = try await baseline.fetchByKey(keys)
            try await baseline.close()
        case "list":
            let store = PatternRepository(db)
            for _ in 0..<(keys.count / 100) { _ = try await store.listPatterns(trustTier: .suggest, limit: 100) }
        case "list-c":
            let baseline = try SQLiteCBaseline(path: path)
            _ = try await baseline.listTop(keys.count / 100)
            try await baseline.close()
        case _ where mode.hasSuffix("-tx-c"):
            let baseline = try SQLiteCBaseline(path: path)
            try await runOne(baseline, String(mode.dropLast("-tx-c".count)))
            try await baseline.close()
        case _ where mode.hasSuffix("-tx"):
            try await runOne(StrataInTransaction(name: "Strata", db: db), String(mode.dropLast("-tx".count)))
        case "find-in-transaction":
            try await db.transaction { tx in
                let repository = tx.repository(Pattern.self)
                for id in keys { _ = try await repository.find(id) }
            }
        case "record":
            let store = PatternRepository(db)
            for id in occurrences { try await store.recordOccurrence(patternID: id) }
        default:
            preconditionFailure("profile names are checked when the arguments are read")
        }
    }
    try await Task.detached { try await loop() }.value
    PerfControl.fromEnvironment?.disable()
    print("\(mode): \(clock.now - start) for \(keys.count), CPU \(String(format: "%.3f", processCPUSeconds() - cpuStart)) s")
    removeDatabase(path)
    exit(0)
}

if !flags.contains("--skip-sqlite"), eachCall {
    var times: [String: PhaseTimes] = [:]
    let makers: [(String, (String) throws -> any Workload)] = [
        ("SQLite C API", { try SQLiteCBaseline(path: $0) }),
        ("GRDB Codable records", { try GRDBRecordsWorkload(path: $0) }),
        ("Strata", { StrataWorkload(name: "Strata", db: try SQLiteDatabase(path: $0)) }),
    ]
    for repetition in 0..<repetitions {
        for offset in 0..<makers.count {
            let (name, make) = makers[(offset + repetition) % makers.count]
            let path = temporaryFile()
            let setUp = try SQLiteDatabase(path: path)
            try await setUp.migrate(GeneratedSchema.migrations)
            try await setUp.close()
            let workload = try make(path)
            var phaseTimes = times[name] ?? PhaseTimes()
            try await run(workload, patterns: patterns, keys: keys, updates: updates, lists: listCount, occurrences: occurrences, into: &phaseTimes)
            times[name] = phaseTimes
            try await workload.close()
            removeDatabase(path)
            FileHandle.standardError.write(Data("sqlite repetition \(repetition + 1): \(name) done\n".utf8))
        }
    }
    report("SQLite (WAL, synchronous NORMAL)", baseline: "SQLite C API", others: ["GRDB Codable records", "Strata"], times: times)
}

if !flags.contains("--skip-postgres"), eachCall {
    let server = try await PostgresTestServer.shared()
    var times: [String: PhaseTimes] = [:]
    let names = ["PostgresNIO prepared statements", "Strata"]
    for repetition in 0..<repetitions {
        for offset in 0..<names.count {
            let name = names[(offset + repetition) % names.count]
            let url = try DatabaseURL(try server.createDatabase())
            let db = try await PostgreSQLDatabase(url: url)
            try await db.migrate(GeneratedSchema.migrations)
            let workload: any Workload
            if name == "Strata" {
                workload = StrataWorkload(name: name, db: db)
            } else {
                try await db.close()
                guard case .postgres(let host, let port, let user, _, let database) = url else { fatalError() }
                workload = PostgresNIOBaseline(host: host, port: port, user: user, database: database)
            }
            var phaseTimes = times[name] ?? PhaseTimes()
            try await run(workload, patterns: patterns, keys: keys, updates: updates, lists: listCount, occurrences: occurrences, into: &phaseTimes)
            times[name] = phaseTimes
            try await workload.close()
            FileHandle.standardError.write(Data("postgres repetition \(repetition + 1): \(name) done\n".utf8))
        }
    }
    report("PostgreSQL 15 (loopback, pool of 8)", baseline: "PostgresNIO prepared statements", others: ["Strata"], times: times)
}

if !flags.contains("--skip-sqlite"), inTransaction {
    var times: [String: PhaseTimes] = [:]
    let makers: [(String, (String) throws -> any InTransactionWorkload)] = [
        ("SQLite C API", { try SQLiteCBaseline(path: $0) }),
        ("Strata", { StrataInTransaction(name: "Strata", db: try SQLiteDatabase(path: $0)) }),
    ]
    for repetition in 0..<repetitions {
        for offset in 0..<makers.count {
            let (name, make) = makers[(offset + repetition) % makers.count]
            let path = temporaryFile()
            let setUp = try SQLiteDatabase(path: path)
            try await setUp.migrate(GeneratedSchema.migrations)
            try await setUp.repository(Pattern.self).insert(contentsOf: patterns)
            try await setUp.close()
            let workload = try make(path)
            var phaseTimes = times[name] ?? PhaseTimes()
            try await runInTransaction(workload, fresh: freshPatterns, keys: keys, updates: updates, lists: listCount, into: &phaseTimes)
            times[name] = phaseTimes
            if let baseline = workload as? SQLiteCBaseline { try await baseline.close() }
            if let strata = workload as? StrataInTransaction { try await strata.db.close() }
            removeDatabase(path)
            FileHandle.standardError.write(Data("sqlite in-transaction repetition \(repetition + 1): \(name) done\n".utf8))
        }
    }
    report("SQLite, each operation's calls in one transaction", baseline: "SQLite C API", others: ["Strata"], times: times, phases: inTransactionPhases)
}

if !flags.contains("--skip-postgres"), inTransaction {
    let server = try await PostgresTestServer.shared()
    var times: [String: PhaseTimes] = [:]
    let names = ["PostgresNIO prepared statements", "Strata"]
    for repetition in 0..<repetitions {
        for offset in 0..<names.count {
            let name = names[(offset + repetition) % names.count]
            let url = try DatabaseURL(try server.createDatabase())
            let db = try await PostgreSQLDatabase(url: url)
            try await db.migrate(GeneratedSchema.migrations)
            try await db.repository(Pattern.self).insert(contentsOf: patterns)
            var phaseTimes = times[name] ?? PhaseTimes()
            if name == "Strata" {
                try await runInTransaction(StrataInTransaction(name: name, db: db), fresh: freshPatterns, keys: keys, updates: updates, lists: listCount, into: &phaseTimes)
                try await db.close()
            } else {
                try await db.close()
                guard case .postgres(let host, let port, let user, _, let database) = url else { fatalError() }
                let baseline = PostgresNIOBaseline(host: host, port: port, user: user, database: database)
                try await runInTransaction(baseline, fresh: freshPatterns, keys: keys, updates: updates, lists: listCount, into: &phaseTimes)
                try await baseline.close()
            }
            times[name] = phaseTimes
            FileHandle.standardError.write(Data("postgres in-transaction repetition \(repetition + 1): \(name) done\n".utf8))
        }
    }
    report("PostgreSQL 15, each operation's calls in one transaction", baseline: "PostgresNIO prepared statements", others: ["Strata"], times: times, phases: inTransactionPhases)
}

/// The paired mode's new rows: the first half the baseline's, the second Strata's.
let pairedFreshPatterns = paired ? benchmarkPatterns(2 * operationCount, from: rowCount) : []

if !flags.contains("--skip-sqlite"), paired {
    let path = temporaryFile()
    let setUp = try SQLiteDatabase(path: path)
    try await setUp.migrate(GeneratedSchema.migrations)
    try await setUp.repository(Pattern.self).insert(contentsOf: patterns)
    try await setUp.close()
    let baseline = try SQLiteCBaseline(path: path)
    let db = try SQLiteDatabase(path: path)
    let operations = pairedOperations(keys: keys, updates: updates, fresh: pairedFreshPatterns, lists: listCount, chunks: chunkCount)
    // The WAL is checkpointed after every chunk, outside the measured time: with SQLite's
    // automatic checkpoints, whichever side's commit crossed the threshold (1,000 pages) would
    // pay for copying both sides' pages back into the database.
    _ = try await db.execute("PRAGMA wal_autocheckpoint = 0", [SQLValue]())
    try baseline.exec("PRAGMA wal_autocheckpoint = 0")
    let results = try await runPaired(
        baseline: baseline, strata: StrataInTransaction(name: "Strata", db: db), operations: operations, chunks: chunkCount,
        afterChunk: { try baseline.exec("PRAGMA wal_checkpoint(TRUNCATE)") })
    try await baseline.close()
    try await db.close()
    removeDatabase(path)
    reportPaired("SQLite, paired with the C API on one file", baseline: "SQLite C API", results: results, operations: operations.map(\.name), chunks: chunkCount)
}

if !flags.contains("--skip-postgres"), paired {
    let server = try await PostgresTestServer.shared()
    let url = try DatabaseURL(try server.createDatabase())
    let db = try await PostgreSQLDatabase(url: url)
    try await db.migrate(GeneratedSchema.migrations)
    try await db.repository(Pattern.self).insert(contentsOf: patterns)
    guard case .postgres(let host, let port, let user, _, let database) = url else { fatalError("a PostgreSQL URL") }
    let baseline = PostgresNIOBaseline(host: host, port: port, user: user, database: database)
    let operations = pairedOperations(keys: keys, updates: updates, fresh: pairedFreshPatterns, lists: listCount, chunks: chunkCount)
    let results = try await runPaired(baseline: baseline, strata: StrataInTransaction(name: "Strata", db: db), operations: operations, chunks: chunkCount)
    try await baseline.close()
    try await db.close()
    reportPaired("PostgreSQL 15, paired with PostgresNIO on one database", baseline: "PostgresNIO prepared statements", results: results, operations: operations.map(\.name), chunks: chunkCount)
}
