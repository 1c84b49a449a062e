import Foundation
import StrataTestSupport
import Testing

/// The built `strata` executable, next to this test bundle.
let strataExecutable: String = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = bundle.deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("strata").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return "strata"
}()

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let validSchema = """
    version: 1
    swift: {module: Models}
    tables:
      notes:
        columns:
          id: {type: uuid, primary_key: true, default: uuid}
          body: text

    """

@Suite struct GenerateCommandTests {
    func strata(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(strataExecutable)' \"$@\"", "strata"] + arguments)
    }

    @Test func generateWritesEveryFileThenOnlyChangedOnes() throws {
        let folder = try temporaryFolder()
        try validSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let first = try strata(["generate"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == "Wrote:\n  Generated/Swift/Enums.swift\n  Generated/Swift/Models.swift\n  Generated/Swift/Tables.swift\n  Generated/Swift/Migrations.swift\n  Generated/SQL/schema.sqlite.sql\n  Generated/SQL/schema.postgres.sql\n  Generated/strata-schema.json\n  Generated/ERD.md\n")
        let models = folder.appendingPathComponent("Generated/Swift/Models.swift")
        let before = try FileManager.default.attributesOfItem(atPath: models.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        let second = try strata(["generate"], in: folder)
        #expect(second.status == 0)
        #expect(second.standardOutput == "Generated/ is up to date with schema.yaml.\n")
        let after = try FileManager.default.attributesOfItem(atPath: models.path)[.modificationDate] as? Date
        #expect(before == after, "an unchanged file is not rewritten")
    }

    @Test func checkExitsOneAndListsStaleFiles() throws {
        let folder = try temporaryFolder()
        try validSchema.write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        #expect(try strata(["generate"], in: folder).status == 0)
        #expect(try strata(["generate", "--check"], in: folder).status == 0)
        try (validSchema + "      title: {type: string, nullable: true}\n").write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let stale = try strata(["generate", "--check"], in: folder)
        #expect(stale.status == 1)
        #expect(stale.standardError == "Generated/ is stale; run 'strata generate' to update:\n  Generated/Swift/Models.swift\n  Generated/Swift/Tables.swift\n  Generated/SQL/schema.sqlite.sql\n  Generated/SQL/schema.postgres.sql\n  Generated/ERD.md\n")
        let dryRun = try strata(["generate", "--dry-run"], in: folder)
        #expect(dryRun.status == 0)
        #expect(dryRun.standardOutput.hasPrefix("Would write:\n  Generated/Swift/Models.swift\n"))
        #expect(try strata(["generate", "--check"], in: folder).status == 1, "--dry-run wrote nothing")
    }

    @Test func invalidInputExitsTwoWithLocatedErrorsAndWritesNothing() throws {
        let folder = try temporaryFolder()
        try "version: 1\nswift: {module: M}\ntables:\n  t:\n    columns:\n      id: {type: uuid, primary_key: true, nulable: true}\n"
            .write(to: folder.appendingPathComponent("schema.yaml"), atomically: true, encoding: .utf8)
        let result = try strata(["generate"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError == "schema.yaml:6:43: error: unknown key 'nulable' in column 't.id' (did you mean 'nullable'?)\n1 error; nothing was written.\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))
        let missing = try strata(["generate", "--schema", "nope.yaml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("nope.yaml: error: cannot read the schema file"))
    }

    @Test func helpShowsExamples() throws {
        let result = try strata(["generate", "--help"], in: try temporaryFolder())
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("strata generate --check"))
        #expect(result.standardOutput.contains("Exit codes"))
    }

    @Test(arguments: ["init", "generate", "erd", "revision", "upgrade", "downgrade", "current", "history", "heads", "stamp", "check"])
    func everyCommandsHelpHasExamples(_ verb: String) throws {
        let result = try strata([verb, "--help"], in: try temporaryFolder())
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Examples:\n"), "strata \(verb) --help has no examples")
        #expect(result.standardOutput.contains("strata \(verb)"))
    }

    @Test func thisRepositorysGeneratedFolderIsFresh() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try strata(["generate", "--check"], in: root)
        #expect(result.status == 0, "\(result.standardError)")
    }
}

/// The generator's output is the same to the byte in two processes. Swift seeds its hashing per
/// process, so a dictionary or set whose order reached the output would differ here (two runs in
/// one process share the seed and would not show it).
@Suite struct CrossProcessDeterminismTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The files under `folder`, by relative path.
    func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test(arguments: [".", "Tests/Fixtures/KitchenSink"])
    func twoProcessesWriteTheSameBytes(_ project: String) throws {
        let source = Self.root.appendingPathComponent(project)
        var outputs: [[String: Data]] = []
        for _ in 0..<2 {
            let folder = try temporaryFolder()
            try FileManager.default.copyItem(at: source.appendingPathComponent("schema.yaml"), to: folder.appendingPathComponent("schema.yaml"))
            let migrations = source.appendingPathComponent("Generated/Migrations")
            if FileManager.default.fileExists(atPath: migrations.path) {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("Generated"), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: migrations, to: folder.appendingPathComponent("Generated/Migrations"))
            }
            let result = try runProcess("/bin/sh", ["-c", "cd '\(folder.path)' && exec '\(strataExecutable)' generate"])
            #expect(result.status == 0, "\(result.standardError)")
            outputs.append(try contents(of: folder.appendingPathComponent("Generated")))
        }
        #expect(outputs[0].count > 5)
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        for (path, bytes) in outputs[0] { #expect(outputs[1][path] == bytes, "\(path) differs between two processes") }
    }
}
