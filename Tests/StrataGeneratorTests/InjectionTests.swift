import Foundation
import StrataGenerator
import StrataSchema
import Testing

/// Text from the schema never becomes Swift code or SQL: line terminators, control and
/// bidirectional characters in docs, remarks and defaults are escaped; checks are one condition.
@Suite struct InjectionTests {
    /// Every Swift output file of `yaml`, joined.
    func swift(_ yaml: String, fileName: String = "schema.yaml") throws -> String {
        let output = try GeneratorPipeline.generate(source: yaml, fileName: fileName)
        return output.files.filter(\.name.isSwift).map(\.contents).joined(separator: "\n")
    }

    func schema(doc: String, defaultValue: String, columnDoc: String) -> String {
        header + "tables:\n  t:\n    doc: \(doc)\n    columns:\n      id: {type: int, primary_key: true}\n      s: {type: string, default: \(defaultValue), doc: \(columnDoc)}\n"
    }

    @Test(arguments: [
        "\"x\\rpublic func pwned() {}\"", "\"x\\u2028public func pwned() {}\"", "\"x\\u2029public func pwned() {}\"",
        "\"x\\x85public func pwned() {}\"", "\"x\\r\\npublic func pwned() {}\"", "\"x\\vpublic func pwned() {}\"", "\"x\\fpublic func pwned() {}\"",
    ])
    func aLineTerminatorInADocNeverEndsTheComment(_ doc: String) throws {
        let text = try swift(schema(doc: doc, defaultValue: "\"a\\rb\\u2028c\\\"d\"", columnDoc: doc))
        for line in text.split(separator: "\n") where line.contains("pwned") {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("///"), "pwned outside a comment: \(line)")
        }
        #expect(!hasRawUnsafeCharacter(text), "no raw control character in generated Swift")
        #expect(text.contains("s: String = \"a\\rb\\u{2028}c\\\"d\""))
    }

    @Test func bidirectionalControlsAndEscapesAreVisible() throws {
        let text = try swift(schema(doc: "\"admin\\u202E\\u2066 // \\e[31m\"", defaultValue: "\"\\u202Eevil\"", columnDoc: "x"))
        #expect(text.contains("/// admin\\u{202E}\\u{2066} // \\u{1B}[31m"))
        #expect(text.contains("s: String = \"\\u{202E}evil\""))
    }

    @Test func theSchemaFileNameInRemarksCannotBecomeCode() throws {
        let text = try swift(schema(doc: "x", defaultValue: "a", columnDoc: "y"), fileName: "dir/evil\nfunc pwned() {}\r.yaml")
        #expect(text.contains("/// - Remark: Generated from table `t` (evil\\nfunc pwned() {}\\r.yaml:4)."))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("func pwned") })
    }

    /// The property: whatever text goes into docs and string defaults, the generated Swift has
    /// the same declarations as with plain text (comments dropped, literals emptied), holds no
    /// raw unsafe character, and parses with the Swift compiler.
    @Test func randomTextNeverChangesTheDeclarations() throws {
        var random = SeededRandom(seed: 8)
        let baseline = declarations(try swift(schema(doc: "x", defaultValue: "x", columnDoc: "x")))
        // Every C0 control but NUL (a default may not hold it), DEL, every C1 control, the line
        // and paragraph separators, every bidirectional control, and Swift's own punctuation.
        let controls = (0x01...0x1F).map { Unicode.Scalar($0)! } + (0x7F...0x9F).map { Unicode.Scalar($0)! }
        let bidirectional: [Unicode.Scalar] = ["\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
                                               "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{2028}", "\u{2029}"]
        let nasty: [Unicode.Scalar] = controls + bidirectional + ["\"", "\\", "#", "/", "*", "`", "}", "{", ")", "(", ";", "'", "$", "a", " ", "é", "🙂"]
        var worst = ""
        for _ in 0..<300 {
            let texts = (0..<3).map { _ in String(String.UnicodeScalarView((0..<random.next(below: 24)).map { _ in nasty[random.next(below: nasty.count)] })) }
            let quoted = texts.map(yamlDoubleQuoted)
            let text = try swift(schema(doc: quoted[0], defaultValue: quoted[1], columnDoc: quoted[2]))
            #expect(declarations(text) == baseline, "declarations changed for \(texts.map { ControlCharacters.escaped($0) })")
            #expect(!hasRawUnsafeCharacter(text))
            if texts.joined().count > worst.count { worst = texts.joined() }
        }
        // The compiler agrees on one of the nastiest.
        let source = try swift(schema(doc: yamlDoubleQuoted(worst), defaultValue: yamlDoubleQuoted(worst), columnDoc: yamlDoubleQuoted(worst)))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strata-parse-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let parse = Process()
        parse.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        parse.arguments = ["swiftc", "-parse", file.path]
        try parse.run()
        parse.waitUntilExit()
        #expect(parse.terminationStatus == 0, "swiftc -parse rejected the generated code")
    }

    /// Whether a line of `text` holds a control, line-ending or bidirectional character.
    func hasRawUnsafeCharacter(_ text: String) -> Bool {
        text.split(separator: "\n").contains { ControlCharacters.containsUnsafe(String($0)) }
    }

    /// The lines that are not comments, with every string literal emptied.
    func declarations(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") }
            .map { $0.replacingOccurrences(of: #""(?:[^"\\]|\\.)*""#, with: "\"\"", options: .regularExpression) }
    }

    /// `text` as a YAML double-quoted scalar, every character escaped so YAML keeps it as it is.
    func yamlDoubleQuoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { scalar in
            scalar == "\"" || scalar == "\\" ? "\\" + String(scalar) : scalar.value < 0x7F && scalar.value >= 0x20 ? String(scalar) : "\\U" + String(scalar.value, radix: 16).leftPadded(8)
        }.joined() + "\""
    }
}

/// `check:` expressions are exactly one condition over the table's own columns.
@Suite struct CheckExpressionTests {
    static let columns = ["qty", "name", "price"]

    @Test(arguments: [
        ("qty < 1000)); CREATE TABLE pwned(a int); CREATE TABLE zz (q int, CHECK (1=1", "')' closes a parenthesis that the check did not open: a check is one condition, and a ')' here would end the CHECK constraint"),
        ("qty > 0; DROP TABLE t", "';' ends a statement: a check is one condition, not statements"),
        ("qty > 0 -- the rest", "a comment ('--') is not allowed in a check: it could hide the rest of the statement; remove it"),
        ("qty > 0 /* x */", "a comment ('/*') is not allowed in a check: it could hide the rest of the statement; remove it"),
        ("(qty > 0", "1 parenthesis is opened and never closed: close it with ')'"),
        ("name = 'abc", "a string starts here but never ends: close it with '"),
        ("name = E'\\'' OR 1 = 1", "a prefixed string or name (such as E'…', X'…' or U&\"…\") is read differently by SQLite and PostgreSQL: write a plain '…' string"),
        ("name = 'a\\'", "a backslash inside quotes is read as an escape by PostgreSQL when standard_conforming_strings is off: write the text without it"),
        ("qty > $$ ) $$", "the character '$' is not allowed in a check: use column names, literals in single quotes, numbers, operators and parentheses"),
        ("[qty] > 0", "the character '[' is not allowed in a check: use column names, literals in single quotes, numbers, operators and parentheses"),
        ("qty::int > 0", "the character ':' is not allowed in a check: use column names, literals in single quotes, numbers, operators and parentheses"),
        ("\"qtyy\" > 0", "\"qtyy\" is not a column of this table (did you mean 'qty'?); a check may name only its table's columns (write text in single quotes)"),
        ("quantity > 0", "'quantity' is not a column of this table; a check may name only its table's columns (write text in single quotes)"),
        ("qty > (SELECT 1)", "'SELECT' is not allowed in a check: a check is one condition over the table's columns, not a statement or a subquery"),
        ("other.qty > 0", "'other.' names another table or schema: a check may name only its own table's columns, without a prefix"),
        ("   ", "the check is empty: write a condition such as 'quantity >= 0'"),
        ("qty > 0\u{0}", "the character '\\u{0}' is not allowed in a check: use column names, literals in single quotes, numbers, operators and parentheses"),
    ])
    func rejected(_ expression: String, _ message: String) {
        #expect(throws: CheckExpression.Problem.self) { try CheckExpression.validate(expression, columns: Self.columns) }
        do {
            try CheckExpression.validate(expression, columns: Self.columns)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test(arguments: [
        "qty >= 0", "\"qty\" >= 0 AND price <= 1.5e3", "length(name) BETWEEN 1 AND 200", "name IN ('a', 'b''c')",
        "CAST(price AS INTEGER) = qty", "CAST(price AS DOUBLE PRECISION) > -1", "name IS NOT NULL OR qty <> 0",
        "lower(name) = name", "CASE WHEN qty > 0 THEN price > 0 ELSE TRUE END", "qty % 2 = 0", "(qty + 1) * 2 > .5",
        "name LIKE 'x%'", "Qty > 0",
    ])
    func accepted(_ expression: String) throws {
        try CheckExpression.validate(expression, columns: Self.columns)
    }

    @Test func aCheckIsAnErrorAtItsLineInTheSchema() {
        let yaml = header + "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      qty: {type: int, check: \"qty < 1000)); CREATE TABLE pwned(a int); CREATE TABLE zz (q int, CHECK (1=1\"}\n    checks:\n      - \"qty >\"\n      - {name: nope, expression: \"nope(qty)\"}\n"
        #expect(diagnostics(yaml) == [
            "schema.yaml:7:31: error: 'check' of column 't.qty' is not a single condition: ')' closes a parenthesis that the check did not open: a check is one condition, and a ')' here would end the CHECK constraint",
            "schema.yaml:9:9: error: check 1 of table 't' is not a valid SQL condition: near \")\": syntax error (SQLite's parser, on the table's columns); fix the expression",
            "schema.yaml:10:34: error: check 2 of table 't' is not a valid SQL condition: no such function: nope (SQLite's parser, on the table's columns); fix the expression",
        ])
    }
}

/// The loader rejects what would hang it or lose a location.
@Suite struct LoaderLimitTests {
    /// The limit is a hang guard (10^10 values would never finish), not a speed target: in the
    /// parallel suite on two cores a test can wait minutes to be scheduled (it took 95 s once).
    @Test(.timeLimit(.minutes(10)))
    func anAliasBombAsAJSONDefaultIsRejectedAtOnce() {
        var yaml = header + "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      j:\n        type: json\n        default:\n          a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "          a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(diagnostics(yaml) == [
            "schema.yaml:10:11: error: 'default' of column 't.j' expands to more than 10000 values (YAML aliases count each time they are used): write a smaller default",
        ])
    }

    @Test func nulInADefaultIsAnErrorAtItsLine() {
        let yaml = header + "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      s: {type: text, default: \"a\\0b\"}\n      j: {type: json, default: {k: \"a\\0\"}}\n"
        #expect(diagnostics(yaml) == [
            "schema.yaml:7:32: error: 'default' of column 't.s' contains a NUL character (\\0), which neither database can store in text: remove it",
            "schema.yaml:8:32: error: 'default' of column 't.j' contains a NUL character (\\0), which PostgreSQL cannot store in JSON: remove it",
        ])
    }

    @Test func aControlCharacterIsReportedAtItsPlaceAndEscaped() {
        let yaml = header + "tables:\n  t:\n    doc: a\u{1B}[31m\n"
        #expect(diagnostics(yaml) == [
            "schema.yaml:5:11: error: YAML does not allow this character (U+001B) here: control characters are not allowed; remove it, or write it as an escape such as \\t inside a double-quoted string",
        ])
    }

    @Test func invalidUTF8IsReportedWithItsLineAndByte() throws {
        let bytes = Array("version: 1\ntables:\n  t: é".utf8) + [0xFF, 0x41]
        #expect(throws: DiagnosticsError.self) { try SourceText.decode(bytes, fileName: "schema.yaml") }
        do {
            _ = try SourceText.decode(bytes, fileName: "schema.yaml")
        } catch {
            #expect(error.description == "schema.yaml:3:7: error: the file is not valid UTF-8 (byte 0xFF at offset 26): save it as UTF-8")
        }
        #expect(try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("a: é".utf8), fileName: "x") == "a: é", "a byte order mark is dropped")
        for invalid: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: DiagnosticsError.self) { try SourceText.decode(invalid, fileName: "x") }
        }
    }

    @Test func aFileOverTheSizeLimitIsRejected() {
        let bytes = [UInt8](repeating: 0x20, count: SourceText.maximumBytes + 1)
        #expect(throws: DiagnosticsError.self) { try SourceText.decode(bytes, fileName: "schema.yaml") }
    }
}

/// A small deterministic random generator for property tests and the fuzz loop.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
