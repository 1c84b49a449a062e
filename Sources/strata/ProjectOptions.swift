import ArgumentParser
import Foundation
import StrataCommandLine
import StrataGenerator
import StrataRuntime
import StrataSchema

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

/// How `upgrade` and `downgrade` take their locks: the options, then `database.locking` and
/// `database.lock_timeout` of `schema.yaml`, then the defaults (lock-aware, 2 s, 5 retries).
struct LockingOptions: ParsableArguments {
    @Option(help: "lock-aware or plain: how PostgreSQL migrations take their locks (default: database.locking of schema.yaml, then lock-aware).")
    var locking: String?

    @Option(help: "How long each statement waits for its lock before the step is retried, such as 2s or 500ms (default: database.lock_timeout, then 2s).")
    var lockTimeout: String?

    @Option(help: "How many times a step that timed out waiting for its lock is tried again, waiting 0.5 s, 1 s, 2 s, … between tries.")
    var lockRetries: Int = 5

    /// The runner's options.
    func options(_ project: ProjectOptions) throws -> MigrationOptions {
        // schema.yaml is read only when it exists: `upgrade` needs just the migrations.
        let schema = FileManager.default.fileExists(atPath: project.schema) ? try project.loadSchema() : nil
        var options = MigrationOptions(lockRetries: lockRetries)
        if let text = locking {
            options.locking = try StrataCommandLine.locking(named: text)
        } else if let value = schema?.locking {
            options.locking = value
        }
        if let text = lockTimeout {
            guard let milliseconds = LockTimeoutText.milliseconds(text) else {
                printError("error: --lock-timeout must be a duration such as 2s or 500ms (at most 10min), not '\(ControlCharacters.escaped(text))'")
                throw ExitCode(2)
            }
            options.lockTimeout = .milliseconds(milliseconds)
        } else if let milliseconds = schema?.lockTimeoutMilliseconds {
            options.lockTimeout = .milliseconds(milliseconds)
        }
        guard lockRetries >= 0, lockRetries <= 100 else {
            printError("error: --lock-retries must be between 0 and 100")
            throw ExitCode(2)
        }
        return options
    }
}
