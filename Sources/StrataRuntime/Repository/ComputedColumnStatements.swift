import Foundation
import StrataSchema

/// The statements of a table with columns the database computes: an `auto_increment` key, or
/// generated columns. Writes leave those columns out (the key only while a model's is nil) and
/// return the row as stored (`RETURNING` every column), so the model the repository returns holds
/// the key the database assigned and the values it computed.
@usableFromInline
struct ComputedColumnStatements: Sendable {
    /// Per column, whether the database computes it (`generated:`): never written.
    let generated: [Bool]
    /// `generated` with the `auto_increment` key marked too: what an insert without the key omits.
    let generatedAndKey: [Bool]
    /// The position of the `auto_increment` column, if any.
    let keyPosition: Int?
    /// `INSERT` of every written column, returning the row.
    let insertReturning: String
    /// `INSERT` without the `auto_increment` key, returning the row.
    let insertWithoutKeyReturning: String?
    /// `INSERT` of every written column, and for `ModelStatements.insertChunkSize` rows (not
    /// counted: an insert either writes its rows or throws).
    let insert: String, insertChunk: String
    /// The same without the `auto_increment` key.
    let insertWithoutKey: String?, insertWithoutKeyChunk: String?
    /// `INSERT … ON CONFLICT (key) DO UPDATE SET` every written column, returning the row.
    let upsertReturning: String
    /// `UPDATE … SET` every written non-key column `WHERE` the key, returning the row.
    let updateReturning: String

    init?(table: TableMetadata, dialect: any DatabaseDialect) {
        let generated = table.columns.map(\.isGenerated)
        let keyPosition = table.columns.firstIndex(where: \.isAutoIncrement)
        guard keyPosition != nil || generated.contains(true) else { return nil }
        self.generated = generated
        self.keyPosition = keyPosition
        var generatedAndKey = generated
        if let keyPosition { generatedAndKey[keyPosition] = true }
        self.generatedAndKey = generatedAndKey
        let quotedTable = dialect.quoted(table.name)
        let names = table.columns.map { dialect.quoted($0.name) }
        let returning = " RETURNING " + names.joined(separator: ", ")
        let keyColumns = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        /// The statements' pieces for the columns written (those of `omitted` left out).
        func inserts(omitting omitted: [Bool]) -> (head: String, row: (Int) -> String, written: [Int]) {
            let written: [Int] = table.columns.indices.filter { !omitted[$0] }
            let writtenNames: [String] = written.map { names[$0] }
            let head = "INSERT INTO \(quotedTable) (\(writtenNames.joined(separator: ", "))) VALUES "
            let count = written.count
            let row = { (row: Int) -> String in
                let parameters: [String] = (0..<count).map { dialect.parameter(row * count + $0 + 1) }
                return "(" + parameters.joined(separator: ", ") + ")"
            }
            return (head, row, written)
        }
        let all = inserts(omitting: generated)
        insertReturning = all.head + all.row(0) + returning
        insert = all.head + all.row(0)
        insertChunk = all.head + (0..<ModelStatements.insertChunkSize).map(all.row).joined(separator: ", ")
        if keyPosition != nil {
            let withoutKey = inserts(omitting: generatedAndKey)
            insertWithoutKeyReturning = withoutKey.head + withoutKey.row(0) + returning
            insertWithoutKey = withoutKey.head + withoutKey.row(0)
            insertWithoutKeyChunk = withoutKey.head + (0..<ModelStatements.insertChunkSize).map(withoutKey.row).joined(separator: ", ")
        } else {
            insertWithoutKeyReturning = nil
            insertWithoutKey = nil
            insertWithoutKeyChunk = nil
        }
        // The written columns are bound in table order: parameter N is the Nth written column.
        var parameter: [Int: String] = [:]
        for (number, position) in all.written.enumerated() { parameter[position] = dialect.parameter(number + 1) }
        let updated: [Int] = all.written.filter { !keyColumns.contains($0) }
        let conflictTarget = keyColumns.map { names[$0] }.joined(separator: ", ")
        let excluded: [String] = updated.map { "\(names[$0]) = excluded.\(names[$0])" }
        upsertReturning = all.head + all.row(0) + " ON CONFLICT (\(conflictTarget)) "
            + (updated.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + excluded.joined(separator: ", ")) + returning
        let key: [String] = keyColumns.map { "\(names[$0]) = \(parameter[$0] ?? "")" }
        // A table whose every written column is in the key has nothing to set but the key itself.
        let assignments: [String] = updated.isEmpty ? key.prefix(1).map { _ in "\(names[keyColumns[0]]) = \(names[keyColumns[0]])" }
            : updated.map { "\(names[$0]) = \(parameter[$0] ?? "")" }
        updateReturning = "UPDATE \(quotedTable) SET " + assignments.joined(separator: ", ") + " WHERE " + key.joined(separator: " AND ") + returning
    }

    /// The columns left out of a write of `model`: the generated ones, and the key while it is nil.
    func omitted<Model: PersistableModel>(for model: Model) -> (omitted: [Bool], withoutKey: Bool) {
        keyPosition != nil && model.hasUnassignedKey ? (generatedAndKey, true) : (generated, false)
    }
}

/// Models' columns in table order, one model after another, without the columns `omitted`
/// marks (those the database computes).
struct InsertArguments<Model: PersistableModel>: SQLArguments {
    let models: ArraySlice<Model>
    let omitted: [Bool]

    func write<Writer: RowWriter>(to writer: inout Writer) {
        var skipping = OmittingColumnWriter(base: writer, omitted: omitted)
        for model in models {
            skipping.position = 0
            model.write(to: &skipping)
        }
        writer = skipping.base
    }
}

/// A writer that passes every column to `base` except those `omitted` marks.
struct OmittingColumnWriter<Base: RowWriter>: RowWriter {
    var base: Base
    let omitted: [Bool]
    var position = 0

    /// Whether the column being written goes to `base`; moves to the next column.
    private mutating func passes() -> Bool {
        defer { position += 1 }
        return !omitted[position]
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
        var probe = NullKeyProbe()
        Self.write(primaryKey: primaryKey, to: &probe)
        return probe.isNull
    }
}

/// Writes nothing; notes whether a one-column key was written as NULL (no allocation, on the
/// insert path of every `auto_increment` table).
struct NullKeyProbe: RowWriter {
    var isNull = false
    mutating func writeNull() { isNull = true }
    mutating func writeInt64(_ value: Int64) {}
    mutating func writeDouble(_ value: Double) {}
    mutating func writeBool(_ value: Bool) {}
    mutating func writeString(_ value: String) {}
    mutating func writeData(_ value: Data) {}
    mutating func writeDate(_ value: Date) {}
    mutating func writeDay(_ value: Date) {}
    mutating func writeUUID(_ value: UUID) {}
    mutating func writeJSON(_ value: JSONValue) {}
    mutating func writeDecimal(_ value: Decimal) {}
    mutating func writeTimeOfDay(_ value: TimeOfDay) {}
}
