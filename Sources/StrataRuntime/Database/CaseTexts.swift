import Foundation
import StrataSchema

/// The raw values of a generated enum's cases, in declaration order, as UTF-8: what
/// ``RowReader/readCaseIndex(_:)`` matches a column's text against.
///
/// A generated enum keeps one in `StoredTexts.all` and reads a column as the case at the index
/// the reader returns, so a driver that has the column's bytes (SQLite) compares them in place,
/// without making a `String` and switching over it.
public struct CaseTexts: Sendable {
    /// The enum's Swift name, for the error that names it.
    public let typeName: String
    /// Each case's raw value as UTF-8, in declaration order.
    let utf8: [[UInt8]]

    /// The raw values `rawValues`, in the order of the cases, of the enum named `typeName`.
    public init(_ rawValues: [String], of typeName: String) {
        self.typeName = typeName
        self.utf8 = rawValues.map { Array($0.utf8) }
    }

    /// The index of the case whose raw value is `bytes`; nil when there is none.
    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for position in utf8.indices {
            let found = utf8[position].withUnsafeBufferPointer { candidate in
                candidate.count == bytes.count && (candidate.isEmpty || memcmp(candidate.baseAddress!, bytes.baseAddress!, candidate.count) == 0)
            }
            if found { return position }
        }
        return nil
    }

    /// The index of the case whose raw value is `text`; nil when there is none.
    public func index(of text: String) -> Int? {
        var text = text
        return text.withUTF8 { index(of: $0) }
    }

    /// The decoding error for a stored text that is no case's raw value.
    public func notACase(_ text: String) -> StrataError {
        Self.notACase(text, of: typeName)
    }

    /// The decoding error for a stored text that is no case of the enum named `typeName`: the
    /// text (written by whatever wrote the row) escaped for a terminal.
    public static func notACase(_ text: String, of typeName: String) -> StrataError {
        .decoding("'\(ControlCharacters.escaped(text))' is not a value of \(typeName)")
    }
}
