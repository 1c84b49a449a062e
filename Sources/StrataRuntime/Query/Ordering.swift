import StrataSchema

/// One ORDER BY term. NULLs sort as the smallest value on both databases: first when
/// ascending, last when descending (PostgreSQL is told so explicitly for nullable columns).
public struct Ordering<Model: ReadableModel>: Sendable, Hashable {
    @usableFromInline let column: Int?
    @usableFromInline let descending: Bool
    /// The key path, kept only when it is not a column (for the error).
    @usableFromInline let notAColumn: NotAColumn?

    init<Value>(_ keyPath: KeyPath<Model, Value>, descending: Bool) {
        column = KeyPathPositions.position(of: keyPath)
        notAColumn = column == nil ? NotAColumn(keyPath: keyPath, table: Model.table.name) : nil
        self.descending = descending
    }

    /// Ascending on the column at `position`.
    init(ascendingColumn position: Int) {
        column = position
        descending = false
        notAColumn = nil
    }

    /// The column's position; for a key path that is not a column, its error.
    @inlinable
    func position() throws -> Int {
        if let column { return column }
        throw (notAColumn?.error ?? StrataError.notAColumn(table: Model.table.name, keyPath: "?"))
    }

    /// Smallest first (NULLs first).
    public static func ascending<Value>(_ keyPath: KeyPath<Model, Value>) -> Ordering { Ordering(keyPath, descending: false) }
    /// Largest first (NULLs last).
    public static func descending<Value>(_ keyPath: KeyPath<Model, Value>) -> Ordering { Ordering(keyPath, descending: true) }

    init<Value>(_ descriptor: ColumnDescriptor<Model, Value>, descending: Bool) {
        column = descriptor.columnPosition
        notAColumn = column == nil ? descriptor.notAColumn : nil
        self.descending = descending
    }

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

    @usableFromInline let column: Int?
    @usableFromInline let change: Change
    /// The key path, kept only when it is not a column (for the error).
    @usableFromInline let notAColumn: NotAColumn?

    init(_ keyPath: AnyKeyPath, column: Int?, change: Change) {
        self.column = column
        self.change = change
        notAColumn = column == nil ? NotAColumn(keyPath: keyPath, table: Model.table.name) : nil
    }

    init<Value>(_ descriptor: ColumnDescriptor<Model, Value>, change: Change) {
        column = descriptor.columnPosition
        self.change = change
        notAColumn = column == nil ? descriptor.notAColumn : nil
    }

    /// The column's position; for a key path that is not a column, its error.
    @inlinable
    func position() throws -> Int {
        if let column { return column }
        throw (notAColumn?.error ?? StrataError.notAColumn(table: Model.table.name, keyPath: "?"))
    }

    /// `column = value`.
    public static func set<Value: ColumnValue>(_ keyPath: WritableKeyPath<Model, Value>, _ value: Value) -> Assignment {
        Assignment(keyPath, column: KeyPathPositions.position(of: keyPath), change: .value(value.sqlValue))
    }

    /// `column = column + amount`, computed by the database in the same statement (no
    /// read-modify-write, so concurrent increments all count).
    public static func increment(_ keyPath: WritableKeyPath<Model, Int64>, by amount: Int64 = 1) -> Assignment {
        Assignment(keyPath, column: KeyPathPositions.position(of: keyPath), change: .increment(amount))
    }

    /// `column = column + amount` for a floating-point column.
    public static func increment(_ keyPath: WritableKeyPath<Model, Double>, by amount: Double) -> Assignment {
        Assignment(keyPath, column: KeyPathPositions.position(of: keyPath), change: .incrementDouble(amount))
    }

    /// `column = value`, the column named by its generated descriptor (`Pattern.Columns.lastSeen`):
    /// the same assignment as the key path's, without looking the key path's column up.
    public static func set<Value: ColumnValue>(_ column: ColumnDescriptor<Model, Value>, _ value: Value) -> Assignment {
        Assignment(column, change: .value(value.sqlValue))
    }

    /// `column = column + amount`, the column named by its generated descriptor.
    public static func increment(_ column: ColumnDescriptor<Model, Int64>, by amount: Int64 = 1) -> Assignment {
        Assignment(column, change: .increment(amount))
    }

    /// `column = column + amount` for a floating-point column named by its generated descriptor.
    public static func increment(_ column: ColumnDescriptor<Model, Double>, by amount: Double) -> Assignment {
        Assignment(column, change: .incrementDouble(amount))
    }
}
