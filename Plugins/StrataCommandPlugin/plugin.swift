import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory strata generate [--check] [--dry-run]`,
/// `… strata revision --autogenerate -m "…"`, `… strata history`, `… strata heads`.
///
/// Runs `strata-generator` (the generator verbs, built without any database driver) with the
/// package's `schema.yaml` and `Generated/` folder. It only assembles the command line: all the
/// work is the tool's. The database verbs are `swift run strata …`.
@main
struct StrataCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        // A database verb reaches the tool, which says to run it with `swift run strata`.
        let strata = try context.tool(named: "strata-generator")
        let root = context.package.directoryURL
        var arguments = arguments.isEmpty ? ["generate"] : arguments
        if arguments.first == "generate" {
            if !arguments.contains("--schema") { arguments += ["--schema", root.appendingPathComponent("schema.yaml").path] }
            if !arguments.contains("--output") { arguments += ["--output", root.appendingPathComponent("Generated").path] }
        }
        let process = Process()
        process.executableURL = strata.url
        process.arguments = arguments
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw PluginFailure(description: "strata-generator \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
}
