import StrataSchema

/// A best guess at the snake_case identifier the user meant (`createdAt` → `created_at`).
func snakeCaseSuggestion(_ name: String) -> String {
    var result = ""
    for scalar in name.unicodeScalars {
        if ("A"..."Z").contains(scalar) {
            if !result.isEmpty, result.last != "_" { result += "_" }
            result += String(scalar).lowercased()
        } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
            result.unicodeScalars.append(scalar)
        } else {
            result += "_"
        }
    }
    if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
    return String(result.prefix(NamingConvention.maximumIdentifierLength))
}

extension DiagnosticCollector {
    /// Reports `name` unless it is a valid schema identifier; `owner` says where (" in enum 'tier'").
    /// - Returns: Whether the name is valid.
    @discardableResult
    mutating func checkIdentifier(_ name: Located<String>, kind: String, owner: String = "") -> Bool {
        if Schema.isValidIdentifier(name.value) { return true }
        if name.value.utf8.count > NamingConvention.maximumIdentifierLength {
            error("\(kind) '\(name.value)'\(owner) is longer than PostgreSQL's limit of 63 bytes: choose a shorter name", at: name.location)
        } else {
            let suggestion = snakeCaseSuggestion(name.value)
            let hint = suggestion.isEmpty || suggestion == name.value ? "" : " (such as '\(suggestion)')"
            error("invalid \(kind) '\(name.value)'\(owner): use lowercase letters, digits and underscores, starting with a letter or underscore\(hint)", at: name.location)
        }
        return false
    }
}
