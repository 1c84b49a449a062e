import Foundation
import StrataTestSupport
import Testing

/// The built `strata-generator` executable, next to `strata`.
let generatorExecutable: String = URL(fileURLWithPath: strataExecutable).deletingLastPathComponent().appendingPathComponent("strata-generator").path

/// `strata-generator`, the plugins' tool: the generator verbs of `strata`, the same output, and
/// none of the database drivers.
@Suite struct GeneratorToolTests {
    func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(executable)' \"$@\"", "tool"] + arguments)
    }

    @Test func itWritesWhatStrataWrites() throws {
        let viaTool = try temporaryFolder(), viaStrata = try temporaryFolder()
        for (folder, executable) in [(viaTool, generatorExecutable), (viaStrata, strataExecutable)] {
            try notesSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
            let revision = try run(executable, ["revision", "--autogenerate", "-m", "create notes"], in: folder)
            #expect(revision.status == 0, "\(revision.standardError)")
            #expect(try run(executable, ["generate"], in: folder).status == 0)
            #expect(try run(executable, ["history"], in: folder).standardOutput == "<base> -> 0001_create_notes (head), create notes [upgrade safe, downgrade lossy]\n")
        }
        for file in ["Migrations/0001_create_notes.yaml", "Swift/Models.swift", "Swift/Migrations.swift", "SQL/schema.postgres.sql"] {
            let tool = try String(contentsOf: viaTool.appendingPathComponent("Generated/" + file), encoding: .utf8)
            let strata = try String(contentsOf: viaStrata.appendingPathComponent("Generated/" + file), encoding: .utf8)
            #expect(tool == strata, "\(file) differs")
        }
    }

    @Test func databaseVerbsAreStrataOnly() throws {
        let result = try run(generatorExecutable, ["upgrade", "head"], in: try temporaryFolder())
        #expect(result.status == 2)
        #expect(result.standardError == "error: 'upgrade' talks to a database, and strata-generator has only generate, revision, history and heads: run 'swift run strata upgrade head'\n")
        let help = try run(generatorExecutable, ["--help"], in: try temporaryFolder())
        #expect(help.standardOutput.contains("swift run strata upgrade head"))
    }

    /// The point of the tool: a package that runs the plugins builds no driver. Swift symbols carry
    /// their module's name, so the binary holding none of GRDB's, PostgresNIO's or NIOCore's
    /// proves they were not linked (`strata` holds tens of thousands).
    @Test func itLinksNoDatabaseDriver() throws {
        let symbols = try runProcess("/usr/bin/env", ["nm", generatorExecutable])
        #expect(symbols.status == 0)
        let lines = symbols.standardOutput.split(separator: "\n")
        #expect(lines.count > 1_000, "nm read the binary")
        for module in ["4GRDB", "11PostgresNIO", "7NIOCore", "11StrataSQLite", "13StrataPostgres"] {
            #expect(!lines.contains { $0.contains("$s" + module) }, "strata-generator links \(module)")
        }
    }
}
