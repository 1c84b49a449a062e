// Release-mode benchmark of migrations:
//
//     swift run -c release StrataMigrationBenchmark [--rows 1000000] [--tables 1000] [--migrations 100]
//
// 1. autogenerate for N tables with 10% of them changed (replay the history, validate schema.yaml, diff);
// 2. a SQLite table rebuild of R rows (one column's type changes) by the runner, against the same
//    rebuild written by hand in SQL, in the same run, on the same data;
// 3. the runner applying M small migrations (per-migration overhead).
import Foundation
import StrataGenerator
import StrataRuntime
import StrataSQLite
import StrataSchema

var rows = 1_000_000, tableCount = 1_000, migrationCount = 100
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--rows": rows = Int(arguments.next()!)!
    case "--tables": tableCount = Int(arguments.next()!)!
    case "--migrations": migrationCount = Int(arguments.next()!)!
    default: fatalError("unknown argument \(argument)")
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    var result: T?
    let duration = try clock.measure { result = try body() }
    return (result!, milliseconds(duration))
}

func measureAsync<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, milliseconds(clock.now - start))
}

func schemaYAML(tables: Int, changed: Set<Int>) -> String {
    var yaml = "version: 1\nswift: {module: Bench}\ntables:\n"
    for index in 0..<tables {
        yaml += "  table_\(index):\n    columns:\n      id: {type: int, primary_key: true}\n      name: {type: string, max_length: 100, index: true}\n"
        yaml += "      amount: {type: int, default: \(changed.contains(index) ? 1 : 0)}\n      note: {type: text, nullable: true}\n"
        if index > 0 { yaml += "      parent_id: {type: int, nullable: true, references: table_\(index - 1).id}\n" }
        if changed.contains(index) { yaml += "      added: {type: text, nullable: true}\n" }
    }
    return yaml
}

func temporaryPath(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-\(name)-\(UUID().uuidString).sqlite").path
    return path
}

// MARK: 1. Autogenerate

do {
    let base = try GeneratorPipeline.validate(source: schemaYAML(tables: tableCount, changed: [])).schema
    let operations = try SchemaDiff(from: Schema(), to: base).operations
    let first = Migration(id: "0001_base", parent: nil, message: "base", upgrade: operations, downgrade: operations.reversed().map(\.reversed))
    let firstFile = MigrationFileWriter.render(first)
    let changed = Set(stride(from: 0, to: tableCount, by: 10))
    let edited = schemaYAML(tables: tableCount, changed: changed)
    let (history, readMs) = try measure { try MigrationFiles.history([MigrationFileSource(path: "0001_base.yaml", text: firstFile)]) }
    let (head, replayMs) = try measure { try history.schema(at: history.head) }
    let (target, validateMs) = try measure { try GeneratorPipeline.validate(source: edited).schema }
    let (diff, diffMs) = try measure { try SchemaDiff(from: head, to: target) }
    let (text, writeMs) = measure { MigrationFileWriter.render(Migration(id: "0002", parent: "0001_base", message: "m", upgrade: diff.operations, downgrade: diff.operations.reversed().map(\.reversed))) }
    print("autogenerate, \(tableCount) tables, \(changed.count) changed (\(diff.operations.count) operations, \(text.utf8.count / 1024) KB file):")
    print(String(format: "  read migration file %.1f ms, replay %.1f ms, validate schema.yaml %.1f ms, diff %.1f ms, write %.1f ms; total %.1f ms",
                 readMs, replayMs, validateMs, diffMs, writeMs, readMs + replayMs + validateMs + diffMs + writeMs))
}

// MARK: 2. SQLite rebuild: the runner against hand-written SQL

func seedRebuildDatabase(_ path: String, rows: Int) throws {
    let connection = try SQLiteDirectConnection(path: path)
    try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
    try connection.execute("""
        CREATE TABLE "items" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, "amount" TEXT NOT NULL,
            CONSTRAINT "pk_items" PRIMARY KEY ("id")) STRICT;
        CREATE INDEX "ix_items_name" ON "items" ("name");
        """)
    try connection.execute("BEGIN")
    try connection.execute("""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
        INSERT INTO "items" ("id", "name", "amount") SELECT i, 'item ' || i, CAST(i % 1000 AS TEXT) FROM n;
        """)
    try connection.execute("COMMIT")
}

do {
    let before = try GeneratorPipeline.validate(source: "version: 1\nswift: {module: B}\ntables:\n  items:\n    columns:\n      id: {type: int, primary_key: true}\n      name: {type: text, index: true}\n      amount: {type: string}\n").schema
    let after = try GeneratorPipeline.validate(source: "version: 1\nswift: {module: B}\ntables:\n  items:\n    columns:\n      id: {type: int, primary_key: true}\n      name: {type: text, index: true}\n      amount: {type: int}\n").schema
    let create = try SchemaDiff(from: Schema(), to: before).operations
    let change = try SchemaDiff(from: before, to: after).operations
    let history = try MigrationHistory([
        Migration(id: "0001", parent: nil, message: "items", upgrade: create, downgrade: create.reversed().map(\.reversed), checksum: "a"),
        Migration(id: "0002", parent: "0001", message: "amount becomes int", upgrade: change, downgrade: change.reversed().map(\.reversed), checksum: "b"),
    ])
    let handWritten = """
        PRAGMA foreign_keys = OFF;
        BEGIN IMMEDIATE;
        CREATE TABLE "items_new" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, "amount" INTEGER NOT NULL,
            CONSTRAINT "pk_items" PRIMARY KEY ("id")) STRICT;
        INSERT INTO "items_new" ("id", "name", "amount") SELECT "id", "name", CAST("amount" AS INTEGER) FROM "items";
        DROP TABLE "items";
        ALTER TABLE "items_new" RENAME TO "items";
        CREATE INDEX "ix_items_name" ON "items" ("name");
        PRAGMA foreign_key_check;
        COMMIT;
        PRAGMA foreign_keys = ON;
        """
    var strataTimes: [Double] = [], handTimes: [Double] = []
    for round in 0..<3 {
        // Alternate the order so that neither side always runs on a warmer cache.
        for side in (round % 2 == 0 ? ["strata", "hand"] : ["hand", "strata"]) {
            let path = temporaryPath(side)
            try seedRebuildDatabase(path, rows: rows)
            if side == "strata" {
                let connection = try SQLiteMigrationConnection(path: path)
                let runner = MigrationRunner(history: history)
                try await runner.stamp(.id("0001"), on: connection)
                // string → int may lose data, so the upgrade must be allowed to (as a user would).
                let (_, ms) = try await measureAsync { try await runner.upgrade(on: connection, allowDataLoss: true) }
                strataTimes.append(ms)
            } else {
                let connection = try SQLiteDirectConnection(path: path)
                let (_, ms) = try measure { try connection.execute(handWritten) }
                handTimes.append(ms)
            }
            let check = try SQLiteDirectConnection(path: path)
            let converted = try check.query("SELECT typeof(amount), count(*) FROM items GROUP BY 1")
            precondition(converted == [["integer", String(rows)]], "the rebuild converted every row")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
    let strata = strataTimes.sorted()[1], hand = handTimes.sorted()[1]
    print("SQLite rebuild of \(rows) rows (one column's type changes), median of 3:")
    print(String(format: "  strata upgrade %.0f ms, hand-written SQL %.0f ms: %.2fx  (runs: strata %@; hand %@)", strata, hand, strata / hand,
                 strataTimes.map { String(format: "%.0f", $0) }.joined(separator: " "), handTimes.map { String(format: "%.0f", $0) }.joined(separator: " ")))
}

// MARK: 3. Per-migration overhead

do {
    var migrations: [Migration] = []
    var state = try GeneratorPipeline.validate(source: "version: 1\nswift: {module: B}\ntables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n").schema
    let create = try SchemaDiff(from: Schema(), to: state).operations
    migrations.append(Migration(id: "0000", parent: nil, message: "notes", upgrade: create, downgrade: create.reversed().map(\.reversed), checksum: "0"))
    for index in 1..<migrationCount {
        let operation = MigrationOperation.addColumn(table: "notes", column: Column(name: "c\(index)", type: .text, isNullable: true))
        state = try state.applying(operation)
        migrations.append(Migration(id: String(format: "%04d", index), parent: migrations.last!.id, message: "c\(index)", upgrade: [operation], downgrade: [operation.reversed], checksum: "\(index)"))
    }
    let runner = MigrationRunner(history: try MigrationHistory(migrations))
    let path = temporaryPath("overhead")
    let connection = try SQLiteMigrationConnection(path: path)
    let (steps, ms) = try await measureAsync { try await runner.upgrade(on: connection) }
    let (_, downMs) = try await measureAsync { try await runner.downgrade(to: .base, on: connection, allowDataLoss: true) }
    print("runner, \(steps.count) small migrations on a SQLite file (default journal, synchronous FULL):")
    print(String(format: "  upgrade %.0f ms (%.2f ms per migration), downgrade %.0f ms (%.2f ms per migration)", ms, ms / Double(steps.count), downMs, downMs / Double(steps.count)))
    for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
