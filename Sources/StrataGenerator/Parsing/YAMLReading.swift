import Yams

/// Small helpers for walking a composed YAML tree with strict keys and locations.
extension Node {
    var location: SourceLocation? {
        mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }

    /// A short description of the node's kind for messages ("a mapping", "a list", "a scalar").
    var kindDescription: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The scalar's text, when the node is a scalar.
    var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// Whether the node is a scalar written with quotes.
    var isQuotedScalar: Bool {
        if case .scalar(let scalar) = self {
            return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        }
        return false
    }

    /// Whether the node is the YAML null (`~`, `null` or nothing).
    var isNull: Bool {
        if case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }
}

/// One `key: value` of a mapping, key as text.
struct MappingEntry {
    var key: String
    var keyNode: Node
    var value: Node
}

extension DiagnosticCollector {
    /// The entries of `node` if it is a mapping whose keys are all known; reports the others.
    /// - Parameters:
    ///   - node: The node that should be a mapping.
    ///   - allowedKeys: The keys this mapping may hold.
    ///   - context: What the mapping is, for messages ("column 'patterns.name'").
    mutating func entries(of node: Node, allowedKeys: [String], context: String) -> [MappingEntry] {
        guard case .mapping(let mapping) = node else {
            error("\(context) must be a mapping, not \(node.kindDescription)", at: node.location)
            return []
        }
        var result: [MappingEntry] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalarText else {
                error("keys in \(context) must be plain names", at: keyNode.location)
                continue
            }
            guard allowedKeys.contains(key) else {
                let allowed = allowedKeys.map { "'\($0)'" }.joined(separator: ", ")
                let hint = didYouMean(key, among: allowedKeys)
                let remedy = hint.isEmpty ? "; allowed keys: \(allowed)" : hint
                error("unknown key '\(key)' in \(context)\(remedy)", at: keyNode.location)
                continue
            }
            result.append(MappingEntry(key: key, keyNode: keyNode, value: value))
        }
        return result
    }

    /// The entries of a mapping whose keys are names chosen by the user (tables, columns, enums).
    mutating func namedEntries(of node: Node, context: String) -> [MappingEntry] {
        if node.isNull { return [] }
        guard case .mapping(let mapping) = node else {
            error("\(context) must be a mapping of names, not \(node.kindDescription)", at: node.location)
            return []
        }
        var result: [MappingEntry] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalarText else {
                error("names in \(context) must be plain text", at: keyNode.location)
                continue
            }
            result.append(MappingEntry(key: key, keyNode: keyNode, value: value))
        }
        return result
    }

    /// The text of a scalar; reports anything else.
    mutating func scalar(_ node: Node, _ what: String) -> Located<String>? {
        guard let text = node.scalarText else {
            error("\(what) must be a single value, not \(node.kindDescription)", at: node.location)
            return nil
        }
        return Located(value: text, location: node.location)
    }

    /// A `true` / `false` scalar; reports anything else.
    mutating func bool(_ node: Node, _ what: String) -> Located<Bool>? {
        switch node.scalarText {
        case "true"?: return Located(value: true, location: node.location)
        case "false"?: return Located(value: false, location: node.location)
        default:
            error("\(what) must be true or false, not '\(node.scalarText ?? node.kindDescription)'", at: node.location)
            return nil
        }
    }

    /// A list of scalars (a single scalar counts as a list of one); reports anything else.
    mutating func scalarList(_ node: Node, _ what: String) -> [Located<String>]? {
        switch node {
        case .scalar:
            return scalar(node, what).map { [$0] }
        case .sequence(let sequence):
            var items: [Located<String>] = []
            for item in sequence {
                guard let text = scalar(item, "each item of \(what)") else { return nil }
                items.append(text)
            }
            return items
        default:
            error("\(what) must be a list of names, not \(node.kindDescription)", at: node.location)
            return nil
        }
    }
}
