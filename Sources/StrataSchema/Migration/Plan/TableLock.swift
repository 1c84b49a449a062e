/// The lock a migration statement takes on the table it changes, by PostgreSQL's lock levels
/// (weakest first), plus SQLite's single writer lock.
///
/// PostgreSQL's documentation ("Explicit Locking") lists which commands take which level; the
/// level says what other sessions can still do while the statement holds it.
public enum TableLock: Int, Hashable, Sendable, Comparable, CaseIterable {
    /// `ROW EXCLUSIVE` (`UPDATE`, `INSERT`): other sessions read and write; only the rows
    /// written are locked.
    case rowExclusive
    /// `SHARE UPDATE EXCLUSIVE` (`VALIDATE CONSTRAINT`, `CREATE INDEX CONCURRENTLY`): reads and
    /// writes continue; only other schema changes wait.
    case shareUpdateExclusive
    /// `SHARE` (`CREATE INDEX`): reads continue, writes wait.
    case share
    /// `SHARE ROW EXCLUSIVE` (`ADD FOREIGN KEY`): reads continue, writes wait.
    case shareRowExclusive
    /// `ACCESS EXCLUSIVE` (most `ALTER TABLE`, `DROP`): everything waits, reads too.
    case accessExclusive
    /// SQLite's one writer lock on the whole database (`BEGIN IMMEDIATE`): readers continue on
    /// their snapshot (WAL); other writers wait on their busy timeout.
    case databaseWriter
    /// Hand-written SQL: Strata cannot tell.
    case unknown

    /// The level's name as the database documents it.
    public var name: String {
        switch self {
        case .rowExclusive: "ROW EXCLUSIVE"
        case .shareUpdateExclusive: "SHARE UPDATE EXCLUSIVE"
        case .share: "SHARE"
        case .shareRowExclusive: "SHARE ROW EXCLUSIVE"
        case .accessExclusive: "ACCESS EXCLUSIVE"
        case .databaseWriter: "database write lock"
        case .unknown: "unknown lock (hand-written SQL)"
        }
    }

    /// Whether other sessions' `INSERT`, `UPDATE` and `DELETE` on the table wait while it is held.
    public var blocksWrites: Bool {
        switch self {
        case .rowExclusive, .shareUpdateExclusive, .unknown: false
        case .share, .shareRowExclusive, .accessExclusive, .databaseWriter: true
        }
    }

    /// Whether other sessions' `SELECT` on the table waits while it is held.
    public var blocksReads: Bool { self == .accessExclusive }

    public static func < (left: TableLock, right: TableLock) -> Bool { left.rawValue < right.rawValue }
}

/// What a statement does to the rows of its table while it holds its lock: the part of its
/// duration that grows with the table.
public enum RowWork: Int, Hashable, Sendable, Comparable {
    /// Changes the catalog only: as long as taking the lock, whatever the table's size.
    case catalogOnly
    /// Writes some rows (`UPDATE`), each under its own row lock.
    case writesRows
    /// Reads every row (validating a constraint, building an index).
    case scansTable
    /// Writes a new copy of the table and its indexes (a type change without a
    /// binary-compatible cast, a volatile default, a SQLite table rebuild).
    case rewritesTable

    /// In words, for `--sql` and `lint`.
    public var name: String {
        switch self {
        case .catalogOnly: "catalog only"
        case .writesRows: "writes rows"
        case .scansTable: "scans the table"
        case .rewritesTable: "rewrites the table"
        }
    }

    public static func < (left: RowWork, right: RowWork) -> Bool { left.rawValue < right.rawValue }
}
