// Release-mode benchmark of `strata pull` (issue 9's target: 1,000 tables under 2 s, near-linear
// growth to 5,000):
//
//     swift run -c release StrataPullBenchmark [--tables 1000,2000,5000] [--runs 3] [--dialects sqlite,postgres]
//
// For each size, a database of N tables (10 columns, 2 indexes and 1 foreign key each) is created
// from a schema written for it; the pull (catalog queries, reading the rows into the IR, rendering
// schema.yaml) is then timed, the median of several runs reported. PostgreSQL is a throwaway
// cluster this program starts on 127.0.0.1, as the test suite does.
import Foundation
import StrataGenerator
import StrataPostgres
import StrataRuntime
import StrataSQLite
import StrataSchema
import StrataTestSupport

var sizes = [1_000, 2_000, 5_000], runs = 3, dialects = ["sqlite", "postgres"]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--tables": sizes = arguments.next()!.split(separator: ",").map { Int($0)! }
    case "--runs": runs = Int(arguments.next()!)!
    case "--dialects": dialects = arguments.next()!.split(separator: ",").map(String.init)
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

/// N tables of 10 columns, 2 indexes (one composite) and a foreign key to the previous table.
func schema(tables: Int) throws -> Schema {
    var yaml = "version: 1\nswift: {module: Bench}\ntables:\n"
    for index in 0..<tables {
        yaml += """
              table_\(index):
                columns:
                  id: {type: uuid, primary_key: true, default: uuid}
                  name: {type: string, max_length: 100, index: true}
                  amount: {type: int, default: 0, check: "amount >= 0"}
                  ratio: {type: double, nullable: true}
                  active: {type: bool, default: true}
                  note: {type: text, nullable: true}
                  payload: {type: json, nullable: true}
                  created_at: {type: timestamp, default: now}
                  day: {type: date, nullable: true}
                  parent_id: {type: uuid, nullable: true\(index > 0 ? ", references: table_\(index - 1).id" : "")}
                indexes:
                  - [active, amount]

            """
    }
    return try GeneratorPipeline.validate(source: yaml, fileName: "bench.yaml").schema
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func pullSeconds(_ connection: any MigrationConnection, tables: Int, runs: Int) async throws -> [Double] {
    var times: [Double] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        let introspected = try await connection.introspect()
        let file = SchemaFileWriter.render(introspected, module: "Bench")
        times.append(seconds(clock.now - start))
        precondition(introspected.schema.tables.count == tables && introspected.warnings.isEmpty && !file.isEmpty, "the pull read every table")
    }
    return times.sorted()
}

/// A line of the report, written at once (a crash later must not lose it in a buffer).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

var postgres: PostgresTestServer?
emit("| dialect | tables | pull median (s) | runs (s) | per table (ms) |")
emit("|---|---|---|---|---|")
for dialect in dialects {
    for size in sizes {
        let schema = try schema(tables: size)
        let connection: any MigrationConnection
        var cleanup: () -> Void = {}
        if dialect == "sqlite" {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-pull-\(UUID().uuidString).sqlite").path
            let direct = try SQLiteDirectConnection(path: path)
            try direct.execute(SQLiteDialect().createScript(for: schema, header: "-- bench"))
            connection = try SQLiteMigrationConnection(path: path)
            cleanup = { try? FileManager.default.removeItem(atPath: path) }
        } else {
            if postgres == nil { postgres = try await PostgresTestServer.shared() }
            let url = try postgres!.createDatabase()
            // Statement by statement (autocommit): one transaction creating thousands of tables
            // would run out of lock slots (max_locks_per_transaction).
            let dialect = PostgreSQLDialect()
            _ = try postgres!.run(dialect.createSQL(for: schema).joined(separator: "\n"), database: url)
            connection = try await PostgresMigrationConnection(url: try DatabaseURL(url))
        }
        let times = try await pullSeconds(connection, tables: size, runs: runs)
        await connection.close()
        cleanup()
        let median = times[times.count / 2]
        emit("| \(dialect) | \(size) | \(String(format: "%.2f", median)) | \(times.map { String(format: "%.2f", $0) }.joined(separator: ", ")) | \(String(format: "%.2f", median * 1000 / Double(size))) |")
    }
}
