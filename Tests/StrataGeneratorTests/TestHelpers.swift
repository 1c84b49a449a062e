import Foundation
import StrataGenerator
import Testing

/// The rendered diagnostics for `yaml`, or an empty list if it is valid.
func diagnostics(_ yaml: String) -> [String] {
    do {
        let validated = try GeneratorPipeline.validate(source: yaml)
        return validated.warnings.map(\.description)
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// The generated files for a valid `yaml`, failing the test when it is invalid.
func generatedFiles(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [OutputFileName: String] {
    do {
        let output = try GeneratorPipeline.generate(source: yaml)
        return Dictionary(uniqueKeysWithValues: output.files.map { ($0.name, $0.contents) })
    } catch {
        Issue.record("unexpected errors:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// A line-by-line comparison that names the first differing line, for readable failures.
func expectSameText(_ actual: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let actualLines = actual.components(separatedBy: "\n")
    let expectedLines = expected.components(separatedBy: "\n")
    let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let got = first < actualLines.count ? actualLines[first] : "<end of text>"
    let wanted = first < expectedLines.count ? expectedLines[first] : "<end of text>"
    Issue.record("texts differ at line \(first + 1):\n  expected: \(wanted)\n  actual:   \(got)\n--- actual text ---\n\(actual)", sourceLocation: sourceLocation)
}

/// The package's root folder (this file is `Tests/StrataGeneratorTests/TestHelpers.swift`).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A schema header with the required keys, to prefix table fragments.
let header = "version: 1\nswift: {module: TestModels}\n"
