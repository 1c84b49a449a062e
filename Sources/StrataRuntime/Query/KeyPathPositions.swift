import StrataSchema

/// The column position of each key path seen, so that the filters, orderings and assignments an
/// app builds on every call do not run the generated `columnPosition(of:)` each time (a `switch`
/// that instantiates and compares key paths case by case).
///
/// Keyed by the key path object's identity (a key path's object belongs to one root type). An
/// entry keeps its key path alive, so while it is cached no other key path can have its identity.
/// Bounded: past `capacity` key paths (an app making key paths dynamically) positions are
/// computed each time.
enum KeyPathPositions {
    static let capacity = 4_096

    /// `@unchecked Sendable`: `keyPath` is only held, to keep its object (whose identity is the
    /// key) alive; no code reads it, so no key path state is shared between threads through it.
    private struct Entry: @unchecked Sendable {
        let keyPath: AnyKeyPath
        let position: Int?
    }

    private static let cache = Protected<[ObjectIdentifier: Entry]>([:])

    /// The position of the column `keyPath` reads; nil for a computed property.
    static func position<Model: ReadableModel>(of keyPath: PartialKeyPath<Model>) -> Int? {
        let identity = ObjectIdentifier(keyPath)
        if let entry = cache.withLock({ $0[identity] }) { return entry.position }
        let position = Model.columnPosition(of: keyPath)
        cache.withLock { entries in
            if entries.count < capacity { entries[identity] = Entry(keyPath: keyPath, position: position) }
        }
        return position
    }
}
