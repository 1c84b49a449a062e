/// What only the text of SQLite's `CREATE TABLE` holds: constraint names and CHECK conditions
/// (the pragmas give columns, keys and indexes, but neither of these).
struct SQLiteTableDefinition {
    /// A CHECK, with the name of its `CONSTRAINT` clause and the column it is written on.
    struct Check {
        var name: String?
        var expression: String
        var column: String?
    }

    /// A named PRIMARY KEY, UNIQUE or FOREIGN KEY, with the columns it is on.
    struct NamedConstraint {
        var name: String
        var kind: String
        var columns: [String]
    }

    var checks: [Check] = []
    var named: [NamedConstraint] = []
    var isWithoutRowID = false
    /// The column declared `PRIMARY KEY AUTOINCREMENT`, if any.
    var autoIncrementColumn: String?
    /// Generated columns: the expression, and whether it is stored (not `VIRTUAL`).
    var generated: [String: (expression: String, isStored: Bool)] = [:]

    /// Reads `sql`, a `CREATE TABLE` statement as `sqlite_master` keeps it.
    init(sql: String) {
        let text = Substring(sql)
        guard let open = text.firstIndex(of: "(") else { return }
        let body = text[open...]
        guard let close = CatalogText.closingIndex(of: body) else { return }
        isWithoutRowID = text[text.index(after: close)...].uppercased().contains("WITHOUT ROWID")
        for item in CatalogText.topLevelItems(body.dropFirst()[..<close]) {
            read(item: item)
        }
    }

    private mutating func read(item: String) {
        let tokens = SQLiteTokens(item).tokens
        guard let first = tokens.first else { return }
        let keyword = first.word
        let isTableConstraint = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].contains(keyword)
        let column: String? = isTableConstraint ? nil : first.identifier
        var pendingName: String?
        var index = isTableConstraint ? 0 : 1
        while index < tokens.count {
            let token = tokens[index]
            switch token.word {
            case "CONSTRAINT":
                if index + 1 < tokens.count { pendingName = tokens[index + 1].identifier }
                index += 2
                continue
            case "CHECK":
                if index + 1 < tokens.count, let group = tokens[index + 1].group {
                    checks.append(Check(name: pendingName, expression: CatalogText.unwrapped(group), column: column))
                    index += 2
                    pendingName = nil
                    continue
                }
            case "PRIMARY", "UNIQUE", "FOREIGN":
                let kind = token.word == "FOREIGN" ? "FOREIGN KEY" : token.word == "PRIMARY" ? "PRIMARY KEY" : "UNIQUE"
                var columns: [String] = column.map { [$0] } ?? []
                if column == nil, let group = tokens[(index + 1)...].prefix(2).first(where: { $0.group != nil })?.group {
                    columns = CatalogText.topLevelItems(Substring(group)).map { SQLiteTokens($0).tokens.first?.identifier ?? $0 }
                }
                if let name = pendingName { named.append(NamedConstraint(name: name, kind: kind, columns: columns)) }
                pendingName = nil
            case "AUTOINCREMENT":
                if let column { autoIncrementColumn = column }
            case "AS":
                // [GENERATED ALWAYS] AS (expression) [STORED | VIRTUAL]
                if let column, index + 1 < tokens.count, let group = tokens[index + 1].group {
                    let isStored = index + 2 < tokens.count && tokens[index + 2].word == "STORED"
                    generated[column] = (CatalogText.unwrapped(group.trimmingSpaces), isStored)
                    index += 2
                    continue
                }
            case "REFERENCES":
                if let name = pendingName, let column { named.append(NamedConstraint(name: name, kind: "FOREIGN KEY", columns: [column])) }
                pendingName = nil
            default:
                break
            }
            index += 1
        }
    }

    /// The name given to the constraint of `kind` on exactly `columns`, if it is one the schema
    /// accepts (otherwise the convention's name is used, as a rebuild would).
    func name(of kind: String, columns: [String]) -> String? {
        named.first { $0.kind == kind && $0.columns == columns && Schema.isValidIdentifier($0.name) }?.name
    }
}

/// SQLite's tokens, as far as table definitions need them: words, quoted names, string
/// literals, and parenthesised groups kept as text.
struct SQLiteTokens {
    struct Token {
        var text: String
        var kind: Kind
        enum Kind { case word, quotedName, string, group, other }

        /// The word in upper case, or "" when the token is not a word.
        var word: String { kind == .word ? text.uppercased() : "" }
        /// The name a word or quoted name stands for.
        var identifier: String? {
            switch kind {
            case .word: return text
            case .quotedName:
                let close = text.first == "[" ? "]" : String(text.first!)
                let inner = String(text.dropFirst().dropLast())
                return close == "]" ? inner : inner.collapsingDoubled(Character(close))
            default: return nil
            }
        }
        /// The text inside a group's parentheses.
        var group: String? { kind == .group ? String(text.dropFirst().dropLast()) : nil }
    }

    var tokens: [Token] = []

    init(_ text: String) {
        let characters = Array(text)
        var index = 0
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" }
        while index < characters.count {
            let c = characters[index]
            if c.isWhitespace { index += 1; continue }
            if c == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if c == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") { index += 1 }
                index += 2
                continue
            }
            let start = index
            switch c {
            case "\"", "`", "'", "[":
                let close: Character = c == "[" ? "]" : c
                index += 1
                while index < characters.count {
                    if characters[index] == close {
                        if close != "]", index + 1 < characters.count, characters[index + 1] == close { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index = min(index + 1, characters.count)
                tokens.append(Token(text: String(characters[start..<index]), kind: c == "'" ? .string : .quotedName))
            case "(":
                let rest = Substring(String(characters[start...]))
                if let close = CatalogText.closingIndex(of: rest) {
                    let length = rest.distance(from: rest.startIndex, to: close) + 1
                    index += length
                } else {
                    index = characters.count
                }
                tokens.append(Token(text: String(characters[start..<index]), kind: .group))
            default:
                if isWordCharacter(c) {
                    while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
                    tokens.append(Token(text: String(characters[start..<index]), kind: .word))
                } else {
                    index += 1
                    tokens.append(Token(text: String(c), kind: .other))
                }
            }
        }
    }
}

extension String {
    /// The text with each doubled `quote` written once (`a""b` → `a"b`).
    func collapsingDoubled(_ quote: Character) -> String {
        var result = ""
        var previousWasQuote = false
        for character in self {
            if character == quote, previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == quote
            result.append(character)
        }
        return result
    }
}
