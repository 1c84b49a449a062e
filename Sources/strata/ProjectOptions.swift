import ArgumentParser
import Foundation
import StrataCommandLine
import StrataGenerator
import StrataRuntime

/// The database option of commands that talk to a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:path, sqlite::memory: or postgres://user:password@host:port/db (default: $STRATA_DATABASE_URL, then database.url of schema.yaml).")
    var database: String?

    /// The URL to use: the option, the environment, then `schema.yaml`.
    func url(_ project: ProjectOptions) throws -> DatabaseURL {
        var text = database ?? ProcessInfo.processInfo.environment["STRATA_DATABASE_URL"]
        if text == nil || text!.isEmpty {
            text = try project.loadSchema().databaseURL
        }
        guard let text, !text.isEmpty else {
            printError("error: no database: pass --database URL, set STRATA_DATABASE_URL, or add 'database: {url: sqlite:app.sqlite}' to \(project.schema)")
            throw ExitCode(2)
        }
        do {
            return try DatabaseURL(text)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Opens the migration connection for `url` (read-only for verbs that only look).
    func connect(_ project: ProjectOptions, readOnly: Bool = false) async throws -> (any MigrationConnection, DatabaseURL) {
        let url = try url(project)
        do {
            return (try await openMigrationConnection(url, readOnly: readOnly), url)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// `12 ms`, `1.4 s`.
func formatted(_ duration: Duration) -> String {
    let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return milliseconds < 1000 ? String(format: "%.0f ms", milliseconds) : String(format: "%.1f s", milliseconds / 1000)
}
