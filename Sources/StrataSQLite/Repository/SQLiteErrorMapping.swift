import Foundation
import StrataRuntime
import StrataSchema

/// Turns SQLite's result codes and messages into `StrataError`s that name the constraint.
enum SQLiteErrorMapping {
    static func error(code: Int32, message: String) -> StrataError {
        switch code {
        case 2067 /* SQLITE_CONSTRAINT_UNIQUE */, 1555 /* SQLITE_CONSTRAINT_PRIMARYKEY */:
            // "UNIQUE constraint failed: patterns.name, patterns.pattern_type"
            let columns = qualifiedColumns(in: message)
            let table = columns.first?.table ?? ""
            let constraint: String? = code == 1555
                ? NamingConvention.primaryKey(table: table)
                : columns.isEmpty ? nil : NamingConvention.unique(table: table, columns: columns.map(\.column))
            return .uniqueViolation(table: table, constraint: constraint, message: message)
        case 787 /* SQLITE_CONSTRAINT_FOREIGNKEY */:
            return .foreignKeyViolation(table: nil, constraint: nil, message: message)
        case 275 /* SQLITE_CONSTRAINT_CHECK */:
            let name = message.components(separatedBy: "CHECK constraint failed: ").last.flatMap { $0.isEmpty ? nil : $0 }
            return .checkViolation(table: nil, constraint: name, message: message)
        case 1299 /* SQLITE_CONSTRAINT_NOTNULL */:
            let column = qualifiedColumns(in: message).first
            return .notNullViolation(table: column?.table, column: column?.column, message: message)
        default:
            return .database(message: message)
        }
    }

    /// `table.column` pairs after the colon of a constraint message.
    static func qualifiedColumns(in message: String) -> [(table: String, column: String)] {
        guard let colon = message.range(of: ": ") else { return [] }
        return message[colon.upperBound...].split(separator: ",").compactMap { item in
            let parts = item.trimmingCharacters(in: .whitespaces).split(separator: ".", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }
}
