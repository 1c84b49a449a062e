/// What a dialect offers a migration, as values: the runner, the `--sql` printer and the
/// planners read them instead of asking which database they talk to.
public struct MigrationCapabilities: Hashable, Sendable {
    /// The statements that open a migration transaction (SQLite: foreign keys off, then
    /// `BEGIN IMMEDIATE`, the database's writer lock).
    public var transactionStart: [String]
    /// The statements that check and commit it.
    public var transactionEnd: [String]
    /// The statement that takes the lock a whole run holds across its transactions (PostgreSQL:
    /// a session advisory lock, so concurrent runners queue and a migration of several
    /// transactions is never interleaved with another); `nil` when each transaction's own lock
    /// is enough (SQLite, whose plans are one transaction per migration).
    public var sessionLockAcquire: String?
    /// A query that takes the same lock without waiting, returning one row `t` when it was
    /// taken. The runner polls with it: a session waiting inside `pg_advisory_lock` holds a
    /// snapshot, and `CREATE INDEX CONCURRENTLY` in the session holding the lock would wait for
    /// that snapshot, a deadlock.
    public var sessionLockTry: String?
    /// The statement that releases it.
    public var sessionLockRelease: String?
    /// The setting that bounds how long a statement waits for a lock (`lock_timeout`); `nil`
    /// when the dialect has none (SQLite waits on its busy timeout).
    public var lockTimeoutSetting: String?
    /// Whether indexes can be built without blocking writes (`CREATE INDEX CONCURRENTLY`).
    public var concurrentIndexBuilds: Bool
    /// Whether constraints can be added without checking existing rows and validated later
    /// without blocking writes (`NOT VALID`, `VALIDATE CONSTRAINT`).
    public var notValidConstraints: Bool

    /// The capabilities.
    public init(
        transactionStart: [String], transactionEnd: [String], sessionLockAcquire: String? = nil, sessionLockTry: String? = nil, sessionLockRelease: String? = nil,
        lockTimeoutSetting: String? = nil, concurrentIndexBuilds: Bool = false, notValidConstraints: Bool = false
    ) {
        self.transactionStart = transactionStart
        self.transactionEnd = transactionEnd
        self.sessionLockAcquire = sessionLockAcquire
        self.sessionLockTry = sessionLockTry
        self.sessionLockRelease = sessionLockRelease
        self.lockTimeoutSetting = lockTimeoutSetting
        self.concurrentIndexBuilds = concurrentIndexBuilds
        self.notValidConstraints = notValidConstraints
    }

    /// The statement that sets the lock wait limit for the session, when the dialect has one.
    public func lockTimeoutStatement(milliseconds: Int) -> String? {
        lockTimeoutSetting.map { "SET \($0) = '\(max(0, milliseconds))ms';" }
    }

    /// The statement that puts the lock wait limit back to the server's setting.
    public var lockTimeoutReset: String? {
        lockTimeoutSetting.map { "RESET \($0);" }
    }
}
