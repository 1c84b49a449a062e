import Foundation
import StrataSchema

/// Reads the columns of one result row in order. Drivers implement it over their native row
/// (an `sqlite3_stmt`, a PostgreSQL data row); generated models read themselves through it, by
/// position, with no dictionary or `Codable` in between.
public protocol RowReader {
    /// Whether the next column is NULL; if it is, moves past it.
    mutating func readNull() -> Bool
    /// An integer column.
    mutating func readInt64() throws -> Int64
    /// A floating-point column.
    mutating func readDouble() throws -> Double
    /// A boolean column.
    mutating func readBool() throws -> Bool
    /// A text column.
    mutating func readString() throws -> String
    /// A bytes column.
    mutating func readData() throws -> Data
    /// A `timestamp` column.
    mutating func readDate() throws -> Date
    /// A `date` column: midnight UTC of the stored day.
    mutating func readDay() throws -> Date
    /// A UUID column.
    mutating func readUUID() throws -> UUID
    /// A JSON column.
    mutating func readJSON() throws -> JSONValue
    /// A `decimal` column. The default reads the canonical text SQLite stores.
    mutating func readDecimal() throws -> Decimal
    /// A `time` column. The default reads the text SQLite stores (`HH:MM:SS.SSS`).
    mutating func readTimeOfDay() throws -> TimeOfDay
    /// A generated enum's column: the index in `cases` of the column's text. The default reads
    /// a `String` and looks it up; a driver that has the bytes compares them in place.
    /// - Throws: `StrataError.decoding` when the text is no case's raw value (`CaseTexts.notACase`).
    mutating func readCaseIndex(_ cases: CaseTexts) throws -> Int
}

/// Writes statement parameters in order. Drivers implement it over their native binding
/// (`sqlite3_bind_*`, `PostgresBindings`).
public protocol RowWriter {
    /// NULL.
    mutating func writeNull()
    /// An integer.
    mutating func writeInt64(_ value: Int64)
    /// A floating-point number.
    mutating func writeDouble(_ value: Double)
    /// A boolean.
    mutating func writeBool(_ value: Bool)
    /// Text.
    mutating func writeString(_ value: String)
    /// Bytes.
    mutating func writeData(_ value: Data)
    /// A `timestamp` column; stored at millisecond precision.
    mutating func writeDate(_ value: Date)
    /// A `date` column: the UTC day of `value`.
    mutating func writeDay(_ value: Date)
    /// A UUID.
    mutating func writeUUID(_ value: UUID)
    /// A JSON document.
    mutating func writeJSON(_ value: JSONValue)
    /// A `decimal` column's value, already rounded to the column's scale. The default writes
    /// the canonical text SQLite stores (`12.5`, `-0.05`).
    mutating func writeDecimal(_ value: Decimal)
    /// A `time` column's value. The default writes the text SQLite stores (`HH:MM:SS.SSS`).
    mutating func writeTimeOfDay(_ value: TimeOfDay)
}

extension RowReader {
    /// Reads the column's text as a decimal number; text that is not one is a decoding error.
    public mutating func readDecimal() throws -> Decimal {
        let text = try readString()
        guard let value = Decimal(string: text), value.description == text else {
            throw StrataError.decoding("'\(ControlCharacters.escaped(text))' is not a decimal number in canonical form")
        }
        return value
    }

    /// A nullable `decimal` column.
    public mutating func readOptionalDecimal() throws -> Decimal? {
        readNull() ? nil : try readDecimal()
    }

    /// Reads the column's text and looks it up in `cases`.
    public mutating func readCaseIndex(_ cases: CaseTexts) throws -> Int {
        let text = try readString()
        guard let index = cases.index(of: text) else { throw cases.notACase(text) }
        return index
    }

    /// Reads the column's text as a time of day; text that is not one is a decoding error.
    public mutating func readTimeOfDay() throws -> TimeOfDay {
        let text = try readString()
        guard let value = TimeOfDay(text) else { throw StrataError.decoding("'\(ControlCharacters.escaped(text))' is not a time of day (HH:MM:SS.SSS)") }
        return value
    }
}

extension RowWriter {
    /// Writes the canonical text of the decimal number.
    public mutating func writeDecimal(_ value: Decimal) { writeString(value.description) }

    /// Writes the time as `HH:MM:SS.SSS`.
    public mutating func writeTimeOfDay(_ value: TimeOfDay) { writeString(value.description) }

    /// A `decimal` column's value, rounded to the column's `scale` first (as PostgreSQL does).
    public mutating func writeDecimal(_ value: Decimal, scale: Int) { writeDecimal(value.roundedToScale(scale)) }

    /// A nullable `decimal` column's value, rounded to the column's `scale` first.
    public mutating func writeOptionalDecimal(_ value: Decimal?, scale: Int) {
        if let value { writeDecimal(value.roundedToScale(scale)) } else { writeNull() }
    }
}

extension Decimal {
    /// The number rounded to `scale` digits after the point, half away from zero: what a
    /// `decimal(p, scale)` column stores (PostgreSQL's numeric rounding).
    public func roundedToScale(_ scale: Int) -> Decimal {
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }
}

extension RowReader {
    /// The next column as `Value` (its type inferred from where it goes).
    @inlinable
    public mutating func read<Value: ColumnValue>() throws -> Value {
        try Value.read(from: &self)
    }
}

extension RowReader {
    /// A nullable `date` column.
    public mutating func readOptionalDay() throws -> Date? {
        readNull() ? nil : try readDay()
    }
}

extension RowWriter {
    /// A nullable `date` column.
    public mutating func writeOptionalDay(_ value: Date?) {
        if let value { writeDay(value) } else { writeNull() }
    }

    /// Writes `value` as the next parameter.
    @inlinable
    public mutating func write<Value: ColumnValue>(_ value: Value) {
        value.write(to: &self)
    }
}

/// A Swift type stored in one column: the types `schema.yaml` maps to, their optionals, and the
/// generated enums.
///
/// The conformances' `read` and `write` are one call into the reader or writer and always
/// inlined: a generated model's `init(row:)` and `write(to:)` are generic over the driver's reader
/// and writer, so calls to them are not specialized, and an inlined body is one protocol call
/// per column instead of two.
public protocol ColumnValue: Sendable {
    /// Reads one column.
    static func read<Reader: RowReader>(from reader: inout Reader) throws -> Self
    /// Writes one parameter.
    func write<Writer: RowWriter>(to writer: inout Writer)
    /// The value boxed for filters and assignments.
    var sqlValue: SQLValue { get }
}

extension Int64: ColumnValue {
    /// Reads the column as an integer.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Int64 { try reader.readInt64() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeInt64(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .int(self) }
}

extension Int32: ColumnValue {
    /// Reads the column as an integer; a value outside `Int32` is a decoding error.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Int32 {
        let value = try reader.readInt64()
        guard let narrow = Int32(exactly: value) else { throw StrataError.decoding("\(value) does not fit Int32") }
        return narrow
    }
    /// Writes the value as a 64-bit integer (the column's type keeps the range).
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeInt64(Int64(self)) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Int16: ColumnValue {
    /// Reads the column as an integer; a value outside `Int16` is a decoding error.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Int16 {
        let value = try reader.readInt64()
        guard let narrow = Int16(exactly: value) else { throw StrataError.decoding("\(value) does not fit Int16") }
        return narrow
    }
    /// Writes the value as a 64-bit integer (the column's type keeps the range).
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeInt64(Int64(self)) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Double: ColumnValue {
    /// Reads the column as a floating-point number.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Double { try reader.readDouble() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeDouble(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .double(self) }
}

extension Float: ColumnValue {
    /// Reads the column as a floating-point number, rounded to the nearest `Float` (a `float`
    /// column holds only such values, so nothing is lost).
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Float { Float(try reader.readDouble()) }
    /// Writes the value as a double, which holds every `Float` exactly.
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeDouble(Double(self)) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .double(Double(self)) }
}

extension Decimal: ColumnValue {
    /// Reads the column as a decimal number.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Decimal { try reader.readDecimal() }
    /// Writes the number as it is; generated models round it to the column's scale first.
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeDecimal(self) }
    /// The value boxed for filters and assignments (rounded to the column's scale when bound).
    public var sqlValue: SQLValue { .decimal(self) }
}

extension TimeOfDay: ColumnValue {
    /// Reads the column as a time of day.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> TimeOfDay { try reader.readTimeOfDay() }
    /// Writes the time of day.
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeTimeOfDay(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .timeOfDay(self) }
}

extension Bool: ColumnValue {
    /// Reads the column as a boolean.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Bool { try reader.readBool() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeBool(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .bool(self) }
}

extension String: ColumnValue {
    /// Reads the column as text.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> String { try reader.readString() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeString(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .text(self) }
}

extension Data: ColumnValue {
    /// Reads the column as bytes.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Data { try reader.readData() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeData(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .bytes(self) }
}

extension Date: ColumnValue {
    /// Reads the column as a timestamp.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Date { try reader.readDate() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeDate(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .timestamp(self) }
}

extension UUID: ColumnValue {
    /// Reads the column as a UUID.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> UUID { try reader.readUUID() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeUUID(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .uuid(self) }
}

extension JSONValue: ColumnValue {
    /// Reads the column as a JSON document.
    @inlinable @inline(__always) public static func read<Reader: RowReader>(from reader: inout Reader) throws -> JSONValue { try reader.readJSON() }
    @inlinable @inline(__always) public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeJSON(self) }
    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .json(self) }
}

extension Optional: ColumnValue where Wrapped: ColumnValue {
    /// Reads NULL as nil, anything else as `Wrapped`.
    ///
    /// Always inlined, as `write` is: a generated `init(row:)` reads a nullable column as
    /// `Type?.read(from:)`, and a call (not specialized, the reader's type being open) would look
    /// `Optional<Type>` up at run time for every nullable column.
    @inlinable @inline(__always)
    public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Wrapped? {
        if reader.readNull() { return nil }
        return try Wrapped.read(from: &reader)
    }

    /// Writes nil as NULL.
    ///
    /// Always inlined: a generated model's `write(to:)` is generic over its writer, so a call
    /// would not be specialized and would look up `Optional<Wrapped>`'s conformance at run time
    /// (`swift_getWitnessTable`) for every nullable column.
    @inlinable @inline(__always)
    public func write<Writer: RowWriter>(to writer: inout Writer) {
        if let value = self { value.write(to: &writer) } else { writer.writeNull() }
    }

    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// Generated enums are stored as their raw text.
///
/// Generated enums also declare their own `read(from:)` and `write(to:)`, which match the
/// column's text against their `StoredTexts.all` (`RowReader.readCaseIndex(_:)`, no `String`
/// made on SQLite) and call `writeString` on the concrete type: these defaults, generic over
/// `Self`, read a `String` and look up `Optional<Self>`'s type metadata at run time on every call.
extension ColumnValue where Self: RawRepresentable, RawValue == String {
    /// Reads the stored text as a case; text that is no case is a decoding error.
    @inlinable
    public static func read<Reader: RowReader>(from reader: inout Reader) throws -> Self {
        try storedCase(reader.readString())
    }

    /// The case stored as `text`.
    /// - Throws: `StrataError.decoding` when `text` is no case's raw value.
    @inlinable
    public static func storedCase(_ text: String) throws -> Self {
        guard let value = Self(rawValue: text) else {
            throw CaseTexts.notACase(text, of: "\(Self.self)")
        }
        return value
    }

    /// Writes the raw value as text.
    @inlinable
    public func write<Writer: RowWriter>(to writer: inout Writer) { writer.writeString(rawValue) }

    /// The value boxed for filters and assignments.
    public var sqlValue: SQLValue { .text(rawValue) }
}

/// A generated type whose rows are read by column position and filtered and ordered by key
/// path: a table's model (`PersistableModel`) or a view's row (read with `ViewRepository`).
public protocol ReadableModel: TableModel, RowDecodable {
    /// Reads a row whose columns are in the relation's order.
    init<Reader: RowReader>(row reader: inout Reader) throws
    /// The position of the column a key path reads, if it is one of the stored columns.
    static func columnPosition(of keyPath: PartialKeyPath<Self>) -> Int?
}

/// A generated model that the repository reads and writes by column position.
///
/// The generator emits the conformance in `Tables.swift`: `init(row:)` and `write(to:)` visit the
/// columns in table order, so drivers bind and read values directly.
public protocol PersistableModel: ReadableModel {
    /// The primary key: the key column's type, or a generated `ID` struct for composite keys.
    associatedtype PrimaryKey: Hashable & Sendable

    /// Reads a row whose columns are in table order.
    init<Reader: RowReader>(row reader: inout Reader) throws
    /// Writes every column, in table order.
    func write<Writer: RowWriter>(to writer: inout Writer)
    /// The value's primary key.
    var primaryKey: PrimaryKey { get }
    /// Writes a primary key's columns, in key order.
    static func write<Writer: RowWriter>(primaryKey: PrimaryKey, to writer: inout Writer)
    /// Sets the columns declared `on_update: now` (called by the repository on update).
    mutating func touchUpdatedColumns(at now: Date)
    /// Rounds the values the database stores less precisely (timestamps to the millisecond, dates
    /// to the UTC day), so that the value equals what a read returns. Generated; the default
    /// (for models generated before it existed) writes the columns and reads them back.
    mutating func roundToStoredPrecision()
}
