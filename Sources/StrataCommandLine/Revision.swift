import ArgumentParser
import Foundation
import StrataGenerator
import StrataSchema

/// `strata revision [--autogenerate] -m MESSAGE`
public struct Revision: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        abstract: "Write a new migration file.",
        discussion: """
            With --autogenerate, the migration holds the difference between the state at the head of
            the migration history (rebuilt from the migration files, no database needed) and
            schema.yaml. Without it, the migration is empty, for hand-written SQL.
            With --baseline (for a database that already exists, after 'strata pull'): the first migration of an empty history, creating schema.yaml's schema as it is, so that a fresh database can still be built from the history; record it on the existing database with 'strata stamp head' instead of running it.

            Examples:
              strata revision --autogenerate -m "add workflow automation tables"
              strata revision --baseline -m "baseline"
              strata revision -m "backfill pattern names"
            """
    )

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "What the migration does.")
    var message: String

    @Flag(help: "Compute the operations from schema.yaml.")
    var autogenerate = false

    @Flag(help: "Write the first migration of an empty history from schema.yaml, to stamp on an existing database.")
    var baseline = false

    public func run() async throws {
        let history = try project.loadHistory()
        let migration: Migration
        if baseline, let last = history.migrations.last {
            printError("error: the migration history already has \(history.migrations.count) migration(s) (head \(last.id)); a baseline is the first migration of an empty history. For a change, run 'strata revision --autogenerate -m \"…\"'")
            throw ExitCode(2)
        }
        let autogenerate = autogenerate || baseline
        if autogenerate {
            let schema = try project.loadSchema()
            guard let (generated, warnings) = try MigrationFiles.autogenerate(history: history, schema: schema.schema, message: message) else {
                printOutput("No changes detected: \(project.schema) matches the head of the migration history.")
                return
            }
            migration = generated
            for warning in warnings { printError("warning: \(warning)") }
        } else {
            migration = MigrationFiles.empty(history: history, message: message)
        }
        let path = (project.migrations as NSString).appendingPathComponent(migration.id + ".yaml")
        var text = MigrationFileWriter.render(migration)
        if !autogenerate {
            text += """
                # Add operations to both lists, for example:
                # upgrade:
                #   - sql:
                #       description: "backfill names"
                #       upgrade: {sqlite: "UPDATE …;", postgres: "UPDATE …;"}
                #       downgrade: {sqlite: "…", postgres: "…"}

                """
        }
        try FileManager.default.createDirectory(atPath: project.migrations, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        printOutput("Wrote \(path)")
        // Each operation with the locks its steps take on PostgreSQL (lock-aware), as `--sql` and
        // 'strata lint' label them; SQLite takes its one writer lock for the whole migration.
        let plan = (try? history.states().last).flatMap { try? PostgreSQLDialect().plan(migration.upgrade, from: $0, locking: .lockAware).plan }
        for (index, operation) in migration.upgrade.enumerated() {
            let loss = operation.dataLoss == .safe ? "" : "  [\(operation.dataLoss.rawValue)]"
            printOutput("  \(ControlCharacters.escaped(operation.summary))\(loss)")
            for statement in plan.map({ $0.operations[index].statements }) ?? [] {
                printOutput("      postgres: \(ControlCharacters.escaped(statement.label))")
            }
        }
        if migration.upgradeDataLoss != .safe { printError("warning: the upgrade is \(migration.upgradeDataLoss.rawValue); review \(path) before applying it") }
        // Steps that would block writes on a PostgreSQL server under load, as 'strata lint' reports them.
        for finding in plan?.lockFindings ?? [] {
            printError("warning: on PostgreSQL, \(ControlCharacters.escaped(finding.description)) (see 'strata lint \(migration.id)')")
        }
        if baseline {
            printOutput("Review it, then run 'strata generate'. On the database it was pulled from: 'strata stamp \(migration.id) --database URL' (records it without running it); a fresh database gets it from 'strata upgrade head'.")
        } else {
            printOutput("Review it, then run 'strata generate' (to embed it) and 'strata upgrade head'.")
        }
    }
}
