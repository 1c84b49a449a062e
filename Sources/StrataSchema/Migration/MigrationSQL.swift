/// One operation with the SQL that runs it on one dialect.
public struct RenderedOperation: Hashable, Sendable {
    public var operation: MigrationOperation
    public var statements: [String]
}

extension DatabaseDialect {
    /// The SQL of a list of operations, starting from the schema `start` (the state before the
    /// first operation); each operation is rendered against the states just before and after it.
    /// - Returns: The rendered operations, and the state after the last one.
    /// - Throws: `MigrationError` when an operation does not fit the state it is applied to.
    public func render(_ operations: [MigrationOperation], from start: Schema) throws -> (operations: [RenderedOperation], end: Schema) {
        var state = start
        var rendered: [RenderedOperation] = []
        for operation in operations {
            let next = try state.applying(operation)
            rendered.append(RenderedOperation(operation: operation, statements: migrationStatements(for: operation, before: state, after: next)))
            state = next
        }
        return (rendered, state)
    }

}
