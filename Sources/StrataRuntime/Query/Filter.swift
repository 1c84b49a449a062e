import StrataSchema

/// A typed WHERE clause over a model's columns, built from key paths (or `Columns` descriptors):
///
///     \.trustTier == .auto && \.isActive == true
///     .in(\.patternType, [.timeBased, .triggerResponse]) || .isNull(\.lastSeen)
///
/// Values are always bound as parameters, never written into the SQL text.
public struct Filter<Model: ReadableModel>: Sendable {
    @usableFromInline
    indirect enum Node: Sendable, Hashable {
        case constant(Bool)
        case comparison(column: Int, ComparisonOperator, SQLValue)
        case isNull(column: Int, negated: Bool)
        case isIn(column: Int, [SQLValue], negated: Bool)
        case like(column: Int, pattern: String, negated: Bool)
        /// `(a, b) > (x, y)`: rows after a key, for keyset paging.
        case after(columns: [Int], [SQLValue])
        case and([Node])
        case or([Node])
        case not(Node)
        /// A key path that is not a stored column (a computed property): an error when run.
        case invalid(NotAColumn)
    }

    @usableFromInline let node: Node

    init(_ node: Node) { self.node = node }

    /// `column <op> value`, with `== NULL` and `<> NULL` as `IS [NOT] NULL`.
    static func comparison(column: Int, _ comparison: ComparisonOperator, _ value: SQLValue) -> Filter {
        switch (comparison, value) {
        case (.equal, .null): Filter(.isNull(column: column, negated: false))
        case (.notEqual, .null): Filter(.isNull(column: column, negated: true))
        case (_, let bound): Filter(.comparison(column: column, comparison, bound))
        }
    }

    /// Every row.
    public static var all: Filter { Filter(.constant(true)) }
    /// No row.
    public static var none: Filter { Filter(.constant(false)) }

    /// The column is NULL.
    public static func isNull<Value>(_ column: KeyPath<Model, Value?>) -> Filter {
        column.position { .isNull(column: $0, negated: false) }
    }

    /// The column is not NULL.
    public static func isNotNull<Value>(_ column: KeyPath<Model, Value?>) -> Filter {
        column.position { .isNull(column: $0, negated: true) }
    }

    /// The column equals one of `values` (an empty list matches nothing).
    public static func `in`<Value: ColumnValue>(_ column: KeyPath<Model, Value>, _ values: some Sequence<Value>) -> Filter {
        let values = values.map(\.sqlValue)
        return column.position { .isIn(column: $0, values, negated: false) }
    }

    /// The column equals none of `values`.
    public static func notIn<Value: ColumnValue>(_ column: KeyPath<Model, Value>, _ values: some Sequence<Value>) -> Filter {
        let values = values.map(\.sqlValue)
        return column.position { .isIn(column: $0, values, negated: true) }
    }

    /// SQL `LIKE`: `%` matches any run of characters, `_` one character. Case-sensitive on both
    /// databases (the SQLite driver turns on `case_sensitive_like`).
    public static func like(_ column: KeyPath<Model, String>, _ pattern: String) -> Filter {
        column.position { .like(column: $0, pattern: pattern, negated: false) }
    }

    /// SQL `LIKE` on a nullable column (NULL never matches).
    public static func like(_ column: KeyPath<Model, String?>, _ pattern: String) -> Filter {
        column.position { .like(column: $0, pattern: pattern, negated: false) }
    }

    /// SQL `NOT LIKE`.
    public static func notLike(_ column: KeyPath<Model, String>, _ pattern: String) -> Filter {
        column.position { .like(column: $0, pattern: pattern, negated: true) }
    }

    /// Both filters.
    public static func && (lhs: Filter, rhs: Filter) -> Filter {
        if case .constant(true) = lhs.node { return rhs }
        return Filter(.and([lhs.node, rhs.node]))
    }
    /// Either filter.
    public static func || (lhs: Filter, rhs: Filter) -> Filter { Filter(.or([lhs.node, rhs.node])) }
    /// The filter negated (`NOT`); like SQL, a NULL comparison stays unmatched.
    public static prefix func ! (filter: Filter) -> Filter { Filter(.not(filter.node)) }

    /// All of `filters` (every row when empty).
    public static func all(_ filters: [Filter]) -> Filter { filters.isEmpty ? .all : Filter(.and(filters.map(\.node))) }
    /// Any of `filters` (no row when empty).
    public static func any(_ filters: [Filter]) -> Filter { filters.isEmpty ? .none : Filter(.or(filters.map(\.node))) }
}

/// `=`, `<>`, `<`, `<=`, `>`, `>=`.
public enum ComparisonOperator: String, Sendable, Hashable {
    /// `=`
    case equal = "="
    /// `<>`
    case notEqual = "<>"
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
}

extension Filter {
    /// `make`'s filter on the referenced column, or one that fails when run, saying why the
    /// reference names no column.
    static func on(_ reference: ColumnReference, _ make: (Int) -> Filter) -> Filter {
        switch reference {
        case .column(let position): make(position)
        case .notAColumn(let problem): Filter(.invalid(problem))
        }
    }
}

extension KeyPath where Root: ReadableModel {
    func position(_ make: (Int) -> Filter<Root>.Node) -> Filter<Root> {
        .on(ColumnReference(self)) { Filter(make($0)) }
    }

    func compared(_ comparison: ComparisonOperator, _ value: some ColumnValue) -> Filter<Root> {
        .on(ColumnReference(self)) { .comparison(column: $0, comparison, value.sqlValue) }
    }
}

/// `\.column == value`; `== nil` is `IS NULL`.
public func == <Model, Value: ColumnValue>(lhs: KeyPath<Model, Value>, rhs: Value) -> Filter<Model> { lhs.compared(.equal, rhs) }
/// `\.column != value`; `!= nil` is `IS NOT NULL`. Like SQL, `<>` never matches NULL.
public func != <Model, Value: ColumnValue>(lhs: KeyPath<Model, Value>, rhs: Value) -> Filter<Model> { lhs.compared(.notEqual, rhs) }
/// `\.column < value`.
public func < <Model, Value: ColumnValue>(lhs: KeyPath<Model, Value>, rhs: Value) -> Filter<Model> { lhs.compared(.less, rhs) }
/// `\.column <= value`.
public func <= <Model, Value: ColumnValue>(lhs: KeyPath<Model, Value>, rhs: Value) -> Filter<Model> { lhs.compared(.lessOrEqual, rhs) }
/// `\.column > value`.
public func > <Model, Value: ColumnValue>(lhs: KeyPath<Model, Value>, rhs: Value) -> Filter<Model> { lhs.compared(.greater, rhs) }
/// `\.column >= value`.
public func >= <Model, Value: ColumnValue>(lhs: KeyPath<Model, Value>, rhs: Value) -> Filter<Model> { lhs.compared(.greaterOrEqual, rhs) }

/// `Pattern.Columns.trustTier == .auto`: the same filters from the generated column descriptors.
extension ColumnDescriptor where Record: ReadableModel, Value: ColumnValue {
    func compared(_ comparison: ComparisonOperator, _ value: Value) -> Filter<Record> {
        .on(ColumnReference(self)) { .comparison(column: $0, comparison, value.sqlValue) }
    }

    /// `Columns.column == value`; `== nil` is `IS NULL`.
    public static func == (lhs: ColumnDescriptor, rhs: Value) -> Filter<Record> { lhs.compared(.equal, rhs) }
    /// `Columns.column != value`; `!= nil` is `IS NOT NULL`.
    public static func != (lhs: ColumnDescriptor, rhs: Value) -> Filter<Record> { lhs.compared(.notEqual, rhs) }
    /// `Columns.column < value`.
    public static func < (lhs: ColumnDescriptor, rhs: Value) -> Filter<Record> { lhs.compared(.less, rhs) }
    /// `Columns.column <= value`.
    public static func <= (lhs: ColumnDescriptor, rhs: Value) -> Filter<Record> { lhs.compared(.lessOrEqual, rhs) }
    /// `Columns.column > value`.
    public static func > (lhs: ColumnDescriptor, rhs: Value) -> Filter<Record> { lhs.compared(.greater, rhs) }
    /// `Columns.column >= value`.
    public static func >= (lhs: ColumnDescriptor, rhs: Value) -> Filter<Record> { lhs.compared(.greaterOrEqual, rhs) }
}

/// A key path that names no stored column (a computed property), or a descriptor made by hand
/// that names none, kept as it is until an error reports it: formatting a key path as text costs
/// more than a whole statement, so it is done only when the error is thrown.
///
/// A class, so that a `ColumnReference` (held by the assignments, orderings and filters an app
/// builds on every call) stays a position or one reference.
@usableFromInline
final class NotAColumn: Sendable, Hashable {
    /// What named the column.
    enum Reference: Sendable, Hashable {
        case keyPath(UnformattedKeyPath)
        /// A `ColumnDescriptor` made by hand whose name and position are not a column of the table.
        case descriptor(name: String, position: Int)
    }

    let reference: Reference
    let table: String

    init(keyPath: AnyKeyPath, table: String) {
        reference = .keyPath(UnformattedKeyPath(keyPath))
        self.table = table
    }

    init(descriptorNamed name: String, position: Int, table: String) {
        reference = .descriptor(name: name, position: position)
        self.table = table
    }

    @usableFromInline
    var error: StrataError {
        switch reference {
        case .keyPath(let keyPath): .notAColumn(table: table, keyPath: keyPath.text)
        case .descriptor(let name, let position):
            .notAColumn(table: table, keyPath: "ColumnDescriptor(\"\(ControlCharacters.escaped(name))\", position: \(position))")
        }
    }

    @usableFromInline
    static func == (lhs: NotAColumn, rhs: NotAColumn) -> Bool { lhs.reference == rhs.reference && lhs.table == rhs.table }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        hasher.combine(reference)
        hasher.combine(table)
    }
}

/// A key path kept for an error message.
///
/// `@unchecked Sendable`: key path objects are immutable once the runtime has made them, and the
/// only thing done with this one is formatting it as text.
struct UnformattedKeyPath: @unchecked Sendable, Hashable {
    let keyPath: AnyKeyPath

    init(_ keyPath: AnyKeyPath) {
        self.keyPath = keyPath
    }

    var text: String { "\(keyPath)" }
}
