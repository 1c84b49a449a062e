import Foundation
import StrataSchema

/// The statements of a table whose key the database assigns (`auto_increment`): inserts that
/// leave the key column out, so the database assigns it.
struct AssignedKeyStatements: Sendable {
    /// The position of the `auto_increment` column in table order.
    let position: Int
    /// `INSERT` of every other column, `RETURNING` the assigned key.
    let insertReturningKey: String
    /// `INSERT` of every other column (counted, for batches).
    let insert: String
    /// `insert` for `ModelStatements.insertChunkSize` rows at once.
    let insertChunk: String

    init?(table: TableMetadata, dialect: any DatabaseDialect) {
        guard let position = table.columns.firstIndex(where: \.isAutoIncrement) else { return nil }
        self.position = position
        let quotedTable = dialect.quoted(table.name)
        let names = table.columns.indices.filter { $0 != position }.map { dialect.quoted(table.columns[$0].name) }
        func values(row: Int) -> String {
            "(" + names.indices.map { dialect.parameter(row * names.count + $0 + 1) }.joined(separator: ", ") + ")"
        }
        let head = "INSERT INTO \(quotedTable) (\(names.joined(separator: ", "))) VALUES "
        insertReturningKey = head + values(row: 0) + " RETURNING \(dialect.quoted(table.columns[position].name))"
        insert = head + values(row: 0) + dialect.changedRowsClause
        insertChunk = head + (0..<ModelStatements.insertChunkSize).map(values(row:)).joined(separator: ", ") + dialect.changedRowsClause
    }
}

/// Models' columns in table order, one model after another, without the column at `omitted`
/// (the key the database assigns), or with every column when `omitted` is nil.
struct InsertArguments<Model: PersistableModel>: SQLArguments {
    let models: ArraySlice<Model>
    let omitted: Int?

    func write<Writer: RowWriter>(to writer: inout Writer) {
        guard let omitted else {
            for model in models { model.write(to: &writer) }
            return
        }
        var skipping = OmittingColumnWriter(base: writer, omitted: omitted)
        for model in models {
            skipping.position = 0
            model.write(to: &skipping)
        }
        writer = skipping.base
    }
}

/// A writer that passes every column to `base` except the one at `omitted`.
struct OmittingColumnWriter<Base: RowWriter>: RowWriter {
    var base: Base
    let omitted: Int
    var position = 0

    /// Whether the column being written goes to `base`; moves to the next column.
    private mutating func passes() -> Bool {
        defer { position += 1 }
        return position != omitted
    }

    mutating func writeNull() { if passes() { base.writeNull() } }
    mutating func writeInt64(_ value: Int64) { if passes() { base.writeInt64(value) } }
    mutating func writeDouble(_ value: Double) { if passes() { base.writeDouble(value) } }
    mutating func writeBool(_ value: Bool) { if passes() { base.writeBool(value) } }
    mutating func writeString(_ value: String) { if passes() { base.writeString(value) } }
    mutating func writeData(_ value: Data) { if passes() { base.writeData(value) } }
    mutating func writeDate(_ value: Date) { if passes() { base.writeDate(value) } }
    mutating func writeDay(_ value: Date) { if passes() { base.writeDay(value) } }
    mutating func writeUUID(_ value: UUID) { if passes() { base.writeUUID(value) } }
    mutating func writeJSON(_ value: JSONValue) { if passes() { base.writeJSON(value) } }
    mutating func writeDecimal(_ value: Decimal) { if passes() { base.writeDecimal(value) } }
    mutating func writeTimeOfDay(_ value: TimeOfDay) { if passes() { base.writeTimeOfDay(value) } }
}

extension PersistableModel {
    /// Whether the model's key is nil: an `auto_increment` key the database has not assigned yet.
    var hasUnassignedKey: Bool {
        var collector = KeyCollector()
        Self.write(primaryKey: primaryKey, to: &collector)
        return collector.values.count == 1 && collector.values[0] == .null
    }
}
