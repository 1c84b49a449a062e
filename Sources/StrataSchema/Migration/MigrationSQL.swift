/// One operation with the SQL that runs it on one dialect.
public struct RenderedOperation: Hashable, Sendable {
    /// The operation.
    public var operation: MigrationOperation
    /// Its statements' text, in order.
    public var statements: [String]
}

extension DatabaseDialect {
    /// The typed plan of a list of operations, starting from the schema `start` (the state
    /// before the first operation); each operation is planned against the states just before and
    /// after it.
    /// - Returns: The plan, and the state after the last operation.
    /// - Throws: `MigrationError` when an operation does not fit the state it is applied to.
    public func plan(_ operations: [MigrationOperation], from start: Schema, locking: MigrationLocking) throws -> (plan: MigrationPlan, end: Schema) {
        var state = start
        var context = PlanContext(locking: locking, capabilities: migrationCapabilities)
        var planned: [PlannedOperation] = []
        for operation in operations {
            let next = try state.applying(operation)
            planned.append(PlannedOperation(operation: operation, steps: planSteps(for: operation, before: state, after: next, context: context)))
            // Tables the migration creates are empty to everyone else: later operations on them
            // use plain DDL.
            switch operation {
            case .createTable(let table): context.newTables.insert(table.name)
            case .renameTable(let from, let to) where context.newTables.contains(from):
                context.newTables.remove(from)
                context.newTables.insert(to)
            case .dropTable(let table): context.newTables.remove(table.name)
            default: break
            }
            switch operation {
            case .sql, .createSQLObject, .dropSQLObject: context.afterHandWrittenSQL = true
            case .alterEnum(let from, _, _):
                for table in next.tables where table.columns.contains(where: { $0.type == .enumeration(from.name) }) { context.changedTables.insert(table.name) }
            case .renameTable(let from, let to):
                context.changedTables.insert(from)
                context.changedTables.insert(to)
            default:
                if let table = operation.tableName { context.changedTables.insert(table) }
            }
            state = next
        }
        return (MigrationPlan(operations: planned, locking: locking), state)
    }

    /// The SQL of a list of operations with plain DDL, starting from the schema `start`.
    /// - Returns: The rendered operations, and the state after the last one.
    /// - Throws: `MigrationError` when an operation does not fit the state it is applied to.
    public func render(_ operations: [MigrationOperation], from start: Schema) throws -> (operations: [RenderedOperation], end: Schema) {
        let (plan, end) = try plan(operations, from: start, locking: .plain)
        return (plan.operations.map { RenderedOperation(operation: $0.operation, statements: $0.statements.map(\.sql)) }, end)
    }

    /// The plain SQL statements of one operation (its plan's statements, without locking forms).
    public func migrationStatements(for operation: MigrationOperation, before: Schema, after: Schema) -> [String] {
        planSteps(for: operation, before: before, after: after, context: PlanContext(locking: .plain)).flatMap(\.statements).map(\.sql)
    }
}
