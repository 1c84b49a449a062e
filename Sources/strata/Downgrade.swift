import ArgumentParser
import StrataCommandLine
import StrataGenerator
import StrataRuntime
import StrataSchema

/// `strata downgrade (-N | ID | base) [--sql]`
struct Downgrade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revert migrations down to a target, each in its own transaction.",
        discussion: """
            TARGET is -N, a migration id (which stays applied), or base (nothing applied).

            Examples:
              strata downgrade -1
              strata downgrade base --allow-data-loss --database sqlite:test.sqlite

            A downgrade that destroys data (it drops a table or a column, or narrows a type) is
            refused before anything runs unless its file sets 'acknowledge_downgrade_data_loss: true'
            or --allow-data-loss is given; the error names what would be lost.
              strata downgrade -1 --sql --from head --dialect sqlite
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var lockingOptions: LockingOptions

    // Collected as unrecognized arguments so that `downgrade -1` works as in Alembic.
    @Argument(parsing: .allUnrecognized, help: "-N, a migration id, or base.")
    var targets: [String] = []

    var target: String { targets.first ?? "" }

    func validate() throws {
        guard targets.count == 1 else {
            throw ValidationError("give one target: -N, a migration id, or base (for example 'strata downgrade -1')")
        }
    }

    @Flag(help: "Print the SQL instead of running it (no database needed).")
    var sql = false

    @Option(help: "With --sql: the dialect (sqlite or postgres); default: the database URL's.")
    var dialect: String?

    @Option(help: "With --sql: the migration the database is at (default: head).")
    var from: String = "head"

    @Flag(help: "Revert migrations whose downgrade destroys data even if their file does not acknowledge it.")
    var allowDataLoss = false

    func run() async throws {
        let history = try project.loadHistory()
        let runner = MigrationRunner(history: history, options: try lockingOptions.options(project))
        if sql {
            let sqlDialect = try offlineDialect(dialect, database: database, project: project)
            let start = try runner.position(of: MigrationTarget(from), current: history.migrations.count - 1)
            let end = try runner.position(of: MigrationTarget(target), current: start)
            print(try runner.sql(from: start, to: end, dialect: sqlDialect), terminator: "")
            return
        }
        let (connection, url) = try await database.connect(project)
        try await closing(connection) {
            printOutput("Downgrading \(url) to \(target)")
            do {
                let steps = try await runner.downgrade(to: MigrationTarget(target), on: connection, allowDataLoss: allowDataLoss) { step in
                    printOutput("  ✔ reverted \(step.id): \(ControlCharacters.escaped(step.message)) (\(step.operations.count) operation\(step.operations.count == 1 ? "" : "s"), \(formatted(step.duration)))")
                }
                if steps.isEmpty { printOutput("  Nothing to do: already at \(try await runner.current(on: connection) ?? "base").") }
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
