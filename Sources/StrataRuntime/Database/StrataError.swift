import StrataSchema

/// What went wrong in a repository operation, typed so that callers can react to it.
public enum StrataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No row of `table` has the key.
    case notFound(table: String, key: String)
    /// A unique constraint (or the primary key) rejected a duplicate.
    case uniqueViolation(table: String, constraint: String?, message: String)
    /// A foreign key rejected a missing parent, or a parent still referenced.
    case foreignKeyViolation(table: String?, constraint: String?, message: String)
    /// A CHECK constraint rejected a value.
    case checkViolation(table: String?, constraint: String?, message: String)
    /// NULL written to a NOT NULL column.
    case notNullViolation(table: String?, column: String?, message: String)
    /// The database could not be reached or opened; the URL's password is hidden.
    case connectionFailed(url: String, message: String)
    /// A stored value could not be read as its Swift type.
    case decoding(String)
    /// Migrating an empty database with an empty migration history: there is nothing that creates
    /// the tables (`db.migrate` in an app whose migrations were never written).
    case emptyMigrationHistory
    /// A filter, ordering, assignment or grouping names a key path that is not a stored column
    /// of `table` (a computed property): a mistake in the calling code.
    case notAColumn(table: String, keyPath: String)
    /// An update by key or by filter with no assignment and no `on_update: now` column.
    case emptyUpdate(table: String)
    /// A transaction's session was used after its closure returned.
    case transactionEnded
    /// The database was used, not the transaction's session, inside one of its own
    /// transactions: that call would wait for the transaction forever.
    case reentrantUse(url: String)
    /// A statement that writes, run in a read-only transaction (`db.read { }`).
    case writeInReadTransaction
    /// An update of a value whose `auto_increment` key is still nil: it was never inserted.
    case keyNotAssigned(table: String)
    /// An assignment to a column the database computes (`generated:`).
    case generatedColumn(table: String, column: String)
    /// The database was used after `close()`.
    case databaseClosed(url: String)
    /// Any other error from the database, with its message.
    case database(message: String)

    /// What went wrong, in words (table, constraint and the database's message).
    public var description: String {
        switch self {
        case .notFound(let table, let key):
            "no row of '\(table)' has the key \(key)"
        case .uniqueViolation(let table, let constraint, let message):
            "unique constraint \(constraint.map { "'\($0)' " } ?? "")on '\(table)' violated: \(message)"
        case .foreignKeyViolation(let table, let constraint, let message):
            "foreign key \(constraint.map { "'\($0)' " } ?? "")\(table.map { "on '\($0)' " } ?? "")violated: \(message)"
        case .checkViolation(let table, let constraint, let message):
            "check constraint \(constraint.map { "'\($0)' " } ?? "")\(table.map { "on '\($0)' " } ?? "")violated: \(message)"
        case .notNullViolation(let table, let column, let message):
            "NULL in non-null column \([table, column].compactMap { $0 }.joined(separator: ".")): \(message)"
        case .connectionFailed(let url, let message):
            "cannot connect to \(url): \(message)"
        case .decoding(let message):
            "cannot read a stored value: \(message)"
        case .emptyMigrationHistory:
            "the migration history is empty, so nothing creates the tables of this empty database: write the first migration with 'swift package --allow-writing-to-package-directory strata revision --autogenerate -m \"create tables\"' (add '--schema Sources/<Target>/schema.yaml' when the build-tool plugin generates the models), build again, and migrate"
        case .notAColumn(let table, let keyPath):
            "\(keyPath) is not a stored column of '\(table)': filter, order and assign only the model's stored properties"
        case .emptyUpdate(let table):
            "an update of '\(table)' needs at least one assignment"
        case .transactionEnded:
            "this transaction has ended: use the session inside the transaction's closure only"
        case .reentrantUse(let url):
            "\(url) was used inside one of its own transactions, where that call would wait for the transaction forever: use the session the transaction's closure receives (`db.transaction { tx in … tx.repository(…) }`)"
        case .writeInReadTransaction:
            "a read transaction (db.read { }) cannot write: use db.transaction { } for writes"
        case .generatedColumn(let table, let column):
            "'\(column)' of '\(table)' is computed by the database (generated): assign the columns it is computed from"
        case .databaseClosed(let url):
            "the database \(url) was used after it was closed"
        case .keyNotAssigned(let table):
            "this value of '\(table)' has no key yet (its auto_increment key is nil), so no row is its row: insert it first (insert returns it with the key the database assigned)"
        case .database(let message):
            message
        }
    }
}
