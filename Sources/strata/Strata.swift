import ArgumentParser

/// The `strata` command line.
@main
struct Strata: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "One schema.yaml in; Swift models and SQLite/PostgreSQL DDL out.",
        discussion: """
            Exit codes: 0 success, 1 a check found differences, 2 invalid input.

            Examples:
              strata generate                      Regenerate Generated/ from schema.yaml
              strata generate --check              Exit 1 and list stale files if Generated/ is out of date
              strata generate --dry-run            Show which files would change, write nothing
            """,
        subcommands: [Generate.self]
    )
}
