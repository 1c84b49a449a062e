/// Turning the bytes of `schema.yaml` or a migration file into text, and the limits every YAML
/// document Strata reads is held to.
public enum SourceText {
    /// The largest file Strata reads: 16 MiB (a 10,000-table schema is about 5 MiB).
    public static let maximumBytes = 16 * 1024 * 1024
    /// The most YAML nodes one JSON default may expand to, aliases counted each time they are
    /// used (a "billion laughs" document expands exponentially).
    public static let maximumDefaultNodes = 10_000
    /// The longest canonical JSON text of one default: 64 KiB.
    public static let maximumDefaultBytes = 64 * 1024
    /// The deepest nesting of mappings and lists (the schema itself needs six levels).
    public static let maximumDepth = 64

    /// The text of a UTF-8 file.
    /// - Parameters:
    ///   - bytes: The file's bytes (a UTF-8 byte order mark is allowed and dropped).
    ///   - fileName: The name used in diagnostics.
    /// - Throws: `DiagnosticsError` at the line and column of the first byte that is not UTF-8,
    ///   or when the file is larger than `maximumBytes`.
    public static func decode(_ bytes: [UInt8], fileName: String) throws(DiagnosticsError) -> String {
        guard bytes.count <= maximumBytes else {
            throw DiagnosticsError([Diagnostic(.error, "the file has \(bytes.count) bytes, more than the limit of \(maximumBytes) (16 MiB): split it or remove what does not belong in it", at: nil, in: fileName)])
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let offset = firstInvalidUTF8Offset(body) {
            let location = location(ofByte: offset, in: body)
            let byte = String(body[offset], radix: 16, uppercase: true)
            throw DiagnosticsError([Diagnostic(.error, "the file is not valid UTF-8 (byte 0x\(byte) at offset \(offset - body.startIndex)): save it as UTF-8", at: location, in: fileName)])
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// The index of the first byte where `bytes` stops being well-formed UTF-8, if any.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            var lowest: UInt8 = 0x80, highest: UInt8 = 0xBF  // the range of the second byte
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; highest = 0x9F  // no surrogates
            case 0xF0: length = 4; lowest = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; highest = 0x8F
            default: return index
            }
            guard index + length <= bytes.endIndex else { return index }
            guard (lowest...highest).contains(bytes[index + 1]) else { return index }
            for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(bytes[next]) { return index }
            index += length
        }
        return nil
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    static func location(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> SourceLocation {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.startIndex..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceLocation(line: line, column: column)
    }
}
