import StrataSchema

extension DiagnosticCollector {
    /// The database comment a `doc:` becomes (PostgreSQL `COMMENT ON`): nil without a doc or for
    /// an empty one (PostgreSQL drops an empty comment); a doc holding NUL, which PostgreSQL
    /// cannot store, is an error at its owner's line.
    mutating func databaseComment(_ doc: String?, of owner: String, at location: SourceLocation?) -> String? {
        guard let doc, !doc.isEmpty else { return nil }
        guard !doc.unicodeScalars.contains("\0") else {
            error("the doc of \(owner) contains a NUL character (\\0), which PostgreSQL cannot keep in a comment: remove it", at: location)
            return nil
        }
        return doc
    }
}
