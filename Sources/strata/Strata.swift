import ArgumentParser
import Foundation

/// The `strata` command line.
@main
struct Strata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "One schema.yaml in; Swift models and SQLite/PostgreSQL DDL out.",
        discussion: """
            Exit codes: 0 success, 1 a check found differences, 2 invalid input.

            Examples:
              strata generate                      Regenerate Generated/ from schema.yaml
              strata generate --check              Exit 1 and list stale files if Generated/ is out of date
              strata generate --dry-run            Show which files would change, write nothing
              strata revision --autogenerate -m "add workflow automation tables"
              strata upgrade head                  Apply every migration (default database: schema.yaml's)
              strata downgrade -1                  Revert the last one
              strata current | history | heads     Where things stand
              strata check --database sqlite:jarvis.sqlite
            """,
        subcommands: [Generate.self, Revision.self, Upgrade.self, Downgrade.self, Current.self, History.self, Heads.self, Stamp.self, Check.self]
    )

    /// Runs the command; usage errors exit 2 (invalid input), like the rest of Strata and argparse.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
