/// A YAML value to write: Strata renders migration files itself so that they are deterministic
/// to the byte and read well (small mappings in flow style, one operation per list item).
indirect enum YAMLText: Hashable, Sendable {
    /// A scalar; `quoted` forces quotes (strings that must not read as keywords or numbers).
    case scalar(String, quoted: Bool = false)
    /// A YAML keyword written as is: `true`, `false`, `~`.
    case keyword(String)
    case sequence([YAMLText], flow: Bool)
    case mapping([(key: String, value: YAMLText)], flow: Bool)

    static func == (lhs: YAMLText, rhs: YAMLText) -> Bool { lhs.inline == rhs.inline && lhs.block(indent: 0) == rhs.block(indent: 0) }
    func hash(into hasher: inout Hasher) { hasher.combine(block(indent: 0)) }

    /// Flow text (`{a: 1, b: [x, y]}`).
    var inline: String {
        switch self {
        case .scalar(let text, let quoted): return Self.scalarText(text, quoted: quoted)
        case .keyword(let text): return text
        case .sequence(let items, _): return "[" + items.map(\.inline).joined(separator: ", ") + "]"
        case .mapping(let pairs, _): return "{" + pairs.map { "\($0.key): \($0.value.inline)" }.joined(separator: ", ") + "}"
        }
    }

    /// Block lines at `indent` spaces.
    func block(indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .scalar, .keyword, .sequence(_, flow: true), .mapping(_, flow: true):
            return [pad + inline]
        case .sequence(let items, flow: false):
            if items.isEmpty { return [pad + "[]"] }
            return items.flatMap { item -> [String] in
                switch item {
                case .mapping(let pairs, flow: false) where !pairs.isEmpty:
                    var lines = YAMLText.mapping(pairs, flow: false).block(indent: indent + 2)
                    lines[0] = pad + "- " + lines[0].dropFirst(indent + 2)
                    return lines
                default:
                    return [pad + "- " + item.inline]
                }
            }
        case .mapping(let pairs, flow: false):
            if pairs.isEmpty { return [pad + "{}"] }
            return pairs.flatMap { pair -> [String] in
                switch pair.value {
                case .mapping(_, flow: false), .sequence(_, flow: false):
                    return [pad + pair.key + ":"] + pair.value.block(indent: indent + 2)
                default:
                    return [pad + pair.key + ": " + pair.value.inline]
                }
            }
        }
    }

    /// A plain scalar when that reads back as the same string; otherwise double-quoted with
    /// JSON escapes (valid YAML).
    static func scalarText(_ text: String, quoted: Bool) -> String {
        if !quoted, isPlainSafe(text) { return text }
        return jsonString(text)
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        let reserved: Set<String> = ["true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"]
        guard !reserved.contains(text.lowercased()) else { return false }
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "_-.()".unicodeScalars.contains(scalar)
        }
        return (("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first) || first == "_")
            && text.unicodeScalars.allSatisfy(allowed)
    }
}
