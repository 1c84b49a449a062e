/// The rules a `check:` expression must follow before it is put between `CHECK (` and `)`.
///
/// A check is written by a person and pasted into DDL on both dialects, so it must be exactly one
/// condition over its table's own columns: nothing in it may close the surrounding parenthesis,
/// end the statement, start a comment that swallows the rest of the line, or be lexed one way by
/// SQLite and another by PostgreSQL (`E'\''`, `$$…$$`, `[name]`). The scan below reads the text
/// as both databases do and accepts only what they agree on; the generator then lets SQLite's
/// parser prepare it against the table, which finds syntax errors and unknown functions.
public enum CheckExpression {
    /// Why an expression is rejected; `message` says what to do.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong and what to do.
        public var message: String
        /// The 0-based character offset of the problem within the expression.
        public var offset: Int

        public var description: String { message }
    }

    /// Words that are SQL syntax rather than column names.
    static let keywords: Set<String> = [
        "and", "or", "not", "is", "null", "in", "like", "glob", "between", "case", "when", "then", "else", "end",
        "true", "false", "cast", "as", "collate", "escape", "distinct", "from", "isnull", "notnull", "regexp",
        "current_date", "current_time", "current_timestamp", "similar", "to", "ilike", "any", "all", "some",
    ]

    /// Words that would make the text more than one condition (a statement or a subquery).
    static let forbiddenWords: Set<String> = [
        "select", "insert", "update", "delete", "create", "drop", "alter", "pragma", "attach", "detach", "vacuum",
        "exists", "values", "with", "union", "into", "grant", "revoke", "copy", "truncate", "begin", "commit", "rollback",
    ]

    /// Checks `expression` against the rules above.
    /// - Parameters:
    ///   - expression: The text after `check:`.
    ///   - columns: The names of the table's columns.
    ///   - allowsPostgreSQLCasts: Whether PostgreSQL's own forms are accepted (an expression
    ///     written for PostgreSQL only, such as a default): `::type` casts, and a quoted name
    ///     called as a function (`"left"(body, 10)`, as PostgreSQL writes keyword functions).
    /// - Throws: `Problem` for the first rule broken.
    public static func validate(_ expression: String, columns: [String], allowsPostgreSQLCasts: Bool = false) throws(Problem) {
        let scalars = Array(expression.unicodeScalars)
        var index = 0
        var depth = 0
        var sawToken = false
        let known = Set(columns)
        func problem(_ message: String, at offset: Int) -> Problem { Problem(message: message, offset: offset) }
        func isWordStart(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" }
        func isWord(_ scalar: Unicode.Scalar) -> Bool { isWordStart(scalar) || ("0"..."9").contains(scalar) }
        func character(_ scalar: Unicode.Scalar) -> String { ControlCharacters.isUnsafe(scalar) || scalar == " " ? ControlCharacters.escape(scalar) : String(scalar) }
        /// The words read so far, lowercased, for the context of the next one.
        var previousWord: String?
        var skipTypeName = false
        /// After `::`, the one word that names the type.
        var castTypeNext = false

        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
                continue
            case "'", "\"":
                if index > 0, isWord(scalars[index - 1]) {
                    throw problem("a prefixed string or name (such as E'…', X'…' or U&\"…\") is read differently by SQLite and PostgreSQL: write a plain '…' string", at: index - 1)
                }
                let start = index
                var text = String.UnicodeScalarView()
                index += 1
                var closed = false
                while index < scalars.count {
                    if scalars[index] == scalar {
                        if index + 1 < scalars.count, scalars[index + 1] == scalar {
                            text.append(scalar)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if scalars[index] == "\0" { throw problem("a NUL character (\\0) cannot be part of a check", at: index) }
                    if scalars[index] == "\\" {
                        throw problem("a backslash inside quotes is read as an escape by PostgreSQL when standard_conforming_strings is off: write the text without it", at: index)
                    }
                    text.append(scalars[index])
                    index += 1
                }
                guard closed else {
                    throw problem(scalar == "'" ? "a string starts here but never ends: close it with '" : "a quoted name starts here but never ends: close it with \"", at: start)
                }
                // PostgreSQL writes a function named by a keyword quoted (`"left"(body, 10)`).
                var after = index
                while after < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[after]) { after += 1 }
                let isQuotedCall = scalar == "\"" && allowsPostgreSQLCasts && after < scalars.count && scalars[after] == "("
                if scalar == "\"", !isQuotedCall {
                    let name = String(text)
                    guard known.contains(name) else {
                        throw problem("\"\(ControlCharacters.escaped(name))\" is not a column of this table\(suggestion(name, among: columns)); a check may name only its table's columns (write text in single quotes)", at: start)
                    }
                }
                sawToken = true
                previousWord = nil
                continue
            case "(":
                depth += 1
            case ")":
                depth -= 1
                guard depth >= 0 else {
                    throw problem("')' closes a parenthesis that the check did not open: a check is one condition, and a ')' here would end the CHECK constraint", at: index)
                }
                skipTypeName = false
            case ";":
                throw problem("';' ends a statement: a check is one condition, not statements", at: index)
            case "-" where next == "-", "/" where next == "*":
                throw problem("a comment ('\(scalar)\(next!)') is not allowed in a check: it could hide the rest of the statement; remove it", at: index)
            case "+", "-", "*", "/", "%", "<", ">", "=", "!", "|", "&", "~", "^", ",":
                break
            case ":" where allowsPostgreSQLCasts && next == ":":
                // `::type`: the next word is a type name.
                index += 2
                castTypeNext = true
                continue
            case "0"..."9", ".":
                // A number: digits, a point, an exponent. A '.' that does not start or continue a
                // number is a qualified name, which neither database allows in a check.
                guard scalar != "." || (next.map { ("0"..."9").contains($0) } ?? false) else {
                    throw problem("'.' is not allowed here: name the column alone, without its table", at: index)
                }
                while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." { index += 1 }
                if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
                    index += 1
                    if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
                    while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                }
                if index < scalars.count, isWordStart(scalars[index]) {
                    throw problem("a number runs into a name here: put a space or an operator between them", at: index)
                }
                sawToken = true
                previousWord = nil
                continue
            case _ where isWordStart(scalar):
                let start = index
                while index < scalars.count, isWord(scalars[index]) { index += 1 }
                if index < scalars.count, scalars[index] == "'" || scalars[index] == "\"" || scalars[index] == "&" {
                    throw problem("a prefixed string or name (such as E'…', X'…' or U&\"…\") is read differently by SQLite and PostgreSQL: write a plain '…' string", at: start)
                }
                let word = String(String.UnicodeScalarView(scalars[start..<index]))
                let lowered = word.lowercased()
                var after = index
                while after < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[after]) { after += 1 }
                let isCall = after < scalars.count && scalars[after] == "("
                if forbiddenWords.contains(lowered) {
                    throw problem("'\(word)' is not allowed in a check: a check is one condition over the table's columns, not a statement or a subquery", at: start)
                }
                if index < scalars.count, scalars[index] == "." {
                    throw problem("'\(word).' names another table or schema: a check may name only its own table's columns, without a prefix", at: start)
                }
                if castTypeNext {
                    castTypeNext = false  // the type of `::type`
                } else if skipTypeName || previousWord == "collate" {
                    // The type of CAST(x AS type) or a collation name.
                } else if !isCall, !keywords.contains(lowered), !known.contains(lowered) {
                    throw problem("'\(word)' is not a column of this table\(suggestion(lowered, among: columns)); a check may name only its table's columns (write text in single quotes)", at: start)
                }
                if lowered == "as" { skipTypeName = true }
                previousWord = lowered
                sawToken = true
                continue
            default:
                throw problem("the character '\(character(scalar))' is not allowed in a check: use column names, literals in single quotes, numbers, operators and parentheses", at: index)
            }
            if scalar != "(" && scalar != ")" { previousWord = nil }
            sawToken = true
            index += 1
        }
        guard sawToken else { throw problem("the check is empty: write a condition such as 'quantity >= 0'", at: 0) }
        guard depth == 0 else {
            throw problem("\(depth) parenthesis\(depth == 1 ? " is" : "es are") opened and never closed: close \(depth == 1 ? "it" : "them") with ')'", at: scalars.count)
        }
    }

    /// ` (did you mean 'x'?)` for a column name close to `word`.
    static func suggestion(_ word: String, among columns: [String]) -> String {
        NameSuggestion.closest(to: word, among: columns).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
