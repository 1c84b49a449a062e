import Foundation
import Testing

/// Every public declaration of the libraries apps link has a doc comment (`///`), counted from the
/// sources: `public`/`open` declarations, the cases of public enums and the requirements of
/// public protocols. Members that only implement a documented protocol requirement are counted
/// too: DocC shows each with its own text.
@Suite struct DocumentationCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = ["StrataRuntime", "StrataSQLite", "StrataPostgres", "Workflow"]

    /// The undocumented declarations of one file, as `path:line: text`.
    static func undocumented(in text: String, path: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var problems: [String] = []
        var depth = 0
        // The depth of the body of each enclosing public enum or protocol, with its kind.
        var bodies: [(depth: Int, kind: String)] = []
        for (index, line) in lines.enumerated() {
            let code = Self.code(of: line)
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            let declaration = trimmed.replacingOccurrences(of: #"^(@\w+(\([^)]*\))?\s+)+"#, with: "", options: .regularExpression)
            var counts = false
            if declaration.hasPrefix("public ") || declaration.hasPrefix("open ") {
                counts = !declaration.hasPrefix("public extension") && !declaration.hasPrefix("public import")
            } else if let body = bodies.last, body.depth == depth {
                if body.kind == "enum" { counts = declaration.hasPrefix("case ") }
                if body.kind == "protocol" {
                    counts = ["func ", "var ", "static ", "mutating ", "init", "associatedtype ", "subscript"].contains { declaration.hasPrefix($0) }
                }
            }
            if counts && !Self.isDocumented(lines, before: index) {
                problems.append("\(path):\(index + 1): \(trimmed)")
            }
            let opens = code.filter { $0 == "{" }.count, closes = code.filter { $0 == "}" }.count
            if opens > closes, declaration.hasPrefix("public enum ") || declaration.hasPrefix("public indirect enum ") {
                bodies.append((depth + 1, "enum"))
            } else if opens > closes, declaration.hasPrefix("public protocol ") {
                bodies.append((depth + 1, "protocol"))
            }
            depth += opens - closes
            while let body = bodies.last, depth < body.depth { bodies.removeLast() }
        }
        return problems
    }

    /// The line without string literals and its `//` comment (so braces in them do not count).
    static func code(of line: String) -> String {
        var result = ""
        var inString = false
        var previous: Character = " "
        for character in line {
            if inString {
                if character == "\"" && previous != "\\" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "/" && previous == "/" {
                result.removeLast()
                break
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    /// Whether the lines above `index` (past attributes) end a doc comment.
    static func isDocumented(_ lines: [String], before index: Int) -> Bool {
        var above = index - 1
        while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("@") { above -= 1 }
        guard above >= 0 else { return false }
        let previous = lines[above].trimmingCharacters(in: .whitespaces)
        return previous.hasPrefix("///") || previous.hasSuffix("*/")
    }

    @Test func everyPublicDeclarationIsDocumented() throws {
        var problems: [String] = []
        var counted = 0
        for module in Self.modules {
            let folder = Self.root.appendingPathComponent("Sources/\(module)")
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            #expect(!files.isEmpty, "no sources found for \(module)")
            for file in files.sorted() {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                counted += text.components(separatedBy: "public ").count - 1
                problems += Self.undocumented(in: text, path: "Sources/\(module)/\(file)")
            }
        }
        #expect(counted > 200)
        #expect(problems.isEmpty, "\(problems.count) undocumented:\n\(problems.joined(separator: "\n"))")
    }

    /// The counter itself: it finds what it should and ignores what it should.
    @Test func theCounterSeesCasesRequirementsAndBracesInStrings() {
        let text = """
            /// Documented.
            public enum Kind {
                /// Documented.
                case a
                case b
                func name() -> String {
                    switch self { case .a: "{"
                    case .b: "}" }
                }
            }
            /// Documented.
            public protocol Thing {
                func undocumented()
                /// Documented.
                var documented: Int { get }
            }
            @inlinable public func bare() {}
            """
        #expect(Self.undocumented(in: text, path: "t").map { $0.components(separatedBy: ": ").last! } == ["case b", "func undocumented()", "@inlinable public func bare() {}"])
    }
}
