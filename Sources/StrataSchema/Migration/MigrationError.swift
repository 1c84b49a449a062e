/// An operation that does not fit the schema it is applied to (a migration file edited by hand
/// so that it no longer matches its history, for example).
public struct MigrationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
