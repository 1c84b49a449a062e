/// A step that holds a lock blocking writes (or reads) for a time that grows with the table, with
/// the safer way to make the change: what `strata lint` and `strata revision` report.
public struct LockFinding: Hashable, Sendable {
    /// The operation the step belongs to.
    public var operation: MigrationOperation
    /// The statement.
    public var statement: PlannedStatement
    /// What to do instead.
    public var advice: String

    /// `alter column members.score (type int → text): ACCESS EXCLUSIVE on members (reads and
    /// writes wait), rewrites the table: … for as long as that takes; safer: …`.
    public var description: String {
        "\(operation.summary): \(statement.label), for as long as that takes on a large table; safer: \(advice)"
    }
}

extension MigrationPlan {
    /// The plan's steps that block writes for a time that grows with the table.
    public var lockFindings: [LockFinding] {
        operations.flatMap { planned in
            planned.statements.filter(\.blocksForTableSize).map { statement in
                LockFinding(operation: planned.operation, statement: statement, advice: Self.advice(planned.operation, statement))
            }
        }
    }

    static func advice(_ operation: MigrationOperation, _ statement: PlannedStatement) -> String {
        switch (operation, statement.work) {
        case (.alterColumn, .rewritesTable):
            return "add a column of the new type, backfill it in batches, switch the app to it, then drop the old column"
        case (.addColumn, .rewritesTable):
            return "add the column nullable without its default, set the default, backfill existing rows in batches, then make it NOT NULL"
        default:
            return "the lock-aware plan (the default; this plan is --locking plain) builds and validates without blocking writes"
        }
    }
}
