import Synchronization

/// A FIFO lock held across suspension points: one transaction at a time on the SQLite writer
/// connection, with waiters suspended rather than blocking threads.
final class AsyncLock: Sendable {
    private struct State: ~Copyable {
        var isLocked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func lock() async {
        if state.withLock({ state in
            guard !state.isLocked else { return false }
            state.isLocked = true
            return true
        }) { return }
        await withCheckedContinuation { continuation in
            let acquired = state.withLock { state in
                guard state.isLocked else {
                    state.isLocked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.isLocked = false
                return nil
            }
            return state.waiters.removeFirst()  // ownership passes to the next waiter
        }
        next?.resume()
    }

    func withLock<Result>(_ body: () async throws -> Result) async throws -> Result {
        await lock()
        defer { unlock() }
        return try await body()
    }
}
