import ArgumentParser
import Foundation
import StrataGenerator
import StrataSchema

/// Options every command shares: where the schema, the migrations and the database are.
public struct ProjectOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: "The schema file.")
    public var schema: String = "schema.yaml"

    @Option(name: .customLong("migrations"), help: "The folder of migration files (default: Generated/Migrations; for a schema in Sources/<Target>/, the Migrations folder beside it).")
    public var migrationsOption: String?

    /// The folder of migration files: `--migrations`, or for a schema inside a target's folder
    /// (`Sources/<Target>/schema.yaml`, the build-tool plugin's layout) the `Migrations` folder
    /// beside it, which the plugin embeds; otherwise `Generated/Migrations`.
    public var migrations: String {
        if let migrationsOption { return migrationsOption }
        let folder = (schema as NSString).deletingLastPathComponent
        let parts = folder.split(separator: "/")
        if parts.count >= 2, parts[parts.count - 2] == "Sources" {
            return (folder as NSString).appendingPathComponent("Migrations")
        }
        return "Generated/Migrations"
    }

    /// Reads and validates `schema.yaml`; prints errors and exits 2 on failure.
    public func loadSchema() throws -> ValidatedSchema {
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
    public func migrationFiles() throws -> [MigrationFileSource] {
        try readMigrationFiles(in: migrations)
    }

    /// The migration history; prints errors and exits 2 when a file or the graph is invalid.
    public func loadHistory() throws -> MigrationHistory {
        do {
            return try MigrationFiles.history(try migrationFiles())
        } catch let error as DiagnosticsError {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(2)
        }
    }
}

/// The `.yaml` files of `folder` (none if it does not exist), sorted by name.
public func readMigrationFiles(in folder: String) throws -> [MigrationFileSource] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return try names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
        let path = (folder as NSString).appendingPathComponent(name)
        return MigrationFileSource(path: path, text: try readFile(path, what: "a migration file"))
    }
}

/// The text of a UTF-8 file; prints the error (where the bytes stop being UTF-8, or the size
/// limit) and exits 2 when it cannot be read.
public func readFile(_ path: String, what: String) throws -> String {
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

