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
        #expect(result.standardError == "error: 'upgrade' talks to a database, and strata-generator has only init, generate, revision, history and heads: run 'swift run strata upgrade head'\n")
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

/// `strata init` in a package: a starter schema, a fresh Generated/, the Package.swift lines, and
/// never an overwritten file.
@Suite struct InitCommandTests {
    func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(executable)' \"$@\"", "tool"] + arguments)
    }

    @Test(arguments: [generatorExecutable, strataExecutable])
    func initWritesAStarterThatGeneratesAndNeverOverwrites(_ executable: String) throws {
        let folder = try temporaryFolder()
        let result = try run(executable, ["init", "--module", "NotesModels"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Wrote:\n  schema.yaml\n  Generated/Swift/Enums.swift\n"))
        #expect(result.standardOutput.contains(".target(name: \"NotesModels\", dependencies: [.product(name: \"StrataRuntime\", package: \"strata\")], path: \"Generated/Swift\"),"))
        #expect(result.standardOutput.contains("plugins: [.plugin(name: \"StrataBuildToolPlugin\", package: \"strata\")]"))
        let schema = try String(contentsOf: folder.appendingPathComponent("schema.yaml"), encoding: .utf8)
        #expect(schema.hasPrefix("# yaml-language-server: $schema=Generated/strata-schema.json\n"))
        #expect(schema.contains("  module: NotesModels "))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated/strata-schema.json").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated/Migrations").path))
        #expect(try run(executable, ["generate", "--check"], in: folder).status == 0, "what init generated is fresh")
        // The stranger's next step works at once.
        let revision = try run(executable, ["revision", "--autogenerate", "-m", "create notes"], in: folder)
        #expect(revision.status == 0, "\(revision.standardError)")
        #expect(revision.standardOutput.hasPrefix("Wrote Generated/Migrations/0001_create_notes.yaml\n"))

        let again = try run(executable, ["init"], in: folder)
        #expect(again.status == 2)
        #expect(again.standardError == "schema.yaml: error: the file exists, and init never overwrites a file: edit it, then run 'strata generate'\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("schema.yaml"), encoding: .utf8) == schema)
    }

    @Test func initRefusesToOverwriteGeneratedFiles() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Generated/Swift"), withIntermediateDirectories: true)
        try "// mine\n".write(to: folder.appendingPathComponent("Generated/Swift/Models.swift"), atomically: true, encoding: .utf8)
        let result = try run(generatorExecutable, ["init"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError == "error: Generated/Swift/Models.swift exists, and init never overwrites a file: remove it or run 'strata generate'\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("schema.yaml").path))
        #expect(try String(contentsOf: folder.appendingPathComponent("Generated/Swift/Models.swift"), encoding: .utf8) == "// mine\n")
    }

    /// A schema inside a target's folder (the build-tool route) keeps its migrations beside it.
    @Test func aSchemaInATargetFolderKeepsItsMigrationsBesideIt() throws {
        let folder = try temporaryFolder()
        let target = folder.appendingPathComponent("Sources/Notes")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try notesSchema.write(to: target.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let result = try run(generatorExecutable, ["revision", "--autogenerate", "-m", "create notes", "--schema", "Sources/Notes/schema.yaml"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Wrote Sources/Notes/Migrations/0001_create_notes.yaml\n"))
        #expect(try run(generatorExecutable, ["history", "--schema", "Sources/Notes/schema.yaml"], in: folder).standardOutput.hasPrefix("<base> -> 0001_create_notes (head)"))
    }
}

@Suite struct DiagramCommandTests {
    @Test func erdWritesMermaidDotAndSVG() throws {
        let folder = try temporaryFolder()
        try notesSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        func erd(_ arguments: [String]) throws -> ProcessResult {
            try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(generatorExecutable)' erd \"$@\"", "erd"] + arguments)
        }
        #expect(try erd([]).standardOutput == "erDiagram\n    notes {\n        int id PK\n        text body\n    }\n")
        #expect(try erd(["--format", "dot", "--output", "notes.dot"]).status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.dot"), encoding: .utf8).hasPrefix("digraph schema {\n"))
        // .ci/run installs Graphviz, so CI takes the first branch; without it the error says what to do.
        let svg = try erd(["--format", "svg", "--output", "notes.svg"])
        let hasDot = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
        if hasDot {
            #expect(svg.status == 0, "\(svg.standardError)")
            let text = try String(contentsOf: folder.appendingPathComponent("notes.svg"), encoding: .utf8)
            #expect(text.contains("<svg") && text.contains(">notes</text>"))
        } else {
            #expect(svg.status == 2)
            #expect(svg.standardError.hasPrefix("error: --format svg needs Graphviz's dot, which is not installed"))
        }
    }
}
