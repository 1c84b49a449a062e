import ArgumentParser
import Foundation
import StrataCommandLine

/// The `strata` command line.
@main
struct Strata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "One schema.yaml in; Swift models and SQLite/PostgreSQL DDL out; migrations applied.",
        discussion: """
            Exit codes: 0 success, 1 a check found differences, 2 invalid input.
            The verbs that need no database (generate, revision, history, heads) are also in the
            lighter strata-generator tool, which the package plugins run.

            Examples:
              strata generate                      Regenerate Generated/ from schema.yaml
              strata generate --check              Exit 1 and list stale files if Generated/ is out of date
              strata generate --dry-run            Show which files would change, write nothing
              strata revision --autogenerate -m "add workflow automation tables"
              strata upgrade head                  Apply every migration (default database: schema.yaml's)
              strata downgrade -1                  Revert the last one
              strata current | history | heads     Where things stand
              strata check --database sqlite:jarvis.sqlite
              strata pull --database postgres://app@localhost/app   Write schema.yaml from an existing database
            """,
        subcommands: [Initialize.self, Generate.self, Diagram.self, Pull.self, Revision.self, Upgrade.self, Downgrade.self, Current.self, History.self, Heads.self, Stamp.self, Check.self, Lint.self]
    )

    /// Runs the command; usage errors exit 2 (invalid input).
    static func main() async {
        await runCommandLine(Self.self)
    }
}
