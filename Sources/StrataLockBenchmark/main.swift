// Release-mode benchmark of migrations on a PostgreSQL table that is being written (not a test):
//
//     swift run -c release StrataLockBenchmark [--rows 1000000] [--writers 8] [--runs 1]
//
// Starts a throwaway PostgreSQL cluster on 127.0.0.1, migrates the workflow store to head, fills
// `captures` with ROWS rows, and keeps WRITERS tasks inserting and updating captures through the
// repository for the whole run. Then applies in turn an index, a unique index, a foreign key, a
// CHECK, a NOT NULL on an existing column and an enum value addition, each with the lock-aware
// plan and with plain DDL in the same run (the other plan's order alternates between runs; the
// migration is undone in between). For each it reports the migration's duration and, for the
// writes that overlapped it, the longest one (the writers' longest stall), the p99 and the count.
import Foundation
import JarvisModels
import StrataPostgres
import StrataRuntime
import StrataSchema
import StrataTestSupport

/// A line on standard output, written at once (not buffered when redirected to a file).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

var rows = 1_000_000, writerCount = 8, runs = 1
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--rows": rows = Int(arguments.next() ?? "") ?? rows
    case "--writers": writerCount = Int(arguments.next() ?? "") ?? writerCount
    case "--runs": runs = Int(arguments.next() ?? "") ?? runs
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument); use --rows N, --writers N, --runs N\n".utf8))
        exit(2)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// One write: when it started and ended.
struct Write { var start: ContinuousClock.Instant; var end: ContinuousClock.Instant }

/// A writer inserting a capture, then updating the one it inserted before, until stopped.
actor Writer {
    let captures: Repository<Capture>
    let number: Int
    var writes: [Write] = []
    var failures = 0
    var stopped = false

    init(_ db: PostgreSQLDatabase, number: Int) {
        captures = db.repository(Capture.self)
        self.number = number
    }

    func stop() { stopped = true }

    func run() async {
        var previous: UUID?
        var count = 0
        while !stopped {
            count += 1
            let start = ContinuousClock.now
            do {
                let capture = Capture(filepath: "/w/\(number)/\(count)", timestamp: Date(), width: 1920, height: 1080, fileSize: Int64(count), ocrText: "w")
                _ = try await captures.insert(capture)
                writes.append(Write(start: start, end: .now))
                if let previous {
                    let updateStart = ContinuousClock.now
                    try await captures.update(previous, set: [.set(\.fileSize, Int64(count + 1))])
                    writes.append(Write(start: updateStart, end: .now))
                }
                previous = capture.id
            } catch {
                failures += 1
            }
        }
    }
}

/// The schema after the operation, from the schema before it.
struct Operation {
    var name: String
    var change: (inout Schema) -> Void
}

let operations: [Operation] = [
    Operation(name: "index") { $0.tables[$0.tables.firstIndex { $0.name == "captures" }!].indexes.append(Index(name: "ix_captures_file_size", columns: ["file_size"])) },
    Operation(name: "unique index") { $0.tables[$0.tables.firstIndex { $0.name == "captures" }!].indexes.append(Index(name: "ux_captures_filepath", columns: ["filepath"], isUnique: true)) },
    Operation(name: "foreign key") {
        $0.tables[$0.tables.firstIndex { $0.name == "captures" }!].foreignKeys.append(
            ForeignKey(name: "fk_captures_owner_id_owners", columns: ["owner_id"], referencedTable: "owners", referencedColumns: ["id"]))
    },
    Operation(name: "check") { $0.tables[$0.tables.firstIndex { $0.name == "captures" }!].checkConstraints.append(CheckConstraint(name: "ck_captures_area", expression: "width * height > 0")) },
    Operation(name: "not null") {
        let table = $0.tables.firstIndex { $0.name == "captures" }!
        let column = $0.tables[table].columns.firstIndex { $0.name == "ocr_text" }!
        $0.tables[table].columns[column].isNullable = false
    },
    Operation(name: "enum value") { $0.enums[$0.enums.firstIndex { $0.name == "processing_status" }!].values.append("archived") },
]

/// The workflow store's history, then a setup migration (an `owners` table and a nullable
/// `captures.owner_id` for the foreign key), then one migration per operation.
@MainActor func history() throws -> MigrationHistory {
    let base = GeneratedSchema.migrations
    var migrations = base.migrations
    var schema = try base.states().last!
    func append(_ id: String, _ change: (inout Schema) -> Void) throws {
        var next = schema
        change(&next)
        let operations = try SchemaDiff(from: schema, to: next).operations
        migrations.append(Migration(id: id, parent: migrations.last?.id, message: id, upgrade: operations, downgrade: operations.reversed().map(\.reversed), checksum: id))
        schema = next
    }
    try append("0100_setup") {
        $0.tables.append(Table(name: "owners", columns: [Column(name: "id", type: .int)], primaryKey: PrimaryKey(name: "pk_owners", columns: ["id"])))
        $0.tables[$0.tables.firstIndex { $0.name == "captures" }!].columns.append(Column(name: "owner_id", type: .int, isNullable: true))
    }
    for (index, operation) in operations.enumerated() {
        try append(String(format: "%04d_", 101 + index) + operation.name.replacingOccurrences(of: " ", with: "_"), operation.change)
    }
    return try MigrationHistory(migrations)
}

struct Measurement {
    var duration: Double
    var longestStall: Double
    var p99: Double
    var writes: Int
}

func measurement(_ writes: [Write], from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Measurement {
    let overlapping = writes.filter { $0.start < end && $0.end > start }.map { milliseconds($0.end - $0.start) }.sorted()
    let p99 = overlapping.isEmpty ? 0 : overlapping[min(overlapping.count - 1, Int(Double(overlapping.count) * 0.99))]
    return Measurement(duration: milliseconds(end - start), longestStall: overlapping.last ?? 0, p99: p99, writes: overlapping.count)
}

let server = try await PostgresTestServer.shared()
let url = try server.createDatabase()
let fullHistory = try history()
let setupPosition = fullHistory.position(of: "0100_setup")!
let connection = try await PostgresMigrationConnection(url: try DatabaseURL(url))
let lockAware = MigrationRunner(history: fullHistory)
let plain = MigrationRunner(history: fullHistory, options: MigrationOptions(locking: .plain))
try await lockAware.upgrade(to: .id("0100_setup"), on: connection)
say("Filling captures with \(rows) rows…")
let fillStart = ContinuousClock.now
_ = try server.run("""
    INSERT INTO owners (id) VALUES (1);
    INSERT INTO captures (id, filepath, timestamp, width, height, file_size, ocr_text, owner_id)
    SELECT gen_random_uuid(), '/c/' || g, now(), 1920, 1080, g, 'text', 1 FROM generate_series(1, \(rows)) g;
    VACUUM ANALYZE captures;
    """, database: url)
say("  \(Int(milliseconds(.now - fillStart))) ms")

let db = try await PostgreSQLDatabase(url: try DatabaseURL(url), maximumConnections: writerCount)
let writers = (0..<writerCount).map { Writer(db, number: $0) }
let tasks = writers.map { writer in Task { await writer.run() } }
try await Task.sleep(for: .seconds(2))

var results: [(String, String, Measurement)] = []
for run in 0..<runs {
    // Each run starts from the setup migration (undone lock-aware, not measured).
    if run > 0 { try await lockAware.downgrade(to: .id("0100_setup"), on: connection) }
    for (index, operation) in operations.enumerated() {
        let id = fullHistory.migrations[setupPosition + 1 + index].id
        let order: [(String, MigrationRunner)] = (run + index) % 2 == 0 ? [("lock-aware", lockAware), ("plain", plain)] : [("plain", plain), ("lock-aware", lockAware)]
        for (position, (plan, runner)) in order.enumerated() {
            if position == 1 { try await lockAware.downgrade(to: .relative(-1), on: connection) }
            try await Task.sleep(for: .seconds(1))
            let start = ContinuousClock.now
            try await runner.upgrade(to: .id(id), on: connection)
            let end = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(500))
            var writes: [Write] = []
            for writer in writers { writes += await writer.writes }
            let result = measurement(writes, from: start, to: end)
            results.append((operation.name, plan, result))
            let label = "run \(run + 1)  \(operation.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(plan.padding(toLength: 10, withPad: " ", startingAt: 0))"
            say(label + String(format: " migration %8.0f ms   longest stall %7.1f ms   p99 %6.1f ms   %6d writes", result.duration, result.longestStall, result.p99, result.writes))
        }
    }
}
for writer in writers { await writer.stop() }
for task in tasks { await task.value }
var failures = 0
for writer in writers { failures += await writer.failures }
say("writer failures: \(failures)")
try await db.close()
await connection.close()
