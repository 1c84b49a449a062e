/// Where a statement runs relative to the migration's transactions.
public enum TransactionPlacement: Hashable, Sendable {
    /// In the transaction that is open (the runner opens one if none is).
    case inTransaction
    /// In a new transaction, after the statements before it have committed, so that the locks
    /// they took are released first (`VALIDATE CONSTRAINT` after `ADD … NOT VALID`).
    case inNewTransaction
    /// Outside any transaction (`CREATE INDEX CONCURRENTLY`), committed on its own.
    case outsideTransaction
}

/// Why a statement is in the plan, when the runner must treat it specially.
public enum StatementPurpose: Hashable, Sendable {
    /// Nothing special.
    case plain
    /// `CREATE [UNIQUE] INDEX CONCURRENTLY` building the index `index`: a failure or an
    /// interruption can leave it `INVALID`; the runner drops such a leftover before building
    /// again, and skips the build when a valid index of that name already exists (the step ran
    /// but its progress was not recorded).
    case buildIndexConcurrently(index: String)
    /// Hand-written SQL from a migration file.
    case handWritten
}

/// One SQL statement of a migration plan, with what the runner and a reader need to know about
/// it: the table it locks, how strongly, what it does to the rows, and where it runs.
public struct PlannedStatement: Hashable, Sendable {
    /// The statement's text, ending with `;`.
    public var sql: String
    /// The table whose lock the statement takes (`nil` when none, or unknown).
    public var table: String?
    /// The strongest lock it takes on `table`.
    public var lock: TableLock
    /// What it does to the rows while holding the lock.
    public var work: RowWork
    /// Where it runs relative to transactions.
    public var placement: TransactionPlacement
    /// Why it is there, when the runner treats it specially.
    public var purpose: StatementPurpose
    /// A read-only query that returns a row when existing rows would make the statement fail
    /// (a row that violates the constraint it validates, a duplicate for a unique index). The
    /// runner asks it before the first step of a migration of several steps, so that a migration
    /// bound to fail on the data stops before it changes anything.
    public var precheck: String?

    /// A statement; by default in the open transaction, nothing special.
    public init(
        _ sql: String, table: String?, lock: TableLock, work: RowWork, placement: TransactionPlacement = .inTransaction,
        purpose: StatementPurpose = .plain, precheck: String? = nil
    ) {
        self.sql = sql
        self.table = table
        self.lock = lock
        self.work = work
        self.placement = placement
        self.purpose = purpose
        self.precheck = precheck
    }

    /// Whether the statement holds a lock that blocks writes (or reads) for a time that grows
    /// with the table: the steps `lint` reports.
    public var blocksForTableSize: Bool {
        lock.blocksWrites && lock != .databaseWriter && work >= .scansTable
    }
}

/// SQLite's table rebuild: create the new definition under a temporary name, copy the rows,
/// drop the table, rename the copy, recreate the indexes, all in the migration's transaction.
/// A group, so the runner can check the live table first (a column or an index no migration
/// knows would be lost) and the SQLite driver can carry the table's triggers across the drop.
public struct TableRebuild: Hashable, Sendable {
    /// The table rebuilt (its name after the rebuild).
    public var table: String
    /// `CREATE TABLE "_strata_rebuild_…"`.
    public var createCopy: PlannedStatement
    /// `INSERT INTO … SELECT …`, converting changed columns.
    public var copyRows: PlannedStatement
    /// For an `auto_increment` table, the statements that give the copy the original's
    /// `sqlite_sequence` value, so ids of deleted rows are not assigned again; empty otherwise.
    public var keepSequence: [PlannedStatement] = []
    /// `DROP TABLE` of the original.
    public var dropOriginal: PlannedStatement
    /// `ALTER TABLE "_strata_rebuild_…" RENAME TO …`.
    public var renameCopy: PlannedStatement
    /// The table's unique constraints and indexes, created again.
    public var indexes: [PlannedStatement]

    /// The statements in the order they run.
    public var statements: [PlannedStatement] { [createCopy, copyRows] + keepSequence + [dropOriginal, renameCopy] + indexes }
}

/// One step of a migration plan: a statement, or a group the runner treats as one.
public enum PlanStep: Hashable, Sendable {
    /// One statement.
    case statement(PlannedStatement)
    /// A SQLite table rebuild.
    case rebuild(TableRebuild)

    /// The step's statements in the order they run.
    public var statements: [PlannedStatement] {
        switch self {
        case .statement(let statement): [statement]
        case .rebuild(let rebuild): rebuild.statements
        }
    }

    /// Where the step runs (a rebuild runs in the open transaction).
    public var placement: TransactionPlacement {
        switch self {
        case .statement(let statement): statement.placement
        case .rebuild: .inTransaction
        }
    }
}
