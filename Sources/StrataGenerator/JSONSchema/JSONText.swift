/// A JSON value whose object keys keep their order, rendered deterministically (two-space
/// indentation, one member per line), for files a person reads, such as the JSON Schema.
indirect enum JSONText: Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONText])
    case object([(key: String, value: JSONText)])

    /// The value as JSON text starting at `indent` spaces.
    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        let inner = String(repeating: " ", count: indent + 2)
        switch self {
        case .string(let text): return jsonString(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + $0.rendered(indent: indent + 2) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + jsonString($0.key) + ": " + $0.value.rendered(indent: indent + 2) }.joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    var isScalar: Bool {
        switch self {
        case .string, .integer, .bool: true
        case .array, .object: false
        }
    }
}
