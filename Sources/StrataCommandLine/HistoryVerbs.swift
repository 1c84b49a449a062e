import ArgumentParser
import StrataGenerator
import StrataSchema

/// `strata history`
public struct History: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        abstract: "List the migrations, oldest first.",
        discussion: """
            Each line: parent -> id, the message (control characters escaped), and what the upgrade
            and the downgrade do to data (safe, needs_backfill, lossy).

            Examples:
              strata history
              strata history --migrations Sources/Journal/Migrations
            """
    )
    @OptionGroup var project: ProjectOptions

    public func run() throws {
        let history = try project.loadHistory()
        if history.migrations.isEmpty { printOutput("No migrations in \(project.migrations).") }
        for migration in history.migrations {
            let head = migration.id == history.head ? " (head)" : ""
            // The message is the author's text: escaped, so no control character reaches the terminal.
            printOutput("\(migration.parent ?? "<base>") -> \(migration.id)\(head), \(ControlCharacters.escaped(migration.message)) [upgrade \(migration.upgradeDataLoss.rawValue), downgrade \(migration.downgradeDataLoss.rawValue)]")
        }
    }
}

/// `strata heads`
public struct Heads: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        abstract: "Show the head migration (an error lists several).",
        discussion: """
            Examples:
              strata heads
            """
    )
    @OptionGroup var project: ProjectOptions

    public func run() throws {
        let history = try project.loadHistory()
        printOutput(history.head ?? "base (no migrations)")
    }
}

