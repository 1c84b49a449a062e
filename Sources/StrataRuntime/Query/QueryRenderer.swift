import StrataSchema

/// Renders filters, orderings and assignments as SQL text for one dialect, collecting the values
/// they bind. The only place the repository makes SQL from a query.
@usableFromInline
struct QueryRenderer<Model: ReadableModel> {
    let dialect: any DatabaseDialect
    /// Bound values, in parameter order.
    private(set) var arguments: [SQLValue] = []
    /// The number of parameters already taken by the statement before these clauses.
    let firstParameter: Int

    init(dialect: any DatabaseDialect, firstParameter: Int = 1) {
        self.dialect = dialect
        self.firstParameter = firstParameter
    }

    var columns: [ColumnMetadata] { Model.table.columns }

    /// Binds `value` for column `position`: a `date` column's dates are days.
    mutating func bind(_ value: SQLValue, for position: Int) -> String {
        bind(Self.converted(value, for: position))
    }

    /// `value` as column `position` stores it: a `date` column's timestamps are days, a
    /// `decimal` column's numbers are rounded to its scale.
    @usableFromInline
    static func converted(_ value: SQLValue, for position: Int) -> SQLValue {
        // Only timestamps and decimals can change, so only they read the table's metadata.
        switch value {
        case .timestamp(let date):
            guard case .date = Model.table.columns[position].type else { return value }
            return .day(date)
        case .decimal(let number):
            guard case .decimal(_, let scale) = Model.table.columns[position].type else { return value }
            return .decimal(number.roundedToScale(scale))
        default:
            return value
        }
    }

    mutating func bind(_ value: SQLValue) -> String {
        arguments.append(value)
        return dialect.parameter(firstParameter + arguments.count - 1)
    }

    func column(_ position: Int) -> String { dialect.quoted(columns[position].name) }

    /// Column `position` as the dialect orders it (SQLite: a decimal's text as a number).
    func ordered(_ position: Int) -> String { dialect.orderedExpression(column(position), of: columns[position].type) }

    /// ` WHERE …`, or nothing for a filter that matches every row.
    mutating func whereClause(_ filter: Filter<Model>) throws -> String {
        if case .constant(true) = filter.node { return "" }
        return " WHERE " + (try condition(filter.node))
    }

    mutating func condition(_ node: Filter<Model>.Node) throws -> String {
        switch node {
        case .constant(let flag):
            return flag ? "1 = 1" : "1 = 0"
        case .comparison(let position, let comparison, let value):
            let operand = comparison == .equal || comparison == .notEqual ? column(position) : ordered(position)
            return "\(operand) \(comparison.rawValue) \(bind(value, for: position))"
        case .isNull(let position, let negated):
            return "\(column(position)) IS \(negated ? "NOT " : "")NULL"
        case .isIn(let position, let values, let negated):
            guard !values.isEmpty else { return negated ? "1 = 1" : "1 = 0" }
            var placeholders: [String] = []
            for value in values { placeholders.append(bind(value, for: position)) }
            return "\(column(position)) \(negated ? "NOT IN" : "IN") (\(placeholders.joined(separator: ", ")))"
        case .like(let position, let pattern, let negated):
            return "\(column(position)) \(negated ? "NOT LIKE" : "LIKE") \(bind(.text(pattern)))"
        case .after(let positions, let values):
            let names = positions.map(ordered)
            let placeholders = zip(positions, values).map { bind($1, for: $0) }
            return names.count == 1
                ? "\(names[0]) > \(placeholders[0])"
                : "(\(names.joined(separator: ", "))) > (\(placeholders.joined(separator: ", ")))"
        case .and(let nodes):
            return "(" + (try nodes.map { try condition($0) }.joined(separator: " AND ")) + ")"
        case .or(let nodes):
            return "(" + (try nodes.map { try condition($0) }.joined(separator: " OR ")) + ")"
        case .not(let node):
            return "NOT " + (try condition(node))
        case .invalid(let problem):
            throw problem.error
        }
    }

    /// ` ORDER BY …`, or nothing.
    func orderClause(_ orderings: [Ordering<Model>]) throws -> String {
        guard !orderings.isEmpty else { return "" }
        let terms = try orderings.map { ordering -> String in
            let position = try ordering.position()
            let nulls = columns[position].isNullable ? dialect.nullsSmallest(descending: ordering.descending) : ""
            return ordered(position) + (ordering.descending ? " DESC" : " ASC") + nulls
        }
        return " ORDER BY " + terms.joined(separator: ", ")
    }

    /// ` LIMIT … OFFSET …` with bound values, or nothing.
    mutating func limitClause(limit: Int?, offset: Int?) -> String {
        var text = ""
        if let limit { text += " LIMIT " + bind(.int(Int64(limit))) }
        if let offset, offset > 0 {
            if limit == nil { text += " " + dialect.noLimit }
            text += " OFFSET " + bind(.int(Int64(offset)))
        }
        return text
    }

    /// `a = …, b = b + …`: the assignments, then every `on_update: now` column not assigned.
    mutating func setClause(_ assignments: [Assignment<Model>], now: SQLValue) throws -> String {
        var terms: [String] = []
        var assigned = Set<Int>()
        for assignment in assignments {
            let position = try assignment.position()
            // Checked when the shape is rendered: a shape that throws is never cached, so every
            // call with it throws, and calls of valid shapes pay nothing for the check.
            if columns[position].isGenerated {
                throw StrataError.generatedColumn(table: Model.table.name, column: columns[position].name)
            }
            assigned.insert(position)
            let name = column(position)
            switch assignment.change {
            case .value(let value): terms.append("\(name) = \(bind(value, for: position))")
            case .increment(let amount): terms.append("\(name) = \(name) + \(bind(.int(amount)))")
            case .incrementDouble(let amount): terms.append("\(name) = \(name) + \(bind(.double(amount)))")
            }
        }
        for (position, column) in columns.enumerated() where column.isUpdatedOnWrite && !assigned.contains(position) {
            terms.append("\(self.column(position)) = \(bind(now))")
        }
        guard !terms.isEmpty else { throw StrataError.emptyUpdate(table: Model.table.name) }
        return terms.joined(separator: ", ")
    }
}
