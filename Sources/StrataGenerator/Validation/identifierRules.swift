import StrataSchema

extension DiagnosticCollector {
    /// Reports `name` unless it is a valid schema identifier; `owner` says where (" in enum 'tier'").
    /// - Returns: Whether the name is valid.
    @discardableResult
    mutating func checkIdentifier(_ name: Located<String>, kind: String, owner: String = "") -> Bool {
        if Schema.isValidIdentifier(name.value) { return true }
        if name.value.utf8.count > NamingConvention.maximumIdentifierLength {
            error("\(kind) '\(name.value)'\(owner) is longer than PostgreSQL's limit of 63 bytes: choose a shorter name", at: name.location)
        } else {
            let suggestion = Schema.suggestedIdentifier(for: name.value)
            let hint = suggestion.isEmpty || suggestion == name.value ? "" : " (such as '\(suggestion)')"
            error("invalid \(kind) '\(name.value)'\(owner): use lowercase letters, digits and underscores, starting with a letter or underscore\(hint)", at: name.location)
        }
        return false
    }
}
