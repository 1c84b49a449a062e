import StrataSchema

/// The structure of a repository statement without its values: which clauses, which columns,
/// which operators, how many values in an `IN` list. Two calls with the same shape run the same
/// SQL text with different arguments, so the text is rendered once per shape (`ShapeCache`) and
/// each call only walks its filter, collecting the values in parameter order.
@usableFromInline
struct StatementShape: Hashable, Sendable {
    /// What the statement does; part of the key.
    @usableFromInline
    enum Kind: Int32, Sendable {
        case list, count, exists, countGrouped, updateWhere, updateByKey, deleteWhere
    }

    @usableFromInline
    private(set) var tokens: [Int32]

    @inlinable
    init(_ kind: Kind) {
        tokens = [kind.rawValue]
        tokens.reserveCapacity(16)
    }

    @inlinable mutating func append(_ token: Int32) { tokens.append(token) }
    @inlinable mutating func append(_ token: Int) { tokens.append(Int32(truncatingIfNeeded: token)) }
    @inlinable mutating func append(_ flag: Bool) { tokens.append(flag ? 1 : 0) }
}

/// Walks filters, orderings, limits and assignments in the order `QueryRenderer` renders them,
/// recording their shape and collecting the values they bind (with the same conversions: a `date`
/// column's timestamps are days).
///
/// Inlinable, with what it uses: a repository's per-call work is compiled in the module that
/// names the model (the app's, the pattern repository's), for that model, instead of running as
/// generic code that looks the model's metadata and conformances up on every call.
@usableFromInline
struct ShapeWalker<Model: ReadableModel> {
    @usableFromInline var shape: StatementShape
    /// Bound values, in parameter order.
    @usableFromInline var values: [SQLValue] = []

    @inlinable
    init(_ kind: StatementShape.Kind) {
        shape = StatementShape(kind)
        // One allocation for the usual handful of values, not one per doubling.
        values.reserveCapacity(8)
    }

    @inlinable
    mutating func bind(_ value: SQLValue, for position: Int) {
        values.append(QueryRenderer<Model>.converted(value, for: position))
    }

    @inlinable
    mutating func walk(_ filter: Filter<Model>) throws {
        try walk(filter.node)
    }

    @inlinable
    mutating func walk(_ node: Filter<Model>.Node) throws {
        switch node {
        case .constant(let flag):
            shape.append(Int32(1)); shape.append(flag)
        case .comparison(let position, let comparison, let value):
            shape.append(Int32(2)); shape.append(position); shape.append(comparison.token)
            bind(value, for: position)
        case .isNull(let position, let negated):
            shape.append(Int32(3)); shape.append(position); shape.append(negated)
        case .isIn(let position, let list, let negated):
            shape.append(Int32(4)); shape.append(position); shape.append(negated); shape.append(list.count)
            for value in list { bind(value, for: position) }
        case .like(let position, let pattern, let negated):
            shape.append(Int32(5)); shape.append(position); shape.append(negated)
            values.append(.text(pattern))
        case .after(let positions, let list):
            shape.append(Int32(6)); shape.append(positions.count)
            for position in positions { shape.append(position) }
            for (position, value) in zip(positions, list) { bind(value, for: position) }
        case .and(let nodes):
            shape.append(Int32(7)); shape.append(nodes.count)
            for node in nodes { try walk(node) }
        case .or(let nodes):
            shape.append(Int32(8)); shape.append(nodes.count)
            for node in nodes { try walk(node) }
        case .not(let node):
            shape.append(Int32(9))
            try walk(node)
        case .invalid(let problem):
            throw problem.error
        }
    }

    @inlinable
    mutating func walk(_ orderings: [Ordering<Model>]) throws {
        shape.append(Int32(20)); shape.append(orderings.count)
        for ordering in orderings {
            let position = try ordering.position()
            shape.append(position); shape.append(ordering.descending)
        }
    }

    @inlinable
    mutating func walk(limit: Int?, offset: Int?) {
        let hasOffset = offset.map { $0 > 0 } ?? false
        shape.append(Int32(30)); shape.append(limit != nil); shape.append(hasOffset)
        if let limit { values.append(.int(Int64(limit))) }
        if hasOffset, let offset { values.append(.int(Int64(offset))) }
    }

    /// The assignments, then `now` for every `on_update: now` column not assigned.
    @inlinable
    mutating func walk(_ assignments: [Assignment<Model>], now: SQLValue) throws {
        shape.append(Int32(40)); shape.append(assignments.count)
        var assigned = ColumnSet()
        for assignment in assignments {
            let position = try assignment.position()
            assigned.insert(position)
            shape.append(position)
            switch assignment.change {
            case .value(let value): shape.append(Int32(0)); bind(value, for: position)
            case .increment(let amount): shape.append(Int32(1)); values.append(.int(amount))
            case .incrementDouble(let amount): shape.append(Int32(2)); values.append(.double(amount))
            }
        }
        var any = !assignments.isEmpty
        for position in Model.table.updatedOnWritePositions where !assigned.contains(position) {
            values.append(now)
            any = true
        }
        guard any else { throw StrataError.emptyUpdate(table: Model.table.name) }
    }
}

/// A set of column positions that allocates nothing for the first 64 columns.
@usableFromInline
struct ColumnSet {
    @usableFromInline var low: UInt64 = 0
    @usableFromInline var high: Set<Int> = []

    @inlinable init() {}

    @inlinable
    mutating func insert(_ position: Int) {
        if position < 64 { low |= 1 << UInt64(position) } else { high.insert(position) }
    }

    @inlinable
    func contains(_ position: Int) -> Bool {
        position < 64 ? low & (1 << UInt64(position)) != 0 : high.contains(position)
    }
}

/// The SQL text of each shape seen, for one model on one dialect. Bounded: past `capacity`
/// shapes (an app building `IN` lists of every length, say) statements are rendered each time.
@usableFromInline
final class ShapeCache: Sendable {
    static let capacity = 1_024
    /// How many of the shapes used last are compared before the dictionary is asked.
    static let recentCapacity = 4

    private struct Entries {
        var texts: [StatementShape: String] = [:]
        /// The shapes used last, most recent first: an app repeats a few shapes, and comparing
        /// their tokens (most differ in length at once) costs less than hashing them.
        var recent: [(shape: StatementShape, text: String)] = []

        mutating func use(_ shape: StatementShape, _ text: String) {
            if recent.count == ShapeCache.recentCapacity { recent.removeLast() }
            recent.insert((shape, text), at: 0)
        }
    }

    private let entries = Protected(Entries())

    /// The text for `shape`, rendering it with `render` the first time.
    @usableFromInline
    func text(for shape: StatementShape, render: () throws -> String) rethrows -> String {
        let cached = entries.withLock { entries -> String? in
            for entry in entries.recent where entry.shape == shape { return entry.text }
            guard let text = entries.texts[shape] else { return nil }
            entries.use(shape, text)
            return text
        }
        if let cached { return cached }
        let text = try render()
        entries.withLock { entries in
            guard entries.texts.count < Self.capacity else { return }
            entries.texts[shape] = text
            entries.use(shape, text)
        }
        return text
    }

    var count: Int { entries.withLock { $0.texts.count } }
}

extension ComparisonOperator {
    @usableFromInline
    var token: Int32 {
        switch self {
        case .equal: 0
        case .notEqual: 1
        case .less: 2
        case .lessOrEqual: 3
        case .greater: 4
        case .greaterOrEqual: 5
        }
    }
}
