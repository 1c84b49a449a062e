import PackagePlugin

/// Generates a target's models at build time from the `schema.yaml` in the target's folder, for
/// packages that prefer not to commit generated code. It only assembles the command line: the
/// set of output files is fixed, so it is declared without reading the schema.
@main
struct StrataBuildToolPlugin: BuildToolPlugin {
    /// The Swift files `strata generate --swift-only` writes (`OutputFileName` in StrataGenerator).
    static let swiftOutputs = ["Swift/Enums.swift", "Swift/Models.swift", "Swift/Tables.swift"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let schema = sourceTarget.directoryURL.appendingPathComponent("schema.yaml")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        return [
            .buildCommand(
                displayName: "Generating models from \(target.name)/schema.yaml",
                executable: try context.tool(named: "strata").url,
                arguments: ["generate", "--schema", schema.path, "--output", output.path, "--swift-only"],
                inputFiles: [schema],
                outputFiles: Self.swiftOutputs.map { output.appendingPathComponent($0) }
            )
        ]
    }
}
