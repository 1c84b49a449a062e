import Foundation

/// A FIFO lock held across suspension points: one transaction at a time on the SQLite writer
/// connection, with waiters suspended rather than blocking threads.
final class AsyncLock: @unchecked Sendable {
    private let mutex = NSLock()
    private var isLocked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        let acquired = mutex.withLock {
            guard !isLocked else { return false }
            isLocked = true
            return true
        }
        if acquired { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquiredNow = mutex.withLock {
                guard isLocked else {
                    isLocked = true
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if acquiredNow { continuation.resume() }
        }
    }

    /// Takes the lock if it is free, without waiting; whether it did.
    func tryLock() -> Bool {
        mutex.withLock {
            guard !isLocked else { return false }
            isLocked = true
            return true
        }
    }

    func unlock() {
        let next = mutex.withLock { () -> CheckedContinuation<Void, Never>? in
            guard !waiters.isEmpty else {
                isLocked = false
                return nil
            }
            return waiters.removeFirst()  // ownership passes to the next waiter
        }
        next?.resume()
    }

    func withLock<Result>(_ body: () async throws -> Result) async throws -> Result {
        await lock()
        defer { unlock() }
        return try await body()
    }
}
