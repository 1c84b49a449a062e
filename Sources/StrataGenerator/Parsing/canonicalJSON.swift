import Yams

/// Canonical JSON text (sorted keys, no spaces) for a YAML mapping, list or scalar used as a JSON
/// default; `nil` when the node cannot be JSON (an alias, for example).
func canonicalJSON(_ node: Node) -> String? {
    switch node {
    case .scalar(let scalar):
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
            guard let json = canonicalJSON(item) else { return nil }
            items.append(json)
        }
        return "[" + items.joined(separator: ",") + "]"
    case .mapping(let mapping):
        var pairs: [(String, String)] = []
        for (key, value) in mapping {
            guard let name = key.scalarText, let json = canonicalJSON(value) else { return nil }
            pairs.append((name, json))
        }
        pairs.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return "{" + pairs.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    case .alias:
        return nil
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
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
