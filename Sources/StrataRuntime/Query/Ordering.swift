import StrataSchema

/// One ORDER BY term. NULLs sort as the smallest value on both databases: first when
/// ascending, last when descending (PostgreSQL is told so explicitly for nullable columns).
public struct Ordering<Model: ReadableModel>: Sendable, Hashable {
    @usableFromInline let reference: ColumnReference
    @usableFromInline let descending: Bool

    init<Value>(_ keyPath: KeyPath<Model, Value>, descending: Bool) {
        reference = ColumnReference(keyPath)
        self.descending = descending
    }

    init<Value>(_ descriptor: ColumnDescriptor<Model, Value>, descending: Bool) {
        reference = ColumnReference(descriptor)
        self.descending = descending
    }

    /// Ascending on the column at `position`.
    init(ascendingColumn position: Int) {
        reference = .column(position)
        descending = false
    }

    /// The column's position; for a reference that names no column, its error.
    @inlinable
    func position() throws -> Int { try reference.position() }

    /// Smallest first (NULLs first).
    public static func ascending<Value>(_ keyPath: KeyPath<Model, Value>) -> Ordering { Ordering(keyPath, descending: false) }
    /// Largest first (NULLs last).
    public static func descending<Value>(_ keyPath: KeyPath<Model, Value>) -> Ordering { Ordering(keyPath, descending: true) }

    /// Smallest first (NULLs first), the column named by its generated descriptor.
    public static func ascending<Value>(_ column: ColumnDescriptor<Model, Value>) -> Ordering { Ordering(column, descending: false) }
    /// Largest first (NULLs last), the column named by its generated descriptor.
    public static func descending<Value>(_ column: ColumnDescriptor<Model, Value>) -> Ordering { Ordering(column, descending: true) }
}

/// One `SET` term of an update by key or by filter.
public struct Assignment<Model: ReadableModel>: Sendable {
    @usableFromInline
    enum Change: Sendable, Hashable {
        case value(SQLValue)
        case increment(Int64)
        case incrementDouble(Double)
    }

    @usableFromInline let reference: ColumnReference
    @usableFromInline let change: Change

    init(_ reference: ColumnReference, change: Change) {
        self.reference = reference
        self.change = change
    }

    /// The column's position; for a reference that names no column, its error.
    @inlinable
    func position() throws -> Int { try reference.position() }

    /// `column = value`.
    public static func set<Value: ColumnValue>(_ keyPath: WritableKeyPath<Model, Value>, _ value: Value) -> Assignment {
        Assignment(ColumnReference(keyPath), change: .value(value.sqlValue))
    }

    /// `column = column + amount`, computed by the database in the same statement (no
    /// read-modify-write, so concurrent increments all count).
    public static func increment(_ keyPath: WritableKeyPath<Model, Int64>, by amount: Int64 = 1) -> Assignment {
        Assignment(ColumnReference(keyPath), change: .increment(amount))
    }

    /// `column = column + amount` for a floating-point column.
    public static func increment(_ keyPath: WritableKeyPath<Model, Double>, by amount: Double) -> Assignment {
        Assignment(ColumnReference(keyPath), change: .incrementDouble(amount))
    }

    /// `column = value`, the column named by its generated descriptor (`Pattern.Columns.lastSeen`):
    /// the same assignment as the key path's, without looking the key path's column up.
    public static func set<Value: ColumnValue>(_ column: ColumnDescriptor<Model, Value>, _ value: Value) -> Assignment {
        Assignment(ColumnReference(column), change: .value(value.sqlValue))
    }

    /// `column = column + amount`, the column named by its generated descriptor.
    public static func increment(_ column: ColumnDescriptor<Model, Int64>, by amount: Int64 = 1) -> Assignment {
        Assignment(ColumnReference(column), change: .increment(amount))
    }

    /// `column = column + amount` for a floating-point column named by its generated descriptor.
    public static func increment(_ column: ColumnDescriptor<Model, Double>, by amount: Double) -> Assignment {
        Assignment(ColumnReference(column), change: .incrementDouble(amount))
    }
}
