import ArgumentParser
import Foundation
import StrataGenerator
import StrataSchema

/// `strata generate`: reads `schema.yaml`, writes `Generated/` (only files whose bytes change).
public struct Generate: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        abstract: "Generate Swift models and SQL from schema.yaml.",
        discussion: """
            Writes Swift/Enums.swift, Swift/Models.swift, Swift/Tables.swift,
            Swift/Migrations.swift (the migration history, embedded), SQL/schema.sqlite.sql,
            SQL/schema.postgres.sql, strata-schema.json (the JSON Schema of schema.yaml, for
            editors) and ERD.md (the entity-relationship diagram in Mermaid) under the output folder.
            A file is written only when its bytes change.

            Exit codes: 0 success (or up to date with --check), 1 --check found stale files,
            2 schema.yaml is invalid or unreadable (errors are printed as file:line:column).

            Examples:
              strata generate
              strata generate --schema db/schema.yaml --output Sources/Models/Generated
              strata generate --check          # in CI: fails when Generated/ is stale
              strata generate --dry-run        # lists what would change
            """
    )

    @Option(name: .long, help: "The schema file.")
    var schema: String = "schema.yaml"

    @Option(name: .long, help: "The folder of migration files to embed (default: <output>/Migrations).")
    var migrations: String?

    @Option(name: .long, help: "The folder to write generated files into.")
    var output: String = "Generated"

    @Flag(name: .long, help: "Write nothing; exit 1 and list the stale files if the output differs.")
    var check = false

    @Flag(name: .long, help: "Write nothing; list the files that would be written.")
    var dryRun = false

    @Flag(name: .long, help: "Write only the Swift files (used by the build-tool plugin).")
    var swiftOnly = false

    public func run() throws {
        let source = try readFile(schema, what: "the schema file")
        let migrationsFolder = migrations ?? (output as NSString).appendingPathComponent("Migrations")
        let migrationFiles = try readMigrationFiles(in: migrationsFolder)
        let result: GeneratorOutput
        do {
            result = try GeneratorPipeline.generate(source: source, fileName: schema, migrations: migrationFiles)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            printError("\(count) error\(count == 1 ? "" : "s"); nothing was written.")
            throw ExitCode(2)
        }
        for warning in result.warnings { printError(warning.description) }

        let outputURL = URL(fileURLWithPath: output, isDirectory: true)
        let files = result.files.filter { !swiftOnly || $0.name.isSwift }
        var changed: [String] = []
        for file in files {
            let url = outputURL.appendingPathComponent(file.name.rawValue)
            let data = Data(file.contents.utf8)
            if (try? Data(contentsOf: url)) == data { continue }
            changed.append(file.name.rawValue)
            if check || dryRun { continue }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                printError("\(url.path): error: cannot write: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let folder = output.hasSuffix("/") ? output : output + "/"
        if check {
            if changed.isEmpty {
                printOutput("\(folder) is up to date with \(schema).")
                return
            }
            printError("\(folder) is stale; run 'strata generate' to update:")
            for name in changed { printError("  \(folder)\(name)") }
            throw ExitCode(1)
        }
        if changed.isEmpty {
            printOutput("\(folder) is up to date with \(schema).")
        } else {
            printOutput(dryRun ? "Would write:" : "Wrote:")
            for name in changed { printOutput("  \(folder)\(name)") }
        }
    }
}
