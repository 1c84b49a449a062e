import Foundation
import PackagePlugin

/// Generates a target's models at build time from the `schema.yaml` in the target's folder (and
/// the migrations in its `Migrations/` folder, if any), for packages that prefer not to commit
/// generated code. It runs `strata-generator`, which builds without any database driver, and only
/// assembles the command line: the
/// set of output files is fixed, so it is declared without reading the schema.
@main
struct StrataBuildToolPlugin: BuildToolPlugin {
    /// The Swift files `strata-generator generate --swift-only` writes (`OutputFileName` in StrataGenerator).
    static let swiftOutputs = ["Swift/Enums.swift", "Swift/Models.swift", "Swift/Tables.swift", "Swift/Migrations.swift"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let schema = sourceTarget.directoryURL.appendingPathComponent("schema.yaml")
        let migrations = sourceTarget.directoryURL.appendingPathComponent("Migrations")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        let migrationFiles = ((try? FileManager.default.contentsOfDirectory(atPath: migrations.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { migrations.appendingPathComponent($0) }
        return [
            .buildCommand(
                displayName: "Generating models from \(target.name)/schema.yaml",
                executable: try context.tool(named: "strata-generator").url,
                arguments: ["generate", "--schema", schema.path, "--output", output.path, "--migrations", migrations.path, "--swift-only"],
                inputFiles: [schema] + migrationFiles,
                outputFiles: Self.swiftOutputs.map { output.appendingPathComponent($0) }
            )
        ]
    }
}
