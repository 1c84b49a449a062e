import ArgumentParser
import StrataCommandLine
import Foundation
import StrataGenerator
import StrataRuntime
import StrataSchema

/// `strata upgrade [head | ID | +N] [--sql]`
struct Upgrade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply migrations up to a target.",
        discussion: """
            TARGET is head (default), a migration id, or +N. Concurrent upgrades apply each migration
            once (SQLite BEGIN IMMEDIATE; PostgreSQL an advisory lock held for the run). On SQLite,
            and with --locking plain, each migration is one transaction: a failure changes nothing.

            On PostgreSQL, migrations are lock-aware by default, so a server taking writes does not
            stall: indexes are built CONCURRENTLY, foreign keys and CHECKs are added NOT VALID and
            validated in their own transaction, SET NOT NULL goes behind a validated CHECK. Such a
            migration runs in several steps, each recorded; a run that stops (a failure, a lock it
            could not get, kill -9) continues at the next step when run again. Every statement waits
            at most --lock-timeout for its lock; the step is retried --lock-retries times.
            --sql prints the same plan, each statement labelled with its lock.

            Examples:
              strata upgrade head
              strata upgrade +1 --database postgres://app@localhost/app
              strata upgrade head --sql --dialect postgres > upgrade.sql
              strata upgrade --lock-timeout 5s --lock-retries 10
              strata upgrade head --baseline --database postgres://app@db/app   # an adopted database
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var lockingOptions: LockingOptions

    @Argument(help: "head, a migration id, or +N.")
    var target: String = "head"

    @Flag(help: "Print the SQL instead of running it (no database needed).")
    var sql = false

    @Option(help: "With --sql: the dialect (sqlite or postgres); default: the database URL's.")
    var dialect: String?

    @Option(help: "With --sql: the migration the database is at (default: base).")
    var from: String?

    @Flag(help: "Apply migrations whose upgrade destroys data even if their file does not acknowledge it.")
    var allowDataLoss = false

    @Flag(help: "On a database without a Strata history (one adopted with 'strata pull' and 'strata revision --baseline'), record the first migration as applied without running it, then upgrade.")
    var baseline = false

    func run() async throws {
        let history = try project.loadHistory()
        let runner = MigrationRunner(history: history, options: try lockingOptions.options(project))
        if sql && baseline {
            printError("error: --baseline records the first migration on a database; offline, use 'strata stamp' on the database instead")
            throw ExitCode(2)
        }
        if sql {
            let sqlDialect = try offlineDialect(dialect, database: database, project: project)
            let start = try from.map { try runner.position(of: .id($0), current: -1) } ?? -1
            let end = try runner.position(of: MigrationTarget(target), current: start)
            print(try runner.sql(from: start, to: end, dialect: sqlDialect), terminator: "")
            return
        }
        let (connection, url) = try await database.connect(project)
        try await closing(connection) {
            printOutput("Upgrading \(url) to \(target)")
            do {
                if baseline { try await recordBaseline(runner: runner, history: history, connection: connection, url: url) }
                let steps = try await runner.upgrade(to: MigrationTarget(target), on: connection, allowDataLoss: allowDataLoss) { step in
                    printOutput("  ✔ \(step.id): \(ControlCharacters.escaped(step.message)) (\(step.operations.count) operation\(step.operations.count == 1 ? "" : "s"), \(formatted(step.duration)))")
                    for operation in step.operations { printOutput("      \(ControlCharacters.escaped(operation))") }
                }
                if steps.isEmpty { printOutput("  Nothing to do: already at \(try await runner.current(on: connection) ?? "base").") }
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

extension Upgrade {
    /// `--baseline`: on a database with no Strata history but tables of its own, records the first
    /// migration without running it (as 'strata stamp' does) and lists where the database differs
    /// from it; on a database that has a history, does nothing.
    func recordBaseline(runner: MigrationRunner, history: MigrationHistory, connection: any MigrationConnection, url: DatabaseURL) async throws {
        guard let first = history.migrations.first else { return }
        guard try await runner.appliedWithoutCreating(on: connection).isEmpty else {
            printOutput("  --baseline: \(url) already has a Strata history; nothing recorded")
            return
        }
        guard try await !connection.query(connection.dialect.firstUserTableQuery).isEmpty else {
            throw MigrationError("--baseline: \(url) has no tables, so there is nothing to record as \(first.id); run 'strata upgrade' without --baseline to create them")
        }
        try await runner.stamp(.id(first.id), on: connection)
        printOutput("  ✔ \(first.id): recorded as applied, not run (--baseline)")
        let drift = try await schemaDrift(on: connection, expected: try history.schema(at: first.id))
        if !drift.isEmpty {
            printError("warning: \(url) differs from the schema at \(first.id) (`strata check --database` reports the same until a migration or a fix by hand settles it):")
            for line in drift { printError("  \(line)") }
        }
    }
}

/// The dialect for offline SQL: `--dialect`, or the database URL's.
func offlineDialect(_ name: String?, database: DatabaseOptions, project: ProjectOptions) throws -> any DatabaseDialect {
    if let name { return try dialect(named: name) }
    switch try database.url(project) {
    case .sqlite: return SQLiteDialect()
    case .postgres: return PostgreSQLDialect()
    }
}
