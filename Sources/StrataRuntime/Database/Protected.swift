import Foundation
import StrataSchema

/// A value behind a lock, for the small shared state of drivers and caches.
///
/// `@unchecked Sendable`: `value` is only reached through `withLock`, which holds `lock` for the
/// whole access, and `Value` is itself `Sendable`, so no non-Sendable state escapes the lock.
package final class Protected<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&value) }
    }
}
