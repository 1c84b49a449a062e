import StrataSchema

/// Renders `SwiftFile` descriptions as Swift source text: 4-space indentation, one declaration per
/// line, a blank line between members that carry docs.
struct SwiftRenderer {
    static let indentUnit = "    "

    func render(_ file: SwiftFile, header: String) -> String {
        var lines: [String] = [header]
        lines.reserveCapacity(file.declarations.count * 64)
        if !file.imports.isEmpty { lines.append("") }
        for name in file.imports { lines.append("import \(name)") }
        for declaration in file.declarations {
            lines.append("")
            render(declaration, indent: "", into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines of one declaration (for tests and small fragments).
    func render(_ declaration: SwiftDeclaration, indent: String) -> [String] {
        var lines: [String] = []
        render(declaration, indent: indent, into: &lines)
        return lines
    }

    /// Appends the lines of one declaration to `lines` (one buffer for the whole file).
    func render(_ declaration: SwiftDeclaration, indent: String, into lines: inout [String]) {
        switch declaration {
        case .structure(let value):
            block(docs: value.docs, head: "public struct \(value.name)\(inheritance(value.conformances))", members: value.members, indent: indent, into: &lines)
        case .enumeration(let value):
            block(docs: value.docs, head: "public enum \(value.name)\(inheritance(value.conformances))", members: value.members, indent: indent, into: &lines)
        case .extensionBlock(let value):
            block(docs: value.docs, head: "extension \(value.typeName)\(inheritance(value.conformances))", members: value.members, indent: indent, into: &lines)
        case .enumCase(let name, let rawValue):
            let raw = rawValue.map { " = \(stringLiteral($0))" } ?? ""
            lines.append(indent + "case \(SwiftNaming.escaped(name))\(raw)")
        case .property(let property):
            appendDocs(property.docs, indent: indent, into: &lines)
            let name = SwiftNaming.escaped(property.name)
            switch property.kind {
            case .stored:
                lines.append(indent + "public var \(name): \(property.type)")
            case .staticConstant(let value):
                let rendered = expression(value, indent: indent)
                lines.append(indent + "public static let \(name): \(property.type) = " + rendered[0])
                lines += rendered.dropFirst()
            case .computed(let value):
                let rendered = expression(value, indent: indent + Self.indentUnit)
                if rendered.count == 1 {
                    lines.append(indent + "public var \(name): \(property.type) { \(rendered[0]) }")
                } else {
                    lines.append(indent + "public var \(name): \(property.type) {")
                    lines.append(indent + Self.indentUnit + rendered[0])
                    lines += rendered.dropFirst()
                    lines.append(indent + "}")
                }
            }
        case .initializer(let initializer):
            appendDocs(initializer.docs, indent: indent, into: &lines)
            let inner = indent + Self.indentUnit
            if initializer.parameters.isEmpty {
                lines.append(indent + "public init() {}")
                return
            }
            lines.append(indent + "public init(")
            for (position, parameter) in initializer.parameters.enumerated() {
                var line = inner + "\(SwiftNaming.escaped(parameter.name)): \(parameter.type)"
                if let value = parameter.defaultValue {
                    line += " = " + expression(value, indent: inner).joined(separator: "\n")
                }
                if position < initializer.parameters.count - 1 { line += "," }
                lines.append(line)
            }
            lines.append(indent + ") {")
            for parameter in initializer.parameters {
                lines.append(inner + "self.\(parameter.name) = \(SwiftNaming.escaped(parameter.name))")
            }
            lines.append(indent + "}")
        case .typeAlias(let docs, let name, let type):
            appendDocs(docs, indent: indent, into: &lines)
            lines.append(indent + "public typealias \(name) = \(type)")
        case .function(let function):
            render(function, indent: indent, into: &lines)
        }
    }

    func render(_ function: SwiftFunction, indent: String, into lines: inout [String]) {
        appendDocs(function.docs, indent: indent, into: &lines)
        var head = indent + "public "
        switch function.kind {
        case .initializer:
            head += "init"
        case .method(let name, let isStatic, let isMutating):
            head += (isStatic ? "static " : "") + (isMutating ? "mutating " : "") + "func " + SwiftNaming.escaped(name)
        }
        if !function.genericParameters.isEmpty { head += "<" + function.genericParameters.joined(separator: ", ") + ">" }
        head += "(" + function.parameters.map { parameter in
            (parameter.label.map { $0 + " " } ?? "") + SwiftNaming.escaped(parameter.name) + ": " + parameter.type
        }.joined(separator: ", ") + ")"
        if function.throwing { head += " throws" }
        if let returnType = function.returnType { head += " -> " + returnType }
        if function.body.isEmpty {
            lines.append(head + " {}")
            return
        }
        lines.append(head + " {")
        let inner = indent + Self.indentUnit
        for statement in function.body {
            switch statement {
            case .assignment(let target, let value):
                let rendered = expression(value, indent: inner)
                lines.append(inner + expression(target, indent: inner).joined() + " = " + rendered[0])
                lines += rendered.dropFirst()
            case .expression(let value):
                let rendered = expression(value, indent: inner)
                lines.append(inner + rendered[0])
                lines += rendered.dropFirst()
            case .switchReturning(let subject, let cases, let fallback):
                lines.append(inner + "switch " + expression(subject, indent: inner).joined() + " {")
                for item in cases {
                    lines.append(inner + "case " + expression(item.pattern, indent: inner).joined() + ": return " + expression(item.value, indent: inner).joined())
                }
                lines.append(inner + "default: return " + expression(fallback, indent: inner).joined())
                lines.append(inner + "}")
            }
        }
        lines.append(indent + "}")
    }

    func block(docs: [String], head: String, members: [SwiftDeclaration], indent: String, into lines: inout [String]) {
        appendDocs(docs, indent: indent, into: &lines)
        lines.append(indent + head + " {")
        let inner = indent + Self.indentUnit
        var previousWasDocumented = false
        for (position, member) in members.enumerated() {
            let documented = member.hasDocs || member.isBlock
            if position > 0, documented || previousWasDocumented { lines.append("") }
            render(member, indent: inner, into: &lines)
            previousWasDocumented = documented
        }
        lines.append(indent + "}")
    }

    func inheritance(_ conformances: [String]) -> String {
        conformances.isEmpty ? "" : ": " + conformances.joined(separator: ", ")
    }

    /// `///` lines. Text from the schema reaches here; a line terminator inside it (CR, NEL,
    /// U+2028…) would end the comment and make the rest code, so each doc is split at every
    /// terminator and its control and bidirectional characters are escaped.
    func appendDocs(_ docs: [String], indent: String, into lines: inout [String]) {
        for doc in docs {
            for line in ControlCharacters.lines(doc) {
                lines.append(line.isEmpty ? indent + "///" : indent + "/// " + line)
            }
        }
    }

    /// The expression's lines; the first line has no indentation, the rest are indented from `indent`.
    func expression(_ value: SwiftExpression, indent: String) -> [String] {
        switch value {
        case .identifier(let name): return [name]
        case .stringLiteral(let text): return [stringLiteral(text)]
        case .rawStringLiteral(let text):
            return [rawStringLiteral(text)]
        case .integerLiteral(let number): return [String(number)]
        case .floatLiteral(let number): return [number.description]
        case .booleanLiteral(let flag): return [flag ? "true" : "false"]
        case .nilLiteral: return ["nil"]
        case .member(let base, let name):
            let prefix = base.map { expression($0, indent: indent).joined() } ?? ""
            return [prefix + "." + SwiftNaming.escaped(name)]
        case .optionalMember(let base, let name):
            return [expression(base, indent: indent).joined() + "?." + SwiftNaming.escaped(name)]
        case .call(let callee, let arguments, let multiline):
            let head = expression(callee, indent: indent).joined()
            func argument(_ item: SwiftExpression.Argument, _ inner: String) -> [String] {
                var rendered = expression(item.value, indent: inner)
                if let label = item.label { rendered[0] = "\(label): " + rendered[0] }
                return rendered
            }
            if !multiline || arguments.isEmpty {
                return [head + "(" + arguments.map { argument($0, indent).joined(separator: " ") }.joined(separator: ", ") + ")"]
            }
            return [head + "("] + listLines(arguments.map { argument($0, indent + Self.indentUnit) }, indent: indent, trailingComma: false) + [indent + ")"]
        case .array(let elements, let multiline):
            if !multiline || elements.isEmpty {
                return ["[" + elements.map { expression($0, indent: indent).joined(separator: " ") }.joined(separator: ", ") + "]"]
            }
            return ["["] + listLines(elements.map { expression($0, indent: indent + Self.indentUnit) }, indent: indent) + [indent + "]"]
        case .dictionary(let entries):
            if entries.isEmpty { return ["[:]"] }
            let items = entries.map { entry in
                expression(entry.key, indent: indent).joined() + ": " + expression(entry.value, indent: indent).joined(separator: " ")
            }
            return ["[" + items.joined(separator: ", ") + "]"]
        case .tryExpression(let inner):
            var rendered = expression(inner, indent: indent)
            rendered[0] = "try " + rendered[0]
            return rendered
        case .inoutReference(let name):
            return ["&" + SwiftNaming.escaped(name)]
        case .keyPath(let root, let property):
            return ["\\" + root + "." + SwiftNaming.escaped(property)]
        }
    }

    /// Items one per line, comma-separated; array literals also end with a comma.
    func listLines(_ items: [[String]], indent: String, trailingComma: Bool = true) -> [String] {
        var lines: [String] = []
        for (position, item) in items.enumerated() {
            var rendered = item
            rendered[0] = indent + Self.indentUnit + rendered[0]
            if trailingComma || position < items.count - 1 { rendered[rendered.count - 1] += "," }
            lines += rendered
        }
        return lines
    }

    /// A one-line string literal: quotes and backslashes escaped, and every line terminator,
    /// control and bidirectional character written as an escape, so no text can end the literal.
    func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\0": result += "\\0"
            case _ where ControlCharacters.isUnsafe(scalar): result += ControlCharacters.escape(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A one-line raw string literal (`#"…"#`) with enough `#` that no `"#` or `\#` inside ends
    /// or escapes it; unsafe characters become raw escapes (`\#u{2028}`).
    func rawStringLiteral(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        var body = ""
        for scalar in text.unicodeScalars {
            if ControlCharacters.isUnsafe(scalar) {
                body += "\\" + hashes + "u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                body.unicodeScalars.append(scalar)
            }
        }
        return hashes + "\"" + body + "\"" + hashes
    }
}

extension SwiftDeclaration {
    var hasDocs: Bool {
        switch self {
        case .structure(let value): !value.docs.isEmpty
        case .enumeration(let value): !value.docs.isEmpty
        case .extensionBlock(let value): !value.docs.isEmpty
        case .property(let value): !value.docs.isEmpty
        case .initializer(let value): !value.docs.isEmpty
        case .function(let value): !value.docs.isEmpty
        case .typeAlias(let docs, _, _): !docs.isEmpty
        case .enumCase: false
        }
    }

    var isBlock: Bool {
        switch self {
        case .structure, .enumeration, .extensionBlock, .initializer, .function: true
        case .property, .enumCase, .typeAlias: false
        }
    }
}
