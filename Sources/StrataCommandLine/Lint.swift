import ArgumentParser
import StrataGenerator
import StrataSchema

/// `strata lint [ID]`
public struct Lint: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        abstract: "Show the lock each migration step takes, and warn about steps that block writes.",
        discussion: """
            For every migration (or the one named), prints its plan on the dialect, step by step: each
            statement's lock, what it does to the table (catalog only, scans, rewrites) and whether it
            runs in a transaction of its own or outside one, as 'strata upgrade --sql' labels them.
            A step that holds a lock blocking writes for a time that grows with the table is a warning,
            with the safer way to make the change; lint exits 1 when such a step is in a migration
            whose file does not acknowledge it with 'acknowledge_blocking_locks: true'.

            Examples:
              strata lint
              strata lint 0005_change_score_type --dialect postgres
              strata lint --locking plain
            """
    )
    @OptionGroup var project: ProjectOptions

    @Argument(help: "A migration id (default: every migration).")
    var id: String?

    @Option(help: "sqlite or postgres (default: postgres, where locks matter).")
    var dialect: String = "postgres"

    @Option(help: "lock-aware (default) or plain.")
    var locking: String = MigrationLocking.lockAware.rawValue

    public func run() throws {
        let history = try project.loadHistory()
        let sqlDialect = try StrataCommandLine.dialect(named: dialect)
        let lockingMode = try StrataCommandLine.locking(named: locking)
        let states = try history.states()
        var positions = Array(history.migrations.indices)
        if let id {
            guard let position = history.position(of: id) else {
                printError("error: unknown migration '\(ControlCharacters.escaped(id))'; see 'strata history'")
                throw ExitCode(2)
            }
            positions = [position]
        }
        var unacknowledged = 0
        for position in positions {
            let migration = history.migrations[position]
            let plan = try sqlDialect.plan(migration.upgrade, from: states[position], locking: lockingMode).plan
            let report = LintReport(migration: migration, plan: plan, dialect: sqlDialect)
            for line in report.lines { printOutput(line) }
            for finding in report.findings {
                printError("warning: \(migration.id): \(ControlCharacters.escaped(finding.description))\(migration.acknowledgesBlockingLocks ? " (acknowledged)" : "")")
            }
            if !migration.acknowledgesBlockingLocks, !report.findings.isEmpty { unacknowledged += 1 }
        }
        if unacknowledged > 0 {
            printError("error: \(unacknowledged) migration\(unacknowledged == 1 ? "" : "s") block\(unacknowledged == 1 ? "s" : "") writes for as long as a step takes on a large table: make the change the safer way, or set 'acknowledge_blocking_locks: true' in the file once the table is known to be small or the downtime accepted")
            throw ExitCode(1)
        }
    }
}

/// The lines `lint` prints for one migration, and its findings.
public struct LintReport: Sendable {
    /// The lines: the migration, then its steps and their statements' labels.
    public var lines: [String]
    /// The steps that block writes for a time that grows with the table.
    public var findings: [LockFinding]

    /// The report of `migration`'s `plan`. Names and messages are the user's text: escaped.
    public init(migration: Migration, plan: MigrationPlan, dialect: any DatabaseDialect) {
        var lines = ["\(migration.id): \(ControlCharacters.escaped(migration.message)) (\(dialect.name), \(plan.locking.rawValue))"]
        let units = plan.units
        if units.isEmpty { lines.append("  no statements") }
        for (index, unit) in units.enumerated() {
            lines.append("  step \(index + 1) of \(units.count)\(unit.isTransaction ? "" : ", outside a transaction")")
            for item in unit.items {
                for statement in item.step.statements {
                    lines.append("    \(ControlCharacters.escaped(item.operation.summary)): \(ControlCharacters.escaped(statement.label))")
                }
            }
        }
        self.lines = lines
        findings = plan.lockFindings
    }
}
