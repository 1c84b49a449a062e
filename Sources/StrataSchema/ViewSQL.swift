/// The SQL of a view of `views:`: one `SELECT` per dialect, created with the view's column names
/// and dropped by name. A view is kept in the IR as an `SQLObject` whose SQL these make, so
/// migrations create, drop and recreate it as any SQL object (around changes to its tables).
public enum ViewSQL {
    /// The comment that opens the type note SQLite keeps in a view's definition.
    static let typeNoteOpening = "/* strata types: "

    /// `CREATE VIEW "name" ("a", "b") AS <query>;`: the columns named in the view's order, so the
    /// generated Swift type reads them by position whatever the query calls them. On SQLite,
    /// whose views have no column types, a note of the schema types follows the names
    /// (`/* strata types: int, string(80)? */`), which `strata pull` reads back.
    public static func create(_ view: ViewDefinition, query: String, in dialect: any DatabaseDialect) -> String {
        var body = query.trimmingWhitespace
        while body.hasSuffix(";") { body = String(body.dropLast()).trimmingWhitespace }
        var header = "CREATE VIEW \(dialect.quoted(view.name)) (\(dialect.quotedList(view.columns.map(\.name))))"
        if dialect.keepsViewColumnTypesInDefinition {
            header += " " + typeNoteOpening + view.columns.map { $0.type.viewTypeText + ($0.isNullable ? "?" : "") }.joined(separator: ", ") + " */"
        }
        return "\(header) AS \(body);"
    }

    /// `DROP VIEW "name";`.
    public static func drop(name: String, in dialect: any DatabaseDialect) -> String {
        "DROP VIEW \(dialect.quoted(name));"
    }

    /// Why `query` is not one query a view can be made of (one statement starting with `SELECT`,
    /// `WITH` or `VALUES`, without NUL); `nil` when it is.
    public static func queryProblem(_ query: String) -> String? {
        if query.unicodeScalars.contains("\0") { return "it contains a NUL character (\\0): remove it" }
        let statements = SQLScript.statements(in: query)
        guard statements.count == 1, let statement = statements.first else {
            return statements.isEmpty ? "it is empty: write the SELECT the view shows" : "it holds \(statements.count) statements: a view is one SELECT"
        }
        let first = SQLiteTokens(statement).tokens.first?.word ?? ""
        guard ["SELECT", "WITH", "VALUES"].contains(first) else { return "it starts with \(first.isEmpty ? "no keyword" : first): a view is one SELECT (or WITH … SELECT)" }
        return nil
    }

    /// Which of `names` the query mentions as a word or a quoted name, in the order of `names`:
    /// the tables (or views) a view reads, found without parsing the query (a name that is
    /// only a column or an alias counts too, which only makes migrations recreate the view
    /// more often than needed).
    public static func referencedNames(in query: String, among names: [String]) -> [String] {
        let mentioned = Set(identifiers(in: query))
        return names.filter { mentioned.contains($0) }
    }

    /// The names of `text`: unquoted words in lower case (SQL folds them), quoted names as
    /// written, inside parenthesised groups (subqueries, arguments) too.
    private static func identifiers(in text: String) -> [String] {
        SQLiteTokens(text).tokens.flatMap { token -> [String] in
            switch token.kind {
            case .word: [token.text.lowercased()]
            case .quotedName: token.identifier.map { [$0] } ?? []
            case .group: token.group.map(identifiers(in:)) ?? []
            case .string, .other: []
            }
        }
    }

    /// The parts of a `CREATE VIEW` statement as SQLite keeps it: the column names of its list
    /// (nil without one), the types of Strata's note (nil without one) and the query after `AS`.
    static func sqliteParts(of sql: String) -> (columns: [String]?, typeNote: [String]?, query: String)? {
        let characters = Array(sql)
        var index = 0, depth = 0
        var columns: [String]?
        var typeNote: [String]?
        func starts(with text: String, at position: Int) -> Bool {
            let word = Array(text)
            guard position + word.count <= characters.count else { return false }
            return zip(characters[position..<position + word.count], word).allSatisfy { $0.uppercased() == $1.uppercased() }
        }
        func isWordCharacter(_ position: Int) -> Bool {
            position >= 0 && position < characters.count && (characters[position].isLetter || characters[position].isNumber || characters[position] == "_")
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\"", "`", "'", "[":
                let close: Character = character == "[" ? "]" : character
                index += 1
                while index < characters.count, characters[index] != close { index += 1 }
            case "(":
                if depth == 0, columns == nil, let end = CatalogText.closingIndex(of: Substring(String(characters[index...]))) {
                    let group = String(characters[index...]).prefix(through: end)
                    columns = CatalogText.topLevelItems(Substring(group.dropFirst().dropLast())).compactMap { SQLiteTokens($0).tokens.first?.identifier }
                    index += group.count - 1
                } else {
                    depth += 1
                }
            case ")":
                depth -= 1
            case "/" where starts(with: typeNoteOpening, at: index):
                let start = index + Array(typeNoteOpening).count
                var end = start
                while end + 1 < characters.count, !(characters[end] == "*" && characters[end + 1] == "/") { end += 1 }
                guard end + 1 < characters.count else { return nil }
                typeNote = String(characters[start..<end]).split(separator: ",").map { $0.trimmingCharacters(in: " ") }
                index = end + 1
            case "a", "A" where depth == 0 && starts(with: "AS", at: index) && !isWordCharacter(index - 1) && !isWordCharacter(index + 2):
                return (columns, typeNote, String(characters[(index + 2)...]).trimmingWhitespace)
            default:
                break
            }
            index += 1
        }
        return nil
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
    }
}
