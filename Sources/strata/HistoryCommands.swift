import ArgumentParser
import StrataCommandLine
import StrataGenerator
import StrataRuntime
import StrataSchema

/// `strata current`
struct Current: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the migration the database is at.",
        discussion: """
            Read-only: a missing SQLite file is an error (never created), a database without
            strata_migrations is at base, and a damaged SQLite file (PRAGMA quick_check) exits 1.
            A lock-aware PostgreSQL migration that stopped between its steps is shown as
            partially applied, with how many steps are done.

            Examples:
              strata current
              strata current --database postgres://app@localhost/app
            """
    )
    @OptionGroup var project: ProjectOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let history = try project.loadHistory()
        // Read-only: a missing SQLite file is an error, and nothing (not even the version
        // table) is created.
        let (connection, _) = try await database.connect(project, readOnly: true)
        let runner = MigrationRunner(history: history)
        try await closing(connection) {
            do {
                let damage = try await connection.integrityProblems()
                if !damage.isEmpty {
                    printError("error: the database is damaged (integrity check): \(damage.prefix(5).joined(separator: "; "))")
                    throw ExitCode(1)
                }
                let applied = try await runner.appliedWithoutCreating(on: connection)
                for problem in runner.problems(with: applied) { printError("error: \(problem)") }
                let partial = try await runner.partial(on: connection)
                if let last = applied.last {
                    printOutput("\(last.id)\(last.id == history.head && partial == nil ? " (head)" : "")")
                } else {
                    printOutput("base (no migration applied)")
                }
                if let partial {
                    // A lock-aware migration that stopped between its steps: say so, and how to go on.
                    printOutput("partially applied: \(partial.description); run 'strata \(partial.direction.rawValue)' to continue")
                }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// `strata stamp ID`
struct Stamp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a migration as the current one without running anything.",
        discussion: """
            For a database whose schema was created another way, such as one adopted with 'strata pull' and 'strata revision --baseline'. TARGET: a migration id, head, or base. Afterwards, the differences between the database and the stamped schema are listed as warnings.

            Examples:
              strata stamp head
              strata stamp base --database sqlite:app.sqlite
            """
    )
    @OptionGroup var project: ProjectOptions
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "A migration id, head, or base.") var target: String

    func run() async throws {
        let history = try project.loadHistory()
        let (connection, url) = try await database.connect(project)
        try await closing(connection) {
            do {
                let runner = MigrationRunner(history: history)
                try await runner.stamp(MigrationTarget(target), on: connection)
                printOutput("Stamped \(url) at \(target)")
                // Stamping says the database has a schema; say where it does not.
                if let id = try await runner.appliedWithoutCreating(on: connection).last?.id {
                    let drift = try await schemaDrift(on: connection, expected: try history.schema(at: id))
                    if !drift.isEmpty {
                        printError("warning: \(url) differs from the schema at \(id) (`strata check --database` reports the same until a migration or a fix by hand settles it):")
                        for line in drift { printError("  \(line)") }
                    }
                }
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

/// `strata check [--database URL]`
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 1 when schema.yaml has changes no migration holds, or the database is not at head.",
        discussion: """
            Without --database: compares schema.yaml with the head of the migration history.
            With --database: also checks that the database is at head, that no applied migration
            changed since it was applied, and that its catalog matches the head state (drift).
            Exit codes: 0 in sync, 1 differences found, 2 invalid input.

            Examples:
              strata check                                  # in CI: schema.yaml vs the migrations
              strata check --database sqlite:app.sqlite     # also the database: at head, no drift
            """
    )
    @OptionGroup var project: ProjectOptions
    @Option(name: .long, help: "A database to check as well.") var database: String?

    func run() async throws {
        let schema = try project.loadSchema()
        let history = try project.loadHistory()
        let head = try history.schema(at: history.head)
        let diff = try SchemaDiff(from: head, to: schema.schema)
        var failed = false
        if diff.isEmpty {
            printOutput("\(project.schema) matches the head of the migration history (\(history.head ?? "base")).")
        } else {
            failed = true
            printError("\(project.schema) has changes that no migration holds; run 'strata revision --autogenerate -m \"…\"':")
            for operation in diff.operations { printError("  \(ControlCharacters.escaped(operation.summary))") }
        }
        if let database {
            let options = try DatabaseOptions.parse(["--database", database])
            let (connection, url) = try await options.connect(project, readOnly: true)
            let runner = MigrationRunner(history: history)
            try await closing(connection) {
                let damage = try await connection.integrityProblems()
                if !damage.isEmpty {
                    printError("error: \(url) is damaged (integrity check): \(damage.prefix(5).joined(separator: "; "))")
                    throw ExitCode(1)
                }
                let applied = try await runner.appliedWithoutCreating(on: connection)
                let problems = runner.problems(with: applied)
                for problem in problems { printError("error: \(problem)") }
                if applied.last?.id != history.head {
                    printError("\(url) is at \(applied.last?.id ?? "base"), not at head \(history.head ?? "base"); run 'strata upgrade head'")
                    failed = true
                } else if problems.isEmpty {
                    // Drift: the catalog compared with a database created fresh from the head state.
                    let drift = try await schemaDrift(on: connection, expected: head)
                    if drift.isEmpty {
                        printOutput("\(url) is at head and its schema matches it.")
                    } else {
                        failed = true
                        printError("\(url) is at head but its schema differs from it (changed outside Strata?):")
                        for line in drift { printError("  \(line)") }
                    }
                }
                failed = failed || !problems.isEmpty
            }
        }
        if failed { throw ExitCode(1) }
    }
}
