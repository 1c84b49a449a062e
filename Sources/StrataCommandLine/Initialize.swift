import ArgumentParser
import Foundation
import StrataGenerator

/// `strata init`: a starter `schema.yaml` and the `Generated/` layout, in an existing package.
public struct Initialize: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start using Strata in a package: a commented schema.yaml and the Generated/ folder.",
        discussion: """
            Writes a starter schema.yaml (with a line that lets VS Code and other YAML-LSP editors
            complete and check it) and generates Generated/ from it, so SwiftPM accepts a target
            whose path is Generated/Swift before the first migration. Then prints the Package.swift
            lines for the committed-code route and for the build-tool-plugin route.
            Never overwrites a file: an existing schema.yaml or generated file stops it (exit 2).

            Examples:
              swift package --allow-writing-to-package-directory strata init
              strata init --module NotesModels
            """
    )

    @Option(name: .long, help: "The schema file to create.")
    var schema: String = "schema.yaml"

    @Option(name: .long, help: "The folder for generated files.")
    var output: String = "Generated"

    @Option(name: .long, help: "The Swift module (target) of the generated models.")
    var module: String = "Models"

    public func run() async throws {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: schema) else {
            printError("\(schema): error: the file exists, and init never overwrites a file: edit it, then run 'strata generate'")
            throw ExitCode(2)
        }
        let starter = Self.starterSchema(module: module, output: output, schema: schema)
        let result: GeneratorOutput
        do {
            result = try GeneratorPipeline.generate(source: starter, fileName: (schema as NSString).lastPathComponent)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            printError("error: --module must be a Swift identifier, such as NotesModels")
            throw ExitCode(2)
        }
        let outputs = result.files.map { ((output as NSString).appendingPathComponent($0.name.rawValue), $0.contents) }
        let existing = outputs.map(\.0).filter { fileManager.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            printError("error: \(existing.joined(separator: ", ")) exist\(existing.count == 1 ? "s" : ""), and init never overwrites a file: remove \(existing.count == 1 ? "it" : "them") or run 'strata generate'")
            throw ExitCode(2)
        }
        var written = [schema]
        try write(starter, to: schema)
        for (path, contents) in outputs {
            try write(contents, to: path)
            written.append(path)
        }
        let migrations = (output as NSString).appendingPathComponent("Migrations")
        try fileManager.createDirectory(atPath: migrations, withIntermediateDirectories: true)
        printOutput("Wrote:")
        for path in written { printOutput("  \(path)") }
        printOutput(Self.nextSteps(module: module, output: output))
    }

    func write(_ text: String, to path: String) throws {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            printError("\(path): error: cannot write: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    /// The commented starter schema, pointing editors at the JSON Schema in `output`.
    static func starterSchema(module: String, output: String, schema: String) -> String {
        let folder = (schema as NSString).deletingLastPathComponent
        let depth = folder.isEmpty ? 0 : folder.split(separator: "/").count
        let jsonSchema = String(repeating: "../", count: depth) + (output as NSString).appendingPathComponent(OutputFileName.jsonSchema.rawValue)
        return StarterSchema.text(module: module, jsonSchemaPath: jsonSchema)
    }

    /// What to add to Package.swift, for each route, and what to run next.
    static func nextSteps(module: String, output: String) -> String {
        """

        Committed code (the generated Swift is reviewed and committed): add to Package.swift
            dependencies: [.package(path: "…/strata")],  // or .package(url: "…/strata.git", from: "…"): the package named strata
            targets: [
                .target(name: "\(module)", dependencies: [.product(name: "StrataRuntime", package: "strata")], path: "\(output)/Swift"),
                .executableTarget(name: "App", dependencies: ["\(module)", .product(name: "StrataSQLite", package: "strata")]),
            ]
        then:
            swift package --allow-writing-to-package-directory strata revision --autogenerate -m "create notes"
            swift package --allow-writing-to-package-directory strata generate
        and at start-up: try await db.migrate(GeneratedSchema.migrations)

        Build-tool plugin (nothing generated is committed): move schema.yaml to Sources/\(module)/schema.yaml,
        add a Swift file of your own there (such as Exports.swift with '@_exported import StrataRuntime'), and:
            .target(name: "\(module)", dependencies: [.product(name: "StrataRuntime", package: "strata")],
                    exclude: ["schema.yaml", "Migrations"],
                    plugins: [.plugin(name: "StrataBuildToolPlugin", package: "strata")]),
        then write the first migration beside the schema (Sources/\(module)/Migrations):
            swift package --allow-writing-to-package-directory strata revision --autogenerate -m "create notes" --schema Sources/\(module)/schema.yaml
        """
    }
}
