import StrataSchema

extension DiagnosticCollector {
    /// The column type named by `parsed.type` (with `max_length`), reporting unknown types.
    mutating func resolveType(of parsed: ParsedColumn, qualifiedName: String, enums: [String]) -> ColumnType? {
        guard let typeName = parsed.type else { return nil }
        var maxLength: Int?
        if let length = parsed.maxLength {
            if enums.contains(typeName.value) {
                // An enum's storage length: the caller keeps it (`Column.enumMaxLength`).
            } else if typeName.value != "string" {
                error("'max_length' applies only to 'string' and enum columns, and column '\(qualifiedName)' is '\(typeName.value)': remove it or use 'type: string'", at: length.location)
            } else if let value = Int(length.value), value > 0, value <= 10_485_760 {
                maxLength = value
            } else {
                error("'max_length' of column '\(qualifiedName)' must be a whole number from 1 to 10485760, not '\(length.value)'", at: length.location)
            }
        }
        var keepsJSONText = false
        if let storage = parsed.postgresType {
            if typeName.value != "json" {
                error("'postgres_type' applies only to 'json' columns, and column '\(qualifiedName)' is '\(typeName.value)': remove it", at: storage.location)
            } else if storage.value == "json" || storage.value == "jsonb" {
                keepsJSONText = storage.value == "json"
            } else {
                error("'postgres_type' of column '\(qualifiedName)' must be jsonb (the default) or json, not '\(storage.value)'", at: storage.location)
            }
        }
        for option in [parsed.precision, parsed.scale].compactMap({ $0 }) where typeName.value != "decimal" {
            let key = option.location == parsed.precision?.location ? "precision" : "scale"
            error("'\(key)' applies only to 'decimal' columns, and column '\(qualifiedName)' is '\(typeName.value)': remove it or use 'type: decimal'", at: option.location)
        }
        if typeName.value == "decimal" {
            return resolveDecimal(parsed, typeName: typeName, qualifiedName: qualifiedName)
        }
        // `bigint` is another name of `int`.
        let name = typeName.value == "bigint" ? "int" : typeName.value
        if let builtin = ColumnType.builtin(named: name, maxLength: maxLength, postgresType: keepsJSONText ? "json" : nil) {
            return builtin
        }
        if enums.contains(typeName.value) { return .enumeration(typeName.value) }
        let candidates = ColumnType.builtinNames + ["bigint"] + enums
        let hint = didYouMean(typeName.value, among: candidates)
        let enumList = enums.isEmpty ? "" : " or an enum (\(enums.joined(separator: ", ")))"
        error("unknown type '\(typeName.value)' for column '\(qualifiedName)'\(hint); use \(ColumnType.builtinNames.joined(separator: ", "))\(enumList)", at: typeName.location)
        return nil
    }

    /// `decimal` with its `precision` (required, 1 to 38) and `scale` (0 to the precision, default 0).
    mutating func resolveDecimal(_ parsed: ParsedColumn, typeName: Located<String>, qualifiedName: String) -> ColumnType? {
        let range = ColumnType.decimalPrecisions
        guard let written = parsed.precision else {
            error("column '\(qualifiedName)' of type decimal needs 'precision' (its digits, \(range.lowerBound) to \(range.upperBound)) and usually 'scale' (the digits after the point), such as {type: decimal, precision: 10, scale: 2}", at: typeName.location)
            return nil
        }
        guard let precision = Int(written.value), range.contains(precision) else {
            error("'precision' of column '\(qualifiedName)' must be a whole number from \(range.lowerBound) to \(range.upperBound) (Swift's Decimal holds 38 digits), not '\(written.value)'", at: written.location)
            return nil
        }
        var scale = 0
        if let writtenScale = parsed.scale {
            guard let value = Int(writtenScale.value), (0...precision).contains(value) else {
                error("'scale' of column '\(qualifiedName)' must be a whole number from 0 to its precision \(precision), not '\(writtenScale.value)'", at: writtenScale.location)
                return nil
            }
            scale = value
        }
        return .decimal(precision: precision, scale: scale)
    }
}
