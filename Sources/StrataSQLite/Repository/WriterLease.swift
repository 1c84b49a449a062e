import Foundation
import StrataRuntime

/// One transaction session's use of the writer connection: every statement the session runs
/// holds the connection's `useLock`, and ending the transaction revokes the lease under the same
/// lock.
///
/// A session is `Sendable`, so an app may hand a transaction to several child tasks (a task
/// group, `async let`); the writer lock only keeps other transactions out. Without the use lock
/// two of those tasks stepped statements on one SQLite connection at once (opened without
/// SQLite's own mutex, as GRDB opens it) and mutated the statement cache together, which
/// crashed. With it their statements run one at a time, in the order they take the lock, at the
/// cost the session's "is it still active" check had on its own (one uncontended lock).
///
/// `@unchecked Sendable`, proved here: `isActive` is private to this class and read or written
/// only in `run` and `revoke`, both while holding `connection.useLock`, which every lease of the
/// connection shares.
final class WriterLease: @unchecked Sendable {
    let connection: WriterConnection
    private var isActive = true

    init(_ connection: WriterConnection) {
        self.connection = connection
    }

    /// Runs `body` with the connection to itself, while the lease lasts.
    /// - Throws: `StrataError.transactionEnded` once the lease is revoked (the session escaped
    ///   its transaction's closure); whatever `body` throws.
    ///
    /// Always inlined, as the transaction's `onConnection` is: called with a `Result` the caller
    /// knows only generically (a model the driver was not compiled for, or its optional), a call
    /// would look `Result`'s type metadata up at run time for every statement.
    @inline(__always)
    func run<Result>(_ body: (WriterConnection) throws -> Result) throws -> Result {
        connection.useLock.lock()
        defer { connection.useLock.unlock() }
        guard isActive else { throw StrataError.transactionEnded }
        return try body(connection)
    }

    /// Ends the lease, after the statement running on it (if any) has finished.
    func revoke() {
        connection.useLock.withLock { isActive = false }
    }
}
