import StrataSchema

/// How the runner takes its locks and how long it waits for them.
public struct MigrationOptions: Hashable, Sendable {
    /// Lock-aware forms (the default) or plain DDL.
    public var locking: MigrationLocking
    /// How long one statement waits for its lock before the attempt is given up (PostgreSQL's
    /// `lock_timeout`; SQLite waits on its busy timeout instead). A waiting DDL statement makes
    /// every later query on its table queue behind it, so this is short.
    public var lockTimeout: Duration
    /// How many times a unit that timed out waiting for its lock is tried again.
    public var lockRetries: Int
    /// The wait before the first retry; doubled for each next one.
    public var retryDelay: Duration
    /// Whether a migration of several steps first reads whether existing rows would make one of
    /// its steps fail (a row a new constraint rejects, a duplicate for a unique index), and stops
    /// before changing anything when they would. On by default.
    public var checksExistingRowsFirst = true

    /// The options; by default lock-aware, a 2 s lock timeout, 5 retries from 500 ms.
    public init(locking: MigrationLocking = .lockAware, lockTimeout: Duration = .seconds(2), lockRetries: Int = 5, retryDelay: Duration = .milliseconds(500)) {
        self.locking = locking
        self.lockTimeout = lockTimeout
        self.lockRetries = max(0, lockRetries)
        self.retryDelay = retryDelay
    }

    var lockTimeoutMilliseconds: Int { lockTimeout.wholeMilliseconds }
}

extension Duration {
    /// The duration in whole milliseconds (rounded down).
    var wholeMilliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
