/// Durations as `schema.yaml` and the command line write them: `500ms`, `2s`, `1min`.
public enum LockTimeoutText {
    /// The milliseconds `text` means, or `nil` when it is not a whole number followed by `ms`,
    /// `s` or `min`, or is longer than 10 minutes.
    public static func milliseconds(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let value = Int(digits) else { return nil }
        let factor: Int
        switch text.dropFirst(digits.count) {
        case "ms": factor = 1
        case "s": factor = 1000
        case "min": factor = 60_000
        default: return nil
        }
        let result = value * factor
        return result <= 600_000 ? result : nil
    }
}
