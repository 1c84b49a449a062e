import Foundation
import GRDBSQLite
import StrataRuntime
import StrataSchema

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Binds statement parameters in order, straight into an `sqlite3_stmt`.
struct SQLiteParameterWriter: RowWriter {
    let statement: OpaquePointer
    var index: Int32 = 1

    init(_ statement: OpaquePointer) {
        self.statement = statement
    }

    mutating func writeNull() { sqlite3_bind_null(statement, index); index += 1 }
    mutating func writeInt64(_ value: Int64) { sqlite3_bind_int64(statement, index, value); index += 1 }
    mutating func writeDouble(_ value: Double) { sqlite3_bind_double(statement, index, value); index += 1 }
    mutating func writeBool(_ value: Bool) { sqlite3_bind_int64(statement, index, value ? 1 : 0); index += 1 }

    mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transientDestructor)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, transientDestructor)
            }
        }
        index += 1
    }

    mutating func writeData(_ value: Data) {
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), transientDestructor)
        }
        index += 1
    }

    mutating func bindText(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transientDestructor)
        index += 1
    }

    mutating func writeDate(_ value: Date) {
        CivilTime.withText(value, dayOnly: false) { bindText($0) }
    }

    mutating func writeDay(_ value: Date) {
        CivilTime.withText(value, dayOnly: true) { bindText($0) }
    }

    mutating func writeUUID(_ value: UUID) {
        UUIDText.withText(value) { bindText($0) }
    }

    mutating func writeJSON(_ value: JSONValue) {
        writeString(value.jsonText)
    }
}

/// Reads the current row of an `sqlite3_stmt` column by column.
struct SQLiteRowReader: RowReader {
    let statement: OpaquePointer
    var index: Int32 = 0

    init(_ statement: OpaquePointer) {
        self.statement = statement
    }

    func failure(_ expected: String) -> StrataError {
        let name = sqlite3_column_name(statement, index).map { String(cString: $0) } ?? "column \(index)"
        let found = sqlite3_column_type(statement, index) == SQLITE_NULL ? "NULL" : "'\(ControlCharacters.escaped(String(cString: sqlite3_column_text(statement, index))))'"
        return .decoding("column '\(name)' holds \(found), not \(expected)")
    }

    mutating func readNull() -> Bool {
        guard sqlite3_column_type(statement, index) == SQLITE_NULL else { return false }
        index += 1
        return true
    }

    // NULL in a column read as not null is a decoding error. SQLite reads NULL as 0, 0.0 or a
    // null pointer without converting it, so the column's type is asked only when the value read
    // is one of those: one C call per column in the common case, not two.

    mutating func checkedNotNull(_ expected: String) throws {
        if sqlite3_column_type(statement, index) == SQLITE_NULL { throw failure(expected) }
    }

    mutating func readInt64() throws -> Int64 {
        let value = sqlite3_column_int64(statement, index)
        if value == 0 { try checkedNotNull("an integer") }
        index += 1
        return value
    }

    mutating func readDouble() throws -> Double {
        let value = sqlite3_column_double(statement, index)
        if value == 0 { try checkedNotNull("a number") }
        index += 1
        return value
    }

    mutating func readBool() throws -> Bool {
        try readInt64() != 0
    }

    /// The column's text bytes (valid until the next step). Inlined into each reader: the
    /// error path is a separate function.
    @inline(__always)
    mutating func textBytes(_ expected: String) throws -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(statement, index) else { throw noText(expected) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, index)))
    }

    /// Why a column has no text: NULL, or SQLite ran out of memory converting the value to text.
    @inline(never)
    func noText(_ expected: String) -> StrataError {
        if sqlite3_column_type(statement, index) == SQLITE_NULL { return failure(expected) }
        return SQLiteStatements.failure(sqlite3_db_handle(statement), SQLITE_NOMEM)
    }

    mutating func readString() throws -> String {
        let bytes = try textBytes("text")
        defer { index += 1 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Compares the column's bytes with the cases' raw values in place (no `String` made).
    mutating func readCaseIndex(_ cases: CaseTexts) throws -> Int {
        let bytes = try textBytes("text")
        guard let position = cases.index(of: bytes) else { throw cases.notACase(String(decoding: bytes, as: UTF8.self)) }
        index += 1
        return position
    }

    mutating func readData() throws -> Data {
        let pointer = sqlite3_column_blob(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        guard count > 0, let pointer else {
            // NULL and empty bytes both read as no pointer.
            try checkedNotNull("bytes")
            index += 1
            return Data()
        }
        index += 1
        return Data(bytes: pointer, count: count)
    }

    /// The column's text parsed by `parse`; a value it rejects is an error naming `expected`.
    mutating func parsedText<Value>(_ expected: String, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?) throws -> Value {
        guard let value = parse(try textBytes(expected)) else { throw failure(expected) }
        index += 1
        return value
    }

    mutating func readDate() throws -> Date {
        try parsedText("a timestamp (YYYY-MM-DD HH:MM:SS.SSS)", CivilTime.date(from:))
    }

    mutating func readDay() throws -> Date {
        try parsedText("a date (YYYY-MM-DD)") { $0.count >= 10 ? CivilTime.date(from: UnsafeBufferPointer(rebasing: $0[0..<10])) : nil }
    }

    mutating func readUUID() throws -> UUID {
        try parsedText("a UUID", UUIDText.uuid(from:))
    }

    mutating func readJSON() throws -> JSONValue {
        let bytes = try textBytes("JSON")
        defer { index += 1 }
        return try JSONValue(jsonBytes: bytes)
    }
}

/// Steps a bound `sqlite3_stmt` row by row: the one place a step's result is told apart (a row,
/// the end, or the connection's error). `SQLiteStatements.stepping` makes it and resets the
/// statement afterwards.
struct SQLiteRowCursor: ResultRowCursor {
    let statement: OpaquePointer
    /// The statement's connection, for its error message.
    let connection: OpaquePointer

    mutating func next() throws -> SQLiteRowReader? {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return SQLiteRowReader(statement) }
        if code == SQLITE_DONE { return nil }
        throw SQLiteStatements.failure(connection, code)
    }
}
