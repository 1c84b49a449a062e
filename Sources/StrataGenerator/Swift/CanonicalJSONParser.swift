/// Reads the canonical JSON text that `canonicalJSON` writes back into a `JSONValue` literal
/// expression, for initializer defaults of `json` columns.
struct CanonicalJSONParser {
    let text: [Unicode.Scalar]
    var position = 0

    init(text: [Unicode.Scalar]) {
        self.text = text
    }

    mutating func parseValue() -> SwiftExpression? {
        guard position < text.count else { return nil }
        switch text[position] {
        case "{":
            position += 1
            var entries: [SwiftExpression.DictionaryEntry] = []
            while position < text.count, text[position] != "}" {
                guard case .stringLiteral(let key)? = parseString() else { return nil }
                position += 1  // ':'
                guard let value = parseValue() else { return nil }
                entries.append(.init(key: .stringLiteral(key), value: value))
                if position < text.count, text[position] == "," { position += 1 }
            }
            position += 1
            return .dictionary(entries)
        case "[":
            position += 1
            var elements: [SwiftExpression] = []
            while position < text.count, text[position] != "]" {
                guard let value = parseValue() else { return nil }
                elements.append(value)
                if position < text.count, text[position] == "," { position += 1 }
            }
            position += 1
            return .array(elements, multiline: false)
        case "\"":
            return parseString()
        default:
            var token = ""
            while position < text.count, !",]}".unicodeScalars.contains(text[position]) {
                token.unicodeScalars.append(text[position])
                position += 1
            }
            if token == "true" || token == "false" { return .booleanLiteral(token == "true") }
            if token == "null" { return .nilLiteral }
            if let number = Int64(token) { return .integerLiteral(number) }
            if let number = Double(token) { return .floatLiteral(number) }
            return nil
        }
    }

    mutating func parseString() -> SwiftExpression? {
        guard position < text.count, text[position] == "\"" else { return nil }
        position += 1
        var result = ""
        while position < text.count, text[position] != "\"" {
            if text[position] == "\\", position + 1 < text.count {
                position += 1
                switch text[position] {
                case "n": result += "\n"
                case "r": result += "\r"
                case "t": result += "\t"
                case "u":
                    let hex = String(String.UnicodeScalarView(text[(position + 1)..<min(position + 5, text.count)]))
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { result.unicodeScalars.append(scalar) }
                    position += 4
                default: result.unicodeScalars.append(text[position])
                }
            } else {
                result.unicodeScalars.append(text[position])
            }
            position += 1
        }
        position += 1
        return .stringLiteral(result)
    }
}
