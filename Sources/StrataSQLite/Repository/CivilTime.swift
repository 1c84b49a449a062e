import Foundation

/// Fast conversion between `Date` and the text SQLite stores: `YYYY-MM-DD HH:MM:SS.SSS` (UTC) for
/// timestamps and `YYYY-MM-DD` for dates, without `DateFormatter`. Public for code that reads
/// Strata's tables through the C API directly (the benchmark's baseline does).
package enum CivilTime {
    /// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's civil_from_days).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// (year, month, day) → days since 1970-01-01.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Calls `body` with the UTF-8 text of `date` as a timestamp (23 bytes) or a day (10 bytes).
    package static func withText<Result>(_ date: Date, dayOnly: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = milliseconds / 86_400_000
        var ofDay = milliseconds % 86_400_000
        if ofDay < 0 { ofDay += 86_400_000; days -= 1 }
        let (year, month, day) = civil(fromDays: days)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 23) { buffer in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0); buffer[4] = 45
            put(month, 2, at: 5); buffer[7] = 45
            put(day, 2, at: 8)
            if dayOnly { return body(UnsafeBufferPointer(rebasing: buffer[0..<10])) }
            buffer[10] = 32
            put(ofDay / 3_600_000, 2, at: 11); buffer[13] = 58
            put(ofDay / 60_000 % 60, 2, at: 14); buffer[16] = 58
            put(ofDay / 1000 % 60, 2, at: 17); buffer[19] = 46
            put(ofDay % 1000, 3, at: 20)
            return body(UnsafeBufferPointer(buffer))
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM:SS.SSS` (a `T` separator and a
    /// trailing `Z` accepted), as UTC.
    package static func date(from bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var count = bytes.count
        if count > 0, bytes[count - 1] == UInt8(ascii: "Z") { count -= 1 }
        guard count == 10 || count >= 19 else { return nil }
        func number(_ offset: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for index in offset..<offset + width {
                let digit = Int64(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              bytes[4] == 45, bytes[7] == 45, (1...12).contains(month), (1...31).contains(day) else { return nil }
        var milliseconds = days(year: year, month: month, day: day) * 86_400_000
        if count >= 19 {
            guard bytes[10] == 32 || bytes[10] == UInt8(ascii: "T"), let hour = number(11, 2), let minute = number(14, 2),
                  let second = number(17, 2) else { return nil }
            milliseconds += hour * 3_600_000 + minute * 60_000 + second * 1000
            if count > 20, bytes[19] == 46 {
                var scale: Int64 = 100
                for index in 20..<count where scale > 0 {
                    let digit = Int64(bytes[index]) - 48
                    guard digit >= 0 && digit <= 9 else { return nil }
                    milliseconds += digit * scale
                    scale /= 10
                }
            }
        }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

/// UUIDs as SQLite stores them: 36 lowercase characters.
package enum UUIDText {
    /// The lowercase hex digit of a nibble (0…15), computed: a table in a global would be
    /// looked up through its one-time initializer for every digit (32 times per UUID).
    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 + nibble : 87 + nibble
    }

    package static func withText<Result>(_ uuid: UUID, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeBytes(of: uuid.uuid) { raw in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { buffer in
                var output = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 { buffer[output] = 45; output += 1 }
                    buffer[output] = hexDigit(raw[index] >> 4)
                    buffer[output + 1] = hexDigit(raw[index] & 0x0F)
                    output += 2
                }
                return body(UnsafeBufferPointer(buffer))
            }
        }
    }

    package static func uuid(from bytes: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard bytes.count == 36 else { return nil }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &raw) { output -> Bool in
            var input = 0
            for index in 0..<16 {
                if bytes[input] == 45 { input += 1 }
                guard let high = nibble(bytes[input]), let low = nibble(bytes[input + 1]) else { return false }
                output[index] = high << 4 | low
                input += 2
            }
            return input == 36
        }
        return ok ? UUID(uuid: raw) : nil
    }

    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}
