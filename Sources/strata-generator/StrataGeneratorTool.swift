import ArgumentParser
import Foundation
import StrataCommandLine

/// `strata-generator`: the verbs that need no database, built from the generator alone (no
/// database driver, no network library), so that the package plugins that run it build in a
/// fraction of the time `strata` takes. The database verbs are `strata`'s.
@main
struct StrataGeneratorTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata-generator",
        abstract: "Generate Swift models and SQL from schema.yaml, and write migrations; no database needed.",
        discussion: """
            The same init, generate, revision, history and heads as `strata`, without the database drivers:
            this is the tool the StrataCommandPlugin and StrataBuildToolPlugin run. To apply
            migrations, use `swift run strata upgrade head` (or migrate at start-up in the app).
            Exit codes: 0 success, 1 a check found differences, 2 invalid input.

            Examples:
              strata-generator generate
              strata-generator revision --autogenerate -m "add notes"
              strata-generator history
            """,
        subcommands: [Initialize.self, Generate.self, Diagram.self, Revision.self, History.self, Heads.self]
    )

    /// Verbs that talk to a database, which are `strata`'s.
    static let databaseVerbs: Set<String> = ["upgrade", "downgrade", "current", "stamp", "check"]

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let verb = arguments.first, databaseVerbs.contains(verb) {
            printError("error: '\(verb)' talks to a database, and strata-generator has only init, generate, revision, history and heads: run 'swift run strata \(arguments.joined(separator: " "))'")
            Foundation.exit(2)
        }
        await runCommandLine(Self.self)
    }
}
