import Foundation

/// A FIFO lock held across suspension points: one transaction at a time on the SQLite writer
/// connection, with waiters suspended rather than blocking threads. A waiting task that is
/// cancelled leaves the queue and throws `CancellationError`; a task holding the lock keeps it
/// until its body returns or throws.
///
/// `@unchecked Sendable`: every stored property is read and written only inside `mutex`, and a
/// continuation is resumed exactly once, by whichever of `unlock` (which removes it from the
/// queue before resuming) and the cancellation handler (which resumes only what it removed)
/// takes it out of `waiters` first.
final class AsyncLock: @unchecked Sendable {
    private let mutex = NSLock()
    private var isLocked = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    /// Waiters cancelled before they were queued (the handler ran first).
    private var cancelledBeforeQueued: Set<UInt64> = []
    private var nextID: UInt64 = 0

    /// Waits for the lock; throws `CancellationError` if the task is cancelled while waiting.
    func lock() async throws {
        let (acquired, id) = mutex.withLock { () -> (Bool, UInt64) in
            guard isLocked else {
                isLocked = true
                return (true, 0)
            }
            nextID += 1
            return (false, nextID)
        }
        if acquired { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = mutex.withLock { () -> Bool? in
                    if cancelledBeforeQueued.remove(id) != nil { return false }
                    guard isLocked else {
                        isLocked = true
                        return true
                    }
                    waiters.append((id, continuation))
                    return nil
                }
                switch outcome {
                case true?: continuation.resume()
                case false?: continuation.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            let removed = mutex.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let index = waiters.firstIndex(where: { $0.id == id }) else {
                    cancelledBeforeQueued.insert(id)
                    return nil
                }
                return waiters.remove(at: index).continuation
            }
            removed?.resume(throwing: CancellationError())
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
        let next = mutex.withLock { () -> CheckedContinuation<Void, any Error>? in
            guard !waiters.isEmpty else {
                isLocked = false
                return nil
            }
            return waiters.removeFirst().continuation  // ownership passes to the next waiter
        }
        next?.resume()
    }

    func withLock<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await lock()
        defer { unlock() }
        return try await body()
    }
}
