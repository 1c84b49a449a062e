import ArgumentParser
import Foundation
import StrataGenerator
import StrataRuntime

/// Options every command shares: where the schema, the migrations and the database are.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The schema file.")
    var schema: String = "schema.yaml"

    @Option(name: .long, help: "The folder of migration files.")
    var migrations: String = "Generated/Migrations"

    /// Reads and validates `schema.yaml`; prints errors and exits 2 on failure.
    func loadSchema() throws -> ValidatedSchema {
        let source = try readFile(schema, what: "the schema file")
        do {
            let validated = try GeneratorPipeline.validate(source: source, fileName: schema)
            for warning in validated.warnings { printError(warning.description) }
            return validated
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(2)
        }
    }

    /// The migration files of the migrations folder, sorted by name.
    func migrationFiles() throws -> [MigrationFileSource] {
        try readMigrationFiles(in: migrations)
    }

    /// The migration history; prints errors and exits 2 when a file or the graph is invalid.
    func loadHistory() throws -> MigrationHistory {
        do {
            return try MigrationFiles.history(try migrationFiles())
        } catch let error as DiagnosticsError {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(2)
        }
    }
}

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

/// The `.yaml` files of `folder` (none if it does not exist), sorted by name.
func readMigrationFiles(in folder: String) throws -> [MigrationFileSource] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return try names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
        let path = (folder as NSString).appendingPathComponent(name)
        return MigrationFileSource(path: path, text: try readFile(path, what: "a migration file"))
    }
}

/// The text of a UTF-8 file; prints the error (where the bytes stop being UTF-8, or the size
/// limit) and exits 2 when it cannot be read.
func readFile(_ path: String, what: String) throws -> String {
    let bytes: Data
    do {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        printError("\(path): error: cannot read \(what): \(error.localizedDescription)")
        throw ExitCode(2)
    }
    do {
        return try SourceText.decode(Array(bytes), fileName: path)
    } catch {
        for diagnostic in error.diagnostics { printError(diagnostic.description) }
        throw ExitCode(2)
    }
}

/// `12 ms`, `1.4 s`.
func formatted(_ duration: Duration) -> String {
    let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return milliseconds < 1000 ? String(format: "%.0f ms", milliseconds) : String(format: "%.1f s", milliseconds / 1000)
}
