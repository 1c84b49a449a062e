import StrataSchema

/// The column a key path or a generated descriptor names in a filter, an ordering or an
/// assignment, or why it names none (a computed property, a descriptor made by hand that is not
/// a column of its table): an error only when the statement runs.
@usableFromInline
enum ColumnReference: Sendable, Hashable {
    case column(Int)
    case notAColumn(NotAColumn)

    /// The column `keyPath` reads, its position cached by `KeyPathPositions`.
    init<Model: ReadableModel>(_ keyPath: PartialKeyPath<Model>) {
        if let position = KeyPathPositions.position(of: keyPath) {
            self = .column(position)
        } else {
            self = .notAColumn(NotAColumn(keyPath: keyPath, table: Model.table.name))
        }
    }

    /// The descriptor's column when its name is the column at its position in `Model`'s table
    /// (the generated descriptors always are; one made by hand may not be).
    init<Model: ReadableModel, Value>(_ descriptor: ColumnDescriptor<Model, Value>) {
        let columns = Model.table.columns
        if columns.indices.contains(descriptor.position), columns[descriptor.position].name == descriptor.name {
            self = .column(descriptor.position)
        } else {
            self = .notAColumn(NotAColumn(descriptorNamed: descriptor.name, position: descriptor.position, table: Model.table.name))
        }
    }

    /// The column's position, or the error saying why there is none.
    @inlinable
    func position() throws -> Int {
        switch self {
        case .column(let position): return position
        case .notAColumn(let problem): throw problem.error
        }
    }
}
