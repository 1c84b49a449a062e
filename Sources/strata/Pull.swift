import ArgumentParser
import Foundation
import StrataCommandLine
import StrataGenerator
import StrataRuntime
import StrataSchema

/// `strata pull --database URL`
struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write schema.yaml from an existing database's catalog.",
        discussion: """
            Reads tables, columns (type, nullability, defaults), primary keys, foreign keys with their actions, unique constraints, indexes and checks (an IN check named as Strata names enum checks becomes an enum) and writes them as schema.yaml, keeping the database's constraint names.

            What the schema cannot express is listed as a warning with its place in the database and at the end of the file; nothing is left out silently, and nothing in the database changes. Names that are not valid schema names are reported with the statement that renames them, and nothing is written.

            Exit codes: 0 written, 1 written but the file does not validate (fix what it says), 2 invalid input or nothing written.

            Then, to adopt the database (docs/adopting.md):
              strata revision --baseline -m baseline
              strata generate
              strata stamp head --database URL

            Examples:
              strata pull --database sqlite:app.sqlite
              strata pull --database postgres://app@localhost/app --module AppModels --force
            """
    )
    @OptionGroup var project: ProjectOptions
    @Option(name: .long, help: "The database to read: sqlite:path or postgres://user:password@host:port/db (default: $STRATA_DATABASE_URL).")
    var database: String?
    @Option(name: .long, help: "The Swift module of the generated models.")
    var module: String = "Models"
    @Flag(help: "Overwrite an existing schema file.")
    var force = false

    func run() async throws {
        guard let text = database ?? ProcessInfo.processInfo.environment["STRATA_DATABASE_URL"], !text.isEmpty else {
            printError("error: no database: pass --database URL (or set STRATA_DATABASE_URL)")
            throw ExitCode(2)
        }
        let url: DatabaseURL
        do {
            url = try DatabaseURL(text)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if FileManager.default.fileExists(atPath: project.schema), !force {
            printError("error: \(ControlCharacters.escaped(project.schema)) exists; pass --force to overwrite it, or --schema to write another file")
            throw ExitCode(2)
        }
        let connection: any MigrationConnection
        do {
            connection = try await openMigrationConnection(url, readOnly: true)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let (introspected, tool, managed) = try await closing(connection) {
            do {
                let tool = try await OtherMigrationTool.find(on: connection)
                let managed = try await !connection.query(connection.dialect.tableExistsQuery("strata_migrations")).isEmpty
                return (try await connection.introspect(), tool, managed)
            } catch {
                printError("error: cannot read the catalog of \(url): \(error)")
                throw ExitCode(2)
            }
        }
        if !introspected.invalidNames.isEmpty {
            for name in introspected.invalidNames { printError("error: \(name)") }
            printError("error: nothing written: rename these \(introspected.invalidNames.count) name(s) in the database (or in a copy of it), then pull again")
            throw ExitCode(2)
        }
        for warning in introspected.warnings { printError("warning: \(warning)") }
        // A SQLite file's URL is worth keeping as the CLI's default; a server URL may hold a password.
        let defaultURL: String? = if case .sqlite(let path) = url, path != ":memory:" { "sqlite:\(path)" } else { nil }
        let file = SchemaFileWriter.render(introspected, module: module, databaseURL: defaultURL)
        let folder = (project.schema as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try Data(file.utf8).write(to: URL(fileURLWithPath: project.schema))
        let schema = introspected.schema
        printOutput("Wrote \(ControlCharacters.escaped(project.schema)) from \(url): \(schema.tables.count) table(s), \(schema.enums.count) enum(s), \(introspected.warnings.count) warning(s).")
        if let tool { printOutput("Note: \(tool.adoptionAdvice).") }
        if managed { printOutput("Note: this database already has a Strata history (strata_migrations); 'strata check --database' compares it with your migrations.") }
        do {
            let validated = try GeneratorPipeline.validate(source: file, fileName: project.schema)
            for warning in validated.warnings { printError(warning.description) }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            printError("error: the pulled file does not validate yet: fix what is listed above in \(ControlCharacters.escaped(project.schema)) (the database is unchanged)")
            throw ExitCode(1)
        }
        printOutput("Next: 'strata revision --baseline -m baseline', 'strata generate', then 'strata stamp head --database …' on this database.")
    }
}
