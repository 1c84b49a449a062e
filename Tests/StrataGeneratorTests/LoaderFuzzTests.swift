import Foundation
import StrataGenerator
import StrataSchema
import Testing

/// A seeded mutation fuzzer for the loader: the files of `Tests/Fixtures/LoaderCorpus` are mutated
/// (bytes flipped, inserted, deleted, chunks repeated and spliced, YAML's sharp edges inserted:
/// anchors, aliases, deep nesting, control and bidirectional characters, invalid UTF-8) and fed to
/// the schema loader and the migration file reader. Every input must end in output or in
/// diagnostics, never in a crash or a hang; every diagnostic is one line with no raw control
/// character; generated Swift never holds one either.
///
/// `STRATA_FUZZ_ITERATIONS` raises the count (the suite runs 1,500 per corpus file);
/// `STRATA_FUZZ_SEED` picks another seed.
@Suite struct LoaderFuzzTests {
    static let corpus = packageRoot.appendingPathComponent("Tests/Fixtures/LoaderCorpus")

    static let tokens: [[UInt8]] = [
        "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\n  ", "\n", "\t", "\"", "'", "\\", "#", "!!binary ", "? ", "|", ">",
        "\u{1B}", "\u{0}", "\u{85}", "\u{2028}", "\u{202E}", "\r", "~", "null", "true", "1e999", "-0", "\u{FEFF}",
        "check: \"a)); DROP TABLE t; --\"", "doc: \"x\\rfunc f() {}\"", "default: {a: *a}", String(repeating: "[", count: 200),
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    static func mutate(_ input: [UInt8], random: inout SeededRandom, pool: [[UInt8]]) -> [UInt8] {
        var bytes = input
        for _ in 0...random.next(below: 4) {
            let position = bytes.isEmpty ? 0 : random.next(below: bytes.count + 1)
            switch random.next(below: 7) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(1 << random.next(below: 8))
            case 1:
                bytes.insert(contentsOf: tokens[random.next(below: tokens.count)], at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + random.next(below: 32))
                bytes.removeSubrange(min(position, end)..<end)
            case 3 where !bytes.isEmpty:
                let start = random.next(below: bytes.count)
                let chunk = Array(bytes[start..<min(bytes.count, start + 1 + random.next(below: 64))])
                bytes.insert(contentsOf: chunk, at: position)
            case 4:
                let other = pool[random.next(below: pool.count)]
                if !other.isEmpty {
                    let start = random.next(below: other.count)
                    bytes.insert(contentsOf: other[start..<min(other.count, start + 1 + random.next(below: 200))], at: position)
                }
            case 5:
                bytes.insert(UInt8(random.next(below: 256)), at: position)
            default:
                // A line duplicated: repeated keys and deeper structures.
                if let newline = bytes[position...].firstIndex(of: 0x0A), let start = bytes[..<position].lastIndex(of: 0x0A) {
                    bytes.insert(contentsOf: bytes[start..<newline], at: newline)
                }
            }
        }
        return bytes
    }

    /// One input through the loader: whether it was accepted, its diagnostics, its Swift files.
    static func load(_ input: [UInt8], isMigration: Bool) -> (accepted: Bool, diagnostics: [Diagnostic], swift: [String]) {
        let text: String
        do {
            text = try SourceText.decode(input, fileName: "fuzz.yaml")
        } catch {
            return (false, error.diagnostics, [])
        }
        if isMigration {
            do {
                _ = try MigrationFileReader.read(text, fileName: "fuzz.yaml")
                return (true, [], [])
            } catch {
                return (false, error.diagnostics, [])
            }
        }
        do {
            let output = try GeneratorPipeline.generate(source: text, fileName: "fuzz.yaml")
            return (true, output.warnings, output.files.filter(\.name.isSwift).map(\.contents))
        } catch {
            return (false, error.diagnostics, [])
        }
    }

    /// A hang guard, not a speed target (the parallel suite can delay a test for minutes).
    @Test(.timeLimit(.minutes(10)))
    func mutatedFilesEndInOutputOrLocatedDiagnostics() throws {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["STRATA_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_500
        var random = SeededRandom(seed: environment["STRATA_FUZZ_SEED"].flatMap(UInt64.init) ?? 2026)
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
        #expect(files.count >= 4, "the corpus is in the repository")
        let pool = try files.map { Array(try Data(contentsOf: $0)) }
        var executions = 0, accepted = 0
        for (file, seed) in zip(files, pool) {
            let isMigration = file.lastPathComponent.hasPrefix("migration")
            for _ in 0..<iterations {
                let input = Self.mutate(seed, random: &random, pool: pool)
                executions += 1
                let result = Self.load(input, isMigration: isMigration)
                if result.accepted { accepted += 1 }
                #expect(result.accepted || !result.diagnostics.isEmpty, "an error without a diagnostic for input \(input)")
                for swift in result.swift {
                    let unsafe = swift.split(separator: "\n").first { ControlCharacters.containsUnsafe(String($0)) }
                    #expect(unsafe == nil, "raw unsafe character in generated Swift from input \(input)")
                }
                let diagnostics = result.diagnostics
                for diagnostic in diagnostics {
                    let line = diagnostic.description
                    #expect(!ControlCharacters.containsUnsafe(line), "raw control character in: \(line)")
                    #expect(line.hasPrefix("fuzz.yaml"), "diagnostic not in compiler format: \(line)")
                }
            }
        }
        print("loader fuzz: \(executions) executions, \(accepted) accepted, \(executions - accepted) rejected with diagnostics")
    }
}
