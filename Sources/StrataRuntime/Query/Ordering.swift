/// One ORDER BY term. NULLs sort as the smallest value on both databases: first when
/// ascending, last when descending (PostgreSQL is told so explicitly for nullable columns).
public struct Ordering<Model: PersistableModel>: Sendable, Hashable {
    let column: Int?
    let descending: Bool
    let invalid: String?

    init<Value>(_ keyPath: KeyPath<Model, Value>, descending: Bool) {
        column = Model.columnPosition(of: keyPath)
        invalid = column == nil ? "\(keyPath) is not a stored column of \(Model.table.name)" : nil
        self.descending = descending
    }

    /// Ascending on the column at `position`.
    init(ascendingColumn position: Int) {
        column = position
        descending = false
        invalid = nil
    }

    public static func ascending<Value>(_ keyPath: KeyPath<Model, Value>) -> Ordering { Ordering(keyPath, descending: false) }
    public static func descending<Value>(_ keyPath: KeyPath<Model, Value>) -> Ordering { Ordering(keyPath, descending: true) }
}

/// One `SET` term of an update by key or by filter.
public struct Assignment<Model: PersistableModel>: Sendable {
    enum Change: Sendable, Hashable {
        case value(SQLValue)
        case increment(Int64)
        case incrementDouble(Double)
    }

    let column: Int?
    let change: Change
    let invalid: String?

    init(column: Int?, change: Change, description: String) {
        self.column = column
        self.change = change
        invalid = column == nil ? "\(description) is not a stored column of \(Model.table.name)" : nil
    }

    /// `column = value`.
    public static func set<Value: ColumnValue>(_ keyPath: WritableKeyPath<Model, Value>, _ value: Value) -> Assignment {
        Assignment(column: Model.columnPosition(of: keyPath), change: .value(value.sqlValue), description: "\(keyPath)")
    }

    /// `column = column + amount`, computed by the database in the same statement (no
    /// read-modify-write, so concurrent increments all count).
    public static func increment(_ keyPath: WritableKeyPath<Model, Int64>, by amount: Int64 = 1) -> Assignment {
        Assignment(column: Model.columnPosition(of: keyPath), change: .increment(amount), description: "\(keyPath)")
    }

    /// `column = column + amount` for a floating-point column.
    public static func increment(_ keyPath: WritableKeyPath<Model, Double>, by amount: Double) -> Assignment {
        Assignment(column: Model.columnPosition(of: keyPath), change: .incrementDouble(amount), description: "\(keyPath)")
    }
}
