import StrataSchema

extension DiagnosticCollector {
    /// The IR default for a column, reporting a default that does not fit the column's type.
    mutating func resolveDefault(
        _ parsed: Located<ParsedDefault>, type: ColumnType, qualifiedName: String, schemaEnums: [ParsedEnum]
    ) -> ColumnDefault? {
        let location = parsed.location
        let typeName = type.schemaName
        func mismatch(_ shown: String, _ remedy: String) -> ColumnDefault? {
            error("default \(shown) does not fit column '\(qualifiedName)' of type \(typeName): \(remedy)", at: location)
            return nil
        }
        switch parsed.value {
        case .sql(let sqlite, let postgres):
            return resolveSQLDefault(sqlite: sqlite, postgres: postgres, qualifiedName: qualifiedName)
        case .json(let json):
            guard type.isJSON else {
                return mismatch(json, "a mapping or list default is only for 'json' columns")
            }
            return .literal(.json(json))
        case .plain(let text) where text == "now":
            guard type == .timestamp || type == .date || type == .time else {
                if case .string = type { return mismatch("'now'", "'now' is the current time, for timestamp, date and time columns; to store the text, quote it: default: 'now'") }
                return mismatch("'now'", "'now' is the current time, for timestamp, date and time columns")
            }
            return .now
        case .plain(let text) where text == "uuid":
            guard type == .uuid else {
                if case .string = type { return mismatch("'uuid'", "'uuid' makes a random UUID, for uuid columns; to store the text, quote it: default: 'uuid'") }
                return mismatch("'uuid'", "'uuid' makes a random UUID, for uuid columns")
            }
            return .uuid
        case .plain(let text) where ["", "~", "null", "Null", "NULL"].contains(text):
            error("default null for column '\(qualifiedName)': a nullable column is NULL by default; remove 'default' (and add 'nullable: true' if needed)", at: location)
            return nil
        case .plain(let text), .quoted(let text):
            let isQuoted: Bool = if case .quoted = parsed.value { true } else { false }
            switch type {
            case .string(let maxLength):
                if let maxLength, text.count > maxLength {
                    return mismatch("'\(text)'", "it is longer than max_length \(maxLength)")
                }
                return .literal(.string(text))
            case .text:
                return .literal(.string(text))
            case .uuid:
                guard isCanonicalUUID(text) else {
                    return mismatch("'\(text)'", "write 'uuid' for a random UUID, or a UUID such as '00000000-0000-0000-0000-000000000000'")
                }
                return .literal(.string(text.lowercased()))
            case .enumeration(let enumName):
                var values: [String] = []
                for value in schemaEnums.first(where: { $0.name.value == enumName })?.values ?? [] where !values.contains(value.value) {
                    values.append(value.value)
                }
                guard values.contains(text) else {
                    error("default '\(text)' is not a value of enum '\(enumName)' (values: \(values.joined(separator: ", ")))\(didYouMean(text, among: values))", at: location)
                    return nil
                }
                return .literal(.string(text))
            case .int, .int32, .int16:
                guard !isQuoted, let number = Int64(text) else {
                    return mismatch("'\(text)'", "write a whole number without quotes, such as 0")
                }
                if let range = type.integerRange, !range.contains(number) {
                    return mismatch("'\(text)'", "it is outside \(type.schemaName)'s range \(range.lowerBound)...\(range.upperBound)")
                }
                return .literal(.int(number))
            case .double:
                guard !isQuoted, let number = Double(text), number.isFinite else {
                    return mismatch("'\(text)'", "write a number without quotes, such as 0.5")
                }
                return .literal(.double(number))
            case .time:
                guard let canonical = TimeText.canonical(text) else {
                    return mismatch("'\(text)'", "write a time of day such as '09:30' or '17:45:30.250', or now")
                }
                return .literal(.string(canonical))
            case .decimal(let precision, let scale):
                guard let canonical = DecimalText.canonical(text) else {
                    return mismatch("'\(text)'", "write a plain decimal number such as 9.99")
                }
                if let misfit = DecimalText.misfit(canonical, precision: precision, scale: scale) {
                    return mismatch("'\(text)'", misfit)
                }
                return .literal(.string(canonical))
            case .float:
                guard !isQuoted, let number = Double(text), number.isFinite else {
                    return mismatch("'\(text)'", "write a number without quotes, such as 0.5")
                }
                guard abs(number) <= Double(Float.greatestFiniteMagnitude) else {
                    return mismatch("'\(text)'", "it is outside float's range (about ±3.4e38); use type double for larger numbers")
                }
                return .literal(.double(ColumnType.floatValue(number)))
            case .bool:
                guard !isQuoted, text == "true" || text == "false" else {
                    return mismatch("'\(text)'", "write true or false without quotes")
                }
                return .literal(.bool(text == "true"))
            case .timestamp, .date:
                return mismatch("'\(text)'", "write 'now' for the current time, or no default")
            case .bytes:
                return mismatch("'\(text)'", "bytes columns cannot have a default")
            case .json, .textualJSON:
                if isQuoted { return .literal(.json(jsonString(text))) }
                if text == "true" || text == "false" || Int64(text) != nil { return .literal(.json(text)) }
                if let number = Double(text), number.isFinite { return .literal(.json(number.description)) }
                return mismatch("'\(text)'", "write a JSON value such as {} or [], or quote a JSON string")
            }
        }
    }
}

/// Whether `text` is a UUID in the 8-4-4-4-12 hexadecimal form.
func isCanonicalUUID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
}

extension DiagnosticCollector {
    /// A `default: {sql: …}`: each dialect's text one expression with no column in it (checked as
    /// checks are, PostgreSQL's `::` casts allowed in its own text), then SQLite's is prepared by SQLite (`SchemaValidator`).
    mutating func resolveSQLDefault(sqlite: Located<String>?, postgres: Located<String>?, qualifiedName: String) -> ColumnDefault? {
        var valid = true
        let shared = sqlite?.value == postgres?.value
        for (dialect, text) in [("sqlite", sqlite), ("postgres", postgres)] {
            guard let text, !(shared && dialect == "postgres") else { continue }
            let what = shared ? "the SQL default of column '\(qualifiedName)'" : "the \(dialect) SQL default of column '\(qualifiedName)'"
            do {
                try CheckExpression.validate(text.value, columns: [], allowsPostgreSQLCasts: dialect == "postgres" && !shared)
            } catch let problem {
                error("\(what) is not one SQL expression without columns: \(problem.message)", at: text.location)
                valid = false
                continue
            }
            if text.value.allSatisfy({ $0 == " " || $0 == "\t" }) {
                error("\(what) is empty: write an SQL expression, such as {sql: \"lower('X')\"}", at: text.location)
                valid = false
            }
        }
        return valid ? .sql(SQLExpressionDefault(sqlite: sqlite?.value, postgres: postgres?.value)) : nil
    }
}
