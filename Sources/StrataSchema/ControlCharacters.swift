/// The characters that must never reach generated Swift, an SQL comment or a terminal as they are:
/// those that end a line (so text after them becomes code), control characters (terminal escape
/// sequences, NUL) and Unicode bidirectional controls (which make text display in another order
/// than the compiler reads it, the "Trojan Source" attack).
///
/// Every renderer that puts text from a schema, a migration file or a command line into a comment,
/// a literal or a message uses `escaped(_:)` or `lines(_:)`, so this list exists once.
public enum ControlCharacters {
    /// Whether `scalar` ends a line for Swift, Unicode or a terminal: LF, VT, FF, CR, NEL, LINE
    /// SEPARATOR and PARAGRAPH SEPARATOR.
    public static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Whether `scalar` is a bidirectional formatting character (LRM, RLM, ALM, the embeddings,
    /// overrides and isolates).
    public static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether `scalar` must be escaped: a line terminator, a C0 or C1 control character (tab
    /// included), DEL, or a bidirectional control.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isLineTerminator(scalar) || isBidirectionalControl(scalar)
    }

    /// Whether `text` holds any character that `isUnsafe` names.
    public static func containsUnsafe(_ text: String) -> Bool {
        mayContainUnsafe(text) && text.unicodeScalars.contains(where: isUnsafe)
    }

    /// A byte scan that is false only when `text` surely holds no unsafe character: no byte
    /// below 0x20 or DEL, and no lead byte of the two- and three-byte sequences that encode the C1
    /// controls (0xC2), U+061C (0xD8) or the U+2000 block (0xE2). Generated text almost never
    /// needs the slower scalar scan.
    static func mayContainUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
        }
    }

    /// `text` with every unsafe character written as a visible escape: `\n`, `\r`, `\t`, or
    /// `\u{1B}`; the result is one line that displays as it reads. A backslash is kept as it is.
    public static func escaped(_ text: String) -> String {
        guard containsUnsafe(text) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The visible escape of one unsafe scalar (`\n`, `\r`, `\t`, `\u{202E}`).
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// The lines of `text`, split at every line terminator (CR LF counts once), each with its
    /// remaining unsafe characters escaped and its trailing spaces removed: what a multi-line
    /// text becomes in `///` or `--` comments.
    public static func lines(_ text: String) -> [String] {
        if !mayContainUnsafe(text) {
            var line = text
            while line.last == " " { line.removeLast() }
            return [line]
        }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        func flush() {
            var line = String(current)
            while line.last == " " { line.removeLast() }
            lines.append(escaped(line))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n", previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = scalar == "\r"
            if isLineTerminator(scalar) {
                flush()
            } else {
                current.append(scalar)
            }
        }
        flush()
        return lines
    }
}
