/// Splits an SQL script into statements at top-level semicolons: semicolons inside string
/// literals, quoted identifiers, dollar-quoted bodies (`$tag$ … $tag$`) and comments do not count,
/// and neither do those inside the body of a `CREATE TRIGGER` or of a `BEGIN ATOMIC` function,
/// which end at `END;` (as SQLite's `sqlite3_complete` reads them).
public enum SQLScript {
    /// The statements of `script`, each trimmed and ending with its `;` when it had one.
    public static func statements(in script: String) -> [String] {
        let scalars = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        // The current statement's words outside quotes and comments, upper-cased.
        var words: [String] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { words.append(word.uppercased()) }
            word = ""
        }
        /// Whether the statement has a body of statements that only `END` closes.
        func isInsideBody() -> Bool {
            guard words.first == "CREATE", words.last != "END", let begin = words.firstIndex(of: "BEGIN") else { return false }
            // SQLite: CREATE [TEMP] TRIGGER … BEGIN … END (PostgreSQL's triggers have no body);
            // PostgreSQL: a function or procedure with a BEGIN ATOMIC … END body.
            let isTrigger = words.prefix(4).contains("TRIGGER")
            return isTrigger || (begin + 1 < words.count && words[begin + 1] == "ATOMIC")
        }
        func flush() {
            let text = String(current).trimmingWhitespace
            if !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
            words = []
            word = ""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "'", "\"":
                endWord()
                // Quotes are escaped by doubling, so scanning to the next quote is enough.
                current.append(scalar)
                index += 1
                while index < scalars.count {
                    current.append(scalars[index])
                    index += 1
                    if scalars[index - 1] == scalar { break }
                }
                continue
            case "-" where next == "-":
                endWord()
                while index < scalars.count, scalars[index] != "\n" { current.append(scalars[index]); index += 1 }
                continue
            case "/" where next == "*":
                endWord()
                current.append(scalar); current.append("*"); index += 2
                while index < scalars.count, !(scalars[index] == "*" && index + 1 < scalars.count && scalars[index + 1] == "/") {
                    current.append(scalars[index]); index += 1
                }
                if index < scalars.count { current.append("*"); current.append("/"); index += 2 }
                continue
            case "$":
                // A dollar quote: $tag$ … $tag$ (tag of letters, digits, underscores; maybe empty).
                var end = index + 1
                while end < scalars.count, scalars[end] == "_" || scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) { end += 1 }
                if end < scalars.count, scalars[end] == "$" {
                    let tag = Array(scalars[index...end])
                    current.append(contentsOf: tag)
                    index = end + 1
                    while index < scalars.count {
                        if scalars[index] == "$", index + tag.count <= scalars.count, Array(scalars[index..<(index + tag.count)]) == tag {
                            current.append(contentsOf: tag)
                            index += tag.count
                            break
                        }
                        current.append(scalars[index])
                        index += 1
                    }
                    continue
                }
            case ";":
                endWord()
                current.append(scalar)
                if !isInsideBody() { flush() }
                index += 1
                continue
            default:
                break
            }
            if scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else {
                endWord()
            }
            current.append(scalar)
            index += 1
        }
        flush()
        return statements
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
