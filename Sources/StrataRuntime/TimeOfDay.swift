import Foundation
import StrataSchema

/// A time of day without a date or time zone, at millisecond precision: the Swift type of `time`
/// columns (PostgreSQL `time(3)`; SQLite text `HH:MM:SS.SSS`).
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since midnight, `0..<86_400_000`.
    public let millisecondsSinceMidnight: Int64

    /// The number of milliseconds in a day.
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// The time `milliseconds` after midnight; nil outside one day.
    public init?(millisecondsSinceMidnight milliseconds: Int64) {
        guard (0..<Self.millisecondsPerDay).contains(milliseconds) else { return nil }
        millisecondsSinceMidnight = milliseconds
    }

    /// The time `hour:minute:second.millisecond`; nil when a part is out of its range
    /// (hour 0–23, minute and second 0–59, millisecond 0–999).
    public init?(hour: Int, minute: Int, second: Int = 0, millisecond: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second), (0..<1000).contains(millisecond) else { return nil }
        millisecondsSinceMidnight = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }

    /// Reads `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f` (1 to 6 fraction digits, rounded to the
    /// millisecond: a time that rounds to midnight of the next day is nil).
    public init?(_ text: String) {
        guard let milliseconds = TimeText.milliseconds(of: text) else { return nil }
        millisecondsSinceMidnight = milliseconds
    }

    /// The current time of day in UTC (what `default: now` stores on both databases).
    public static var now: TimeOfDay { TimeOfDay(utcTimeOf: Date()) }

    /// The UTC time of day of `date`, to the millisecond (rounded down).
    public init(utcTimeOf date: Date) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let day = Self.millisecondsPerDay
        millisecondsSinceMidnight = ((milliseconds % day) + day) % day
    }

    /// The hour, 0–23.
    public var hour: Int { Int(millisecondsSinceMidnight / 3_600_000) }
    /// The minute, 0–59.
    public var minute: Int { Int(millisecondsSinceMidnight / 60_000 % 60) }
    /// The second, 0–59.
    public var second: Int { Int(millisecondsSinceMidnight / 1000 % 60) }
    /// The millisecond, 0–999.
    public var millisecond: Int { Int(millisecondsSinceMidnight % 1000) }

    /// `HH:MM:SS.SSS`, as SQLite stores it (it sorts as time).
    public var description: String { TimeText.text(ofMilliseconds: millisecondsSinceMidnight) }

    /// Orders by time of day.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.millisecondsSinceMidnight < rhs.millisecondsSinceMidnight }

    /// Reads the text form (`"09:30:00.000"`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = TimeOfDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a time of day (HH:MM:SS.SSS)"))
        }
        self = value
    }

    /// Writes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
