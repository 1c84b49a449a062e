/// How an operation treats existing data.
public enum DataLoss: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    /// Keeps every value.
    case safe = "safe"
    /// Running it in this direction destroys data (a dropped column, a narrowed type).
    case lossy = "lossy"
    /// Fails on existing rows unless they are fixed first (NOT NULL on a column with NULLs, a new
    /// NOT NULL column without a default, a removed enum value still in use).
    case needsBackfill = "needs_backfill"

    public static func < (lhs: DataLoss, rhs: DataLoss) -> Bool {
        let order: [DataLoss] = [.safe, .needsBackfill, .lossy]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

extension MigrationOperation {
    /// What running this operation does to existing data (the downgrade's is `reversed.dataLoss`).
    public var dataLoss: DataLoss {
        switch self {
        case .dropTable, .dropColumn: return .lossy
        case .addColumn(_, let column):
            // A default every dialect has fills the existing rows.
            return column.isNullable || column.isGenerated || column.defaultValue?.existsInEveryDialect == true ? .safe : .needsBackfill
        case .alterColumn(_, let from, let to):
            // A column's own values replaced by the expression's.
            if to.isGenerated, !from.isGenerated { return .lossy }
            if from.type != to.type, !from.type.widens(to: to.type) { return .lossy }
            if from.isNullable && !to.isNullable { return .needsBackfill }
            return .safe
        case .alterEnum(let from, let to, let renames):
            let renamed = Set(renames.map(\.from))
            return from.values.contains { !to.values.contains($0) && !renamed.contains($0) } ? .needsBackfill : .safe
        case .addUnique, .addCheck, .addForeignKey, .alterPrimaryKey:
            return .needsBackfill
        case .createIndex(_, let index):
            return index.isUnique ? .needsBackfill : .safe
        case .sql, .alterTableComment, .createSQLObject, .dropSQLObject:
            return .safe
        case .createTable, .renameTable, .renameColumn, .dropIndex, .dropUnique, .dropCheck, .dropForeignKey, .createEnum, .dropEnum:
            return .safe
        }
    }
}

extension ColumnType {
    /// Whether every value of this type converts to `other` without loss.
    public func widens(to other: ColumnType) -> Bool {
        switch (self, other) {
        case (.string(let from), .string(let to)):
            guard let from else { return to == nil }
            return to == nil || to! >= from
        case (.string, .text), (.enumeration, .text), (.enumeration, .string(nil)), (.uuid, .text), (.uuid, .string(nil)):
            return true
        case (.int, .double), (.bool, .int), (.int, .text), (.double, .text), (.date, .timestamp):
            return true
        // A narrower integer fits a wider one, a double and text.
        case (.int32, .int), (.int16, .int), (.int16, .int32), (.int32, .double), (.int16, .double),
             (.int32, .text), (.int16, .text), (.bool, .int32), (.bool, .int16):
            return true
        // A float is exact as a double; 16-bit integers fit a float's 24-bit significand.
        case (.float, .double), (.int16, .float):
            return true
        // Every jsonb document is valid json; the other way loses whitespace, key order and
        // duplicate keys (the last one is kept).
        case (.json, .textualJSON):
            return true
        // A decimal keeps its digits in a decimal with as many before and after the point, and
        // its canonical text (PostgreSQL's trim_scale) in text.
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            return s2 >= s1 && p2 - s2 >= p1 - s1
        case (.int16, .decimal(let p, let s)), (.int32, .decimal(let p, let s)), (.int, .decimal(let p, let s)):
            let digits = self == .int16 ? 5 : self == .int32 ? 10 : 19
            return p - s >= digits
        case (.decimal, .text), (.decimal, .string(nil)), (.time, .text), (.time, .string(nil)):
            return true
        default:
            return self == other
        }
    }
}
