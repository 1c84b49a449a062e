/// The text of a time of day as Strata keeps it: `HH:MM:SS.SSS` (what SQLite stores, how defaults
/// are written, PostgreSQL `time(3)`); one parser for the schema, pull and the runtime.
public enum TimeText {
    /// Milliseconds since midnight of `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f` (1 to 6 fraction
    /// digits, rounded to the millisecond); nil for anything else, or for a time that rounds to
    /// the next day.
    public static func milliseconds(of text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int64(bytes[$1] - 48) }
        }
        guard bytes.count >= 5, bytes[2] == 58, let hour = number(0..<2), let minute = number(3..<5), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0, microseconds: Int64 = 0
        if bytes.count > 5 {
            guard bytes.count >= 8, bytes[5] == 58, let value = number(6..<8), value < 60 else { return nil }
            second = value
            if bytes.count > 8 {
                let digits = bytes.count - 9
                guard bytes[8] == 46, (1...6).contains(digits), let fraction = number(9..<bytes.count) else { return nil }
                microseconds = fraction * [100_000, 10_000, 1000, 100, 10, 1][digits - 1]
            }
        }
        let total = ((hour * 60 + minute) * 60 + second) * 1000 + (microseconds + 500) / 1000
        return total < 86_400_000 ? total : nil
    }

    /// `HH:MM:SS.SSS` of `milliseconds` since midnight (`0..<86_400_000`).
    public static func text(ofMilliseconds milliseconds: Int64) -> String {
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(milliseconds / 3_600_000, 2)):\(padded(milliseconds / 60_000 % 60, 2)):\(padded(milliseconds / 1000 % 60, 2)).\(padded(milliseconds % 1000, 3))"
    }

    /// The canonical text of a time written another way (`09:30` → `09:30:00.000`).
    public static func canonical(_ text: String) -> String? {
        milliseconds(of: text).map(text(ofMilliseconds:))
    }
}
