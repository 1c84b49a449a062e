/// The one naming convention for constraints and indexes that `schema.yaml` does not name.
///
/// | object | name |
/// |---|---|
/// | primary key | `pk_<table>` |
/// | index | `ix_<table>_<col>[_<col>…]` |
/// | unique constraint | `uq_<table>_<col>[_<col>…]` |
/// | foreign key | `fk_<table>_<col>[_<col>…]_<referenced table>` |
/// | check | `ck_<table>_<column or label>` |
///
/// Names longer than PostgreSQL's limit of 63 bytes are shortened deterministically: the first
/// 54 bytes, an underscore and 8 hex digits of a 32-bit FNV-1a hash of the full name.
public enum NamingConvention {
    /// PostgreSQL's identifier limit in bytes (`NAMEDATALEN - 1`).
    public static let maximumIdentifierLength = 63

    public static func primaryKey(table: String) -> String {
        shortened("pk_\(table)")
    }

    public static func index(table: String, columns: [String]) -> String {
        shortened("ix_\(table)_\(columns.joined(separator: "_"))")
    }

    public static func unique(table: String, columns: [String]) -> String {
        shortened("uq_\(table)_\(columns.joined(separator: "_"))")
    }

    public static func foreignKey(table: String, columns: [String], referencedTable: String) -> String {
        shortened("fk_\(table)_\(columns.joined(separator: "_"))_\(referencedTable)")
    }

    /// A check constraint's name; `label` is the column name or another short description.
    public static func check(table: String, label: String) -> String {
        shortened("ck_\(table)_\(label)")
    }

    /// `name` itself when it fits in 63 bytes, otherwise a deterministic 63-byte abbreviation.
    public static func shortened(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count > maximumIdentifierLength else { return name }
        let suffix = "_" + hexadecimal(fnv1a32(bytes))
        let prefixLength = maximumIdentifierLength - suffix.utf8.count
        // Identifiers are ASCII (validated), so a byte prefix is a character prefix.
        let prefix = String(decoding: bytes[0..<prefixLength], as: UTF8.self)
        return prefix + suffix
    }

    static func fnv1a32(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    static func hexadecimal(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for shift in stride(from: 28, through: 0, by: -4) {
            text.append(digits[Int((value >> UInt32(shift)) & 0xf)])
        }
        return text
    }
}
