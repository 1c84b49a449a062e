import Foundation
import NIOCore
import PostgresNIO
import StrataRuntime
import StrataSchema

/// A `timestamptz` parameter at millisecond precision (what SQLite stores too).
struct PostgresTimestamp: PostgresNonThrowingEncodable {
    let date: Date
    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        let milliseconds = ((date.timeIntervalSince1970 - 946_684_800) * 1000).rounded()
        buffer.writeInteger(Int64(milliseconds) * 1000)
    }
}

/// A `date` parameter: days since 2000-01-01 (the UTC day of the instant).
struct PostgresDay: PostgresNonThrowingEncodable {
    let date: Date
    static var psqlType: PostgresDataType { .date }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        let days = ((date.timeIntervalSince1970 - 946_684_800) / 86_400).rounded(.down)
        buffer.writeInteger(Int32(days))
    }
}

/// A `jsonb` parameter: version byte 1, then the JSON text.
struct PostgresJSONB: PostgresNonThrowingEncodable {
    let value: JSONValue
    static var psqlType: PostgresDataType { .jsonb }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(UInt8(1))
        buffer.writeString(value.jsonText)
    }
}

/// A `numeric` parameter in PostgreSQL's text format (the decimal's plain digits), which
/// PostgreSQL reads exactly.
struct PostgresDecimalText: PostgresNonThrowingEncodable {
    let value: Decimal
    static var psqlType: PostgresDataType { .numeric }
    static var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeString(value.description)
    }
}

/// A `time` parameter: microseconds since midnight.
struct PostgresTime: PostgresNonThrowingEncodable {
    let value: TimeOfDay
    static var psqlType: PostgresDataType { .time }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(value.millisecondsSinceMidnight * 1000)
    }
}

/// Appends parameters to `PostgresBindings` in order, each with its native type.
struct PostgresParameterWriter: RowWriter {
    var bindings = PostgresBindings(capacity: 16)

    mutating func writeNull() { bindings.appendNull() }
    mutating func writeInt64(_ value: Int64) { bindings.append(value) }
    mutating func writeDouble(_ value: Double) { bindings.append(value) }
    mutating func writeBool(_ value: Bool) { bindings.append(value) }
    mutating func writeString(_ value: String) { bindings.append(value) }
    mutating func writeData(_ value: Data) { bindings.append(ByteBuffer(bytes: value)) }
    mutating func writeDate(_ value: Date) { bindings.append(PostgresTimestamp(date: value)) }
    mutating func writeDay(_ value: Date) { bindings.append(PostgresDay(date: value)) }
    mutating func writeUUID(_ value: UUID) { bindings.append(value) }
    mutating func writeJSON(_ value: JSONValue) { bindings.append(PostgresJSONB(value: value)) }
    mutating func writeDecimal(_ value: Decimal) { bindings.append(PostgresDecimalText(value: value)) }
    mutating func writeTimeOfDay(_ value: TimeOfDay) { bindings.append(PostgresTime(value: value)) }
}

/// Reads a `PostgresRow` cell by cell, in order.
struct PostgresRowReader: RowReader {
    var iterator: PostgresRow.Iterator
    var current: PostgresCell?

    init(_ row: PostgresRow) {
        iterator = row.makeIterator()
        current = iterator.next()
    }

    mutating func take(_ expected: String) throws -> PostgresCell {
        guard let cell = current else { throw StrataError.decoding("the row has fewer columns than \(expected) needs") }
        guard cell.bytes != nil else { throw StrataError.decoding("column '\(cell.columnName)' is NULL, not \(expected)") }
        current = iterator.next()
        return cell
    }

    mutating func decode<Value: PostgresDecodable>(_ type: Value.Type, _ expected: String) throws -> Value {
        let cell = try take(expected)
        do {
            return try cell.decode(Value.self, context: .default)
        } catch {
            throw StrataError.decoding("column '\(cell.columnName)' of type \(cell.dataType) is not \(expected)")
        }
    }

    mutating func readNull() -> Bool {
        guard let cell = current, cell.bytes == nil else { return false }
        current = iterator.next()
        return true
    }

    mutating func readInt64() throws -> Int64 { try decode(Int64.self, "an integer") }
    mutating func readDouble() throws -> Double { try decode(Double.self, "a number") }
    mutating func readBool() throws -> Bool { try decode(Bool.self, "a boolean") }
    mutating func readString() throws -> String { try decode(String.self, "text") }
    mutating func readData() throws -> Data { try decode(Data.self, "bytes") }
    mutating func readUUID() throws -> UUID { try decode(UUID.self, "a UUID") }
    mutating func readDecimal() throws -> Decimal { try decode(Decimal.self, "a decimal number") }

    /// A `time` cell: microseconds since midnight, rounded to the millisecond as `time(3)` stores.
    mutating func readTimeOfDay() throws -> TimeOfDay {
        let cell = try take("a time of day")
        guard cell.dataType == .time, cell.format == .binary, var buffer = cell.bytes, buffer.readableBytes == 8,
              let microseconds = buffer.readInteger(as: Int64.self),
              let value = TimeOfDay(millisecondsSinceMidnight: (microseconds + 500) / 1000) else {
            throw StrataError.decoding("column '\(cell.columnName)' of type \(cell.dataType) is not a time of day")
        }
        return value
    }

    /// Built from whole milliseconds the way every Strata reader builds dates, so a value read
    /// back equals the value `insert` returned.
    mutating func readDate() throws -> Date {
        let cell = try take("a timestamp")
        guard cell.dataType == .timestamptz || cell.dataType == .timestamp, cell.format == .binary,
              var buffer = cell.bytes, buffer.readableBytes == 8, let microseconds = buffer.readInteger(as: Int64.self) else {
            throw StrataError.decoding("column '\(cell.columnName)' of type \(cell.dataType) is not a timestamp")
        }
        let milliseconds = Int64((Double(microseconds) / 1000).rounded()) + 946_684_800_000
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    mutating func readDay() throws -> Date {
        let cell = try take("a date")
        guard cell.dataType == .date, cell.format == .binary, var buffer = cell.bytes, let days = buffer.readInteger(as: Int32.self) else {
            throw StrataError.decoding("column '\(cell.columnName)' of type \(cell.dataType) is not a date")
        }
        return Date(timeIntervalSince1970: Double((Int64(days) + 10_957) * 86_400))
    }

    mutating func readJSON() throws -> JSONValue {
        let cell = try take("JSON")
        guard var buffer = cell.bytes else { throw StrataError.decoding("column '\(cell.columnName)' is NULL") }
        if cell.dataType == .jsonb, cell.format == .binary {
            guard buffer.readInteger(as: UInt8.self) == 1 else { throw StrataError.decoding("unknown jsonb version in '\(cell.columnName)'") }
        }
        return try buffer.withUnsafeReadableBytes { raw in
            try JSONValue(jsonBytes: raw.bindMemory(to: UInt8.self))
        }
    }
}
