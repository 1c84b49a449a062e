/// The text of a decimal number as every Strata layer keeps it: plain digits, a `-` for negative
/// numbers, no leading zeros, no trailing zeros after the point (`12.5`, `-0.05`, `100`); what
/// SQLite stores, and how defaults are written.
public enum DecimalText {
    /// The digits before and after the point of a plain decimal number (`-12.50`, `7`, `.5`);
    /// nil for anything else (exponents, spaces, signs other than a leading `-`).
    public static func parts(of text: String) -> (negative: Bool, integer: String, fraction: String)? {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let pieces = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = String(pieces[0]), fraction = pieces.count > 1 ? String(pieces[1]) : ""
        guard !(integer.isEmpty && fraction.isEmpty), (integer + fraction).allSatisfy({ $0.isASCII && $0.isNumber }),
              pieces.count == 1 || !fraction.isEmpty || !integer.isEmpty else { return nil }
        return (negative, integer, fraction)
    }

    /// The canonical text of `text` if it is a plain decimal number, exactly (no rounding).
    public static func canonical(_ text: String) -> String? {
        guard let (negative, integer, fraction) = parts(of: text) else { return nil }
        let whole = String(integer.drop { $0 == "0" })
        let decimals = String(fraction.reversed().drop { $0 == "0" }.reversed())
        let digits = (whole.isEmpty ? "0" : whole) + (decimals.isEmpty ? "" : "." + decimals)
        return negative && digits != "0" ? "-" + digits : digits
    }

    /// Why `canonical` text does not fit `decimal(precision, scale)`, or nil when it fits.
    public static func misfit(_ canonical: String, precision: Int, scale: Int) -> String? {
        guard let (_, integer, fraction) = parts(of: canonical) else { return "it is not a plain decimal number" }
        if fraction.count > scale { return "it has \(fraction.count) digits after the point and the scale is \(scale)" }
        let whole = integer == "0" ? 0 : integer.count
        if whole > precision - scale { return "it has \(whole) digits before the point and decimal(\(precision),\(scale)) allows \(precision - scale)" }
        return nil
    }
}
