import StrataSchema
import Yams

/// Why a YAML node cannot become a JSON default.
enum CanonicalJSONFailure: Error, Equatable {
    /// A mapping key that is not a scalar, or an unresolved alias.
    case notJSON
    /// More than `SourceText.maximumDefaultNodes` nodes, aliases counted at each use.
    case tooManyNodes
    /// Nested deeper than `SourceText.maximumDepth`.
    case tooDeep
    /// Longer than `SourceText.maximumDefaultBytes` of JSON text.
    case tooLong
    /// A NUL character in a key or value (PostgreSQL's `jsonb` cannot store `\u0000`).
    case containsNUL
}

/// Canonical JSON text (sorted keys, no spaces) for a YAML mapping, list or scalar used as a JSON
/// default. The walk is bounded: YAML aliases let a small document name a tree with billions of
/// nodes, so every node visited (each use of an alias included) counts against a budget, and the
/// walk stops at the first node past it.
/// - Throws: `CanonicalJSONFailure`.
func canonicalJSON(_ node: Node) throws(CanonicalJSONFailure) -> String {
    var visited = 0
    let text = try canonicalJSON(node, depth: 0, visited: &visited)
    guard text.utf8.count <= SourceText.maximumDefaultBytes else { throw .tooLong }
    return text
}

private func canonicalJSON(_ node: Node, depth: Int, visited: inout Int) throws(CanonicalJSONFailure) -> String {
    visited += 1
    guard visited <= SourceText.maximumDefaultNodes else { throw .tooManyNodes }
    guard depth <= SourceText.maximumDepth else { throw .tooDeep }
    switch node {
    case .scalar(let scalar):
        if scalar.string.unicodeScalars.contains("\0") { throw .containsNUL }
        if node.isQuotedScalar { return jsonString(scalar.string) }
        let text = scalar.string
        if node.isNull { return "null" }
        if text == "true" || text == "false" { return text }
        if Int64(text) != nil { return text }
        if let number = Double(text), number.isFinite { return number.description }
        return jsonString(text)
    case .sequence(let sequence):
        var items: [String] = []
        for item in sequence {
            items.append(try canonicalJSON(item, depth: depth + 1, visited: &visited))
        }
        return "[" + items.joined(separator: ",") + "]"
    case .mapping(let mapping):
        var pairs: [(String, String)] = []
        for (key, value) in mapping {
            guard let name = key.scalarText else { throw .notJSON }
            if name.unicodeScalars.contains("\0") { throw .containsNUL }
            pairs.append((name, try canonicalJSON(value, depth: depth + 1, visited: &visited)))
        }
        pairs.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return "{" + pairs.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    case .alias:
        throw .notJSON
    }
}

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where ControlCharacters.isUnsafe(scalar):
            // Control, line-ending and bidirectional characters as \uXXXX: the same JSON value,
            // and in a YAML double-quoted scalar (migration files) NEL, U+2028 and U+2029 would
            // otherwise be folded as line breaks.
            result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
