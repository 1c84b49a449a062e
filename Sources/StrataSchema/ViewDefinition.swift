/// A view of `views:`: the columns a row holds, in order, and the query per dialect. The IR keeps
/// it as the `SQLObject` it makes (`sqlObject`), so migrations create, drop and recreate it as any
/// SQL object; `strata pull` reads it back into this form.
public struct ViewDefinition: Hashable, Sendable {
    /// The view's name, a schema identifier.
    public var name: String
    /// The columns the query returns, in order (name, type, nullability; nothing else applies).
    public var columns: [Column]
    /// The `SELECT` per dialect (`sqlite`, `postgres`); a dialect without one has no such view.
    public var query: [String: String]
    /// The tables the query reads: created before it, and it is recreated around their changes.
    public var tables: [String]

    /// A view named `name`.
    public init(name: String, columns: [Column], query: [String: String], tables: [String]) {
        self.name = name
        self.columns = columns
        self.query = query
        self.tables = tables
    }

    /// The SQL object that creates and drops the view on each dialect it has a query for.
    public var sqlObject: SQLObject {
        var create: [String: String] = [:], drop: [String: String] = [:]
        for dialect in [SQLiteDialect() as any DatabaseDialect, PostgreSQLDialect()] {
            guard let query = query[dialect.name] else { continue }
            create[dialect.name] = ViewSQL.create(self, query: query, in: dialect)
            drop[dialect.name] = ViewSQL.drop(name: name, in: dialect)
        }
        return SQLObject(name: name, tables: tables, create: create, drop: drop)
    }
}

extension ColumnType {
    /// The type as one word for a view's type note (`int`, `string(80)`, `decimal(10,2)`,
    /// `json(json)`, an enum's name): `init(viewTypeText:)` reads it back.
    public var viewTypeText: String {
        switch self {
        case .string(let maxLength?): "string(\(maxLength))"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .textualJSON: "json(json)"
        default: schemaName
        }
    }

    /// The type a `viewTypeText` names; `nil` for text that is none.
    public init?(viewTypeText text: String) {
        var name = Substring(text), arguments: [Substring] = []
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            name = text[..<open]
            arguments = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",")
        }
        switch (name, arguments.count) {
        case ("string", 1): guard let length = Int(arguments[0]), length > 0 else { return nil }; self = .string(maxLength: length)
        case ("decimal", 2):
            guard let type = ColumnType.builtin(named: "decimal", precision: Int(arguments[0]), scale: Int(arguments[1])) else { return nil }
            self = type
        case ("json", 1) where arguments[0] == "json": self = .textualJSON
        case (_, 0):
            if let type = ColumnType.builtin(named: String(name)) { self = type }
            else if Schema.isValidIdentifier(String(name)) { self = .enumeration(String(name)) }
            else { return nil }
        default: return nil
        }
    }
}
