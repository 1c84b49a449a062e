/// How a migration takes its locks on a database that is serving traffic.
public enum MigrationLocking: String, Hashable, Sendable, CaseIterable {
    /// The forms that let writes continue where the dialect has them (PostgreSQL: indexes built
    /// `CONCURRENTLY`, constraints added `NOT VALID` and validated in their own transaction,
    /// `SET NOT NULL` behind a validated CHECK). The default.
    case lockAware = "lock-aware"
    /// Plain DDL, one transaction per migration: for empty tables, tests, and databases nobody
    /// else uses while they migrate.
    case plain
}

/// One operation of a migration with the steps that run it.
public struct PlannedOperation: Hashable, Sendable {
    /// The operation.
    public var operation: MigrationOperation
    /// Its steps, in order.
    public var steps: [PlanStep]

    /// Its statements, in order.
    public var statements: [PlannedStatement] { steps.flatMap(\.statements) }
}

/// Steps the runner runs together: one transaction, or one statement outside any transaction.
/// The runner records a migration's progress after each unit, so an interrupted migration
/// resumes at the first unit that did not commit.
public struct PlanUnit: Hashable, Sendable {
    /// One step of a unit, with the operation it belongs to.
    public struct Item: Hashable, Sendable {
        /// The operation the step runs (for messages).
        public var operation: MigrationOperation
        /// The step.
        public var step: PlanStep
    }

    /// Whether the unit is a transaction (`false`: one statement that must run outside one).
    public var isTransaction: Bool
    /// The unit's steps.
    public var items: [Item]

    /// The unit's statements, in order.
    public var statements: [PlannedStatement] { items.flatMap(\.step.statements) }
}

/// The typed plan of one migration on one dialect: what each operation runs, grouped into the
/// units the runner commits one by one. The runner executes it; `--sql` and `lint` print it.
public struct MigrationPlan: Hashable, Sendable {
    /// The operations with their steps.
    public var operations: [PlannedOperation]
    /// The locking the plan was made with.
    public var locking: MigrationLocking

    /// The operations' steps grouped into units: consecutive steps that run in a transaction
    /// share one; a step that needs a new transaction starts one; a step outside transactions is
    /// a unit of its own. A plan without such steps is one unit (one transaction).
    public var units: [PlanUnit] {
        var units: [PlanUnit] = []
        var open: PlanUnit?
        for operation in operations {
            for step in operation.steps {
                let item = PlanUnit.Item(operation: operation.operation, step: step)
                switch step.placement {
                case .inTransaction:
                    if open == nil { open = PlanUnit(isTransaction: true, items: []) }
                    open?.items.append(item)
                case .inNewTransaction:
                    if let unit = open { units.append(unit) }
                    open = PlanUnit(isTransaction: true, items: [item])
                case .outsideTransaction:
                    if let unit = open { units.append(unit) }
                    open = nil
                    units.append(PlanUnit(isTransaction: false, items: [item]))
                }
            }
        }
        if let unit = open { units.append(unit) }
        return units
    }

    /// Every statement, in order.
    public var statements: [PlannedStatement] { operations.flatMap(\.statements) }

    /// A fingerprint of the plan's statements and units: a migration resumed after an
    /// interruption must follow the plan it started with.
    public var fingerprint: String {
        var text = ""
        for (index, unit) in units.enumerated() {
            text += "unit \(index) \(unit.isTransaction)\n"
            for statement in unit.statements { text += statement.sql + "\n" }
        }
        return SHA256.hex(text)
    }
}

/// What a dialect's planner knows while it plans one operation.
public struct PlanContext: Hashable, Sendable {
    /// The locking asked for.
    public var locking: MigrationLocking
    /// Tables created earlier in the same migration: new, so empty to everyone else, and planned
    /// with plain DDL.
    public var newTables: Set<String>
    /// Tables an earlier operation of the migration changed (or every table, after hand-written
    /// SQL): a pre-check written against the state before the migration would not hold for them.
    public var changedTables: Set<String> = []
    /// Whether hand-written SQL ran earlier in the migration (it may have changed anything).
    public var afterHandWrittenSQL = false
    /// The lock-aware forms the dialect has (`nil`: none, plain DDL only).
    public var capabilities: MigrationCapabilities?

    /// A context for `locking` with no new tables, on a dialect with `capabilities`.
    public init(locking: MigrationLocking, newTables: Set<String> = [], capabilities: MigrationCapabilities? = nil) {
        self.locking = locking
        self.newTables = newTables
        self.capabilities = capabilities
    }

    /// Whether `tables` are as they were before the migration, so that a pre-check of existing
    /// rows can be written against them.
    public func isUnchanged(_ tables: String...) -> Bool {
        !afterHandWrittenSQL && tables.allSatisfy { !changedTables.contains($0) && !newTables.contains($0) }
    }

    /// Whether the lock-aware forms apply to `table`.
    public func isLockAware(for table: String) -> Bool {
        locking == .lockAware && !newTables.contains(table)
    }

    /// Whether an index on `table` is built without blocking writes (`CONCURRENTLY`).
    public func buildsIndexesConcurrently(on table: String) -> Bool {
        capabilities?.concurrentIndexBuilds == true && isLockAware(for: table)
    }

    /// Whether a constraint on `table` is added unchecked and validated in its own transaction.
    public func validatesSeparately(on table: String) -> Bool {
        capabilities?.notValidConstraints == true && isLockAware(for: table)
    }
}
