import StrataSchema

/// The reading statements of one table or view on one dialect: `SELECT` of its columns with a
/// filter, an ordering and a limit, `COUNT(*)` and `EXISTS`, each rendered once per shape and
/// reused with new values. `Repository` and `ViewRepository` read through it.
///
/// It holds one reference, to the relation's `RelationText`, which is made once per model and
/// dialect: a repository made per call (`tx.repository(Pattern.self)`) copies no texts.
@usableFromInline
struct RelationQueries<Model: ReadableModel>: Sendable {
    @usableFromInline let relation: RelationText

    init(relation: RelationText) { self.relation = relation }

    var dialect: any DatabaseDialect { relation.dialect }
    var selectColumns: String { relation.selectColumns }
    var quotedName: String { relation.quotedName }
    @inlinable var shapes: ShapeCache { relation.shapes }

    /// A shape's statement as the calls an app makes every time need it: `walk` records the
    /// shape and collects the values, in the caller's module for its model (inlinable);
    /// `render`, given the number of values walked, makes the text the first time the shape is
    /// seen (a function of this module: rendering is rare and needs none of that).
    @inlinable
    func statement(
        _ kind: StatementShape.Kind, walk: (inout ShapeWalker<Model>) throws -> Void, render: (_ values: Int) throws -> String
    ) throws -> (sql: String, arguments: [SQLValue]) {
        var walker = ShapeWalker<Model>(kind)
        try walk(&walker)
        let count = walker.values.count
        let sql = try shapes.text(for: walker.shape) { try render(count) }
        return (sql, walker.values)
    }

    /// A shape's text made by `render` on a new renderer, checked to bind as many values as the
    /// walk collected (`render`'s values are not used: the walker's are, so both must visit the
    /// clauses in the same order).
    @usableFromInline
    func rendered(values: Int, _ render: (inout QueryRenderer<Model>) throws -> String) rethrows -> String {
        var renderer = QueryRenderer<Model>(dialect: dialect)
        let text = try render(&renderer)
        assert(renderer.arguments.count == values, "the walker and the renderer disagree on \(text)")
        return text
    }

    /// The text of `list`'s shape, for a walk that collected `values` values.
    @usableFromInline
    func listText(where filter: Filter<Model>, orderBy: [Ordering<Model>], limit: Int?, offset: Int?, values: Int) throws -> String {
        try rendered(values: values) { renderer in
            "SELECT \(selectColumns) FROM \(quotedName)" + (try renderer.whereClause(filter))
                + (try renderer.orderClause(orderBy)) + renderer.limitClause(limit: limit, offset: offset)
        }
    }

    /// `statement` for the statements rendered in this module only (counts, existence, grouped
    /// counts, updates and deletes by filter): `render` gets a new renderer.
    func shaped(
        _ kind: StatementShape.Kind, walk: (inout ShapeWalker<Model>) throws -> Void, render: (inout QueryRenderer<Model>) throws -> String
    ) throws -> (sql: String, arguments: [SQLValue]) {
        try statement(kind, walk: walk) { values in try rendered(values: values, render) }
    }

    /// `SELECT` of every column of the rows matching `filter`, in `orderBy` order, after `offset`, at most `limit`.
    @inlinable
    func list(where filter: Filter<Model>, orderBy: [Ordering<Model>], limit: Int?, offset: Int?) throws -> (sql: String, arguments: [SQLValue]) {
        try statement(.list) { walker in
            try walker.walk(filter)
            try walker.walk(orderBy)
            walker.walk(limit: limit, offset: offset)
        } render: { values in
            try listText(where: filter, orderBy: orderBy, limit: limit, offset: offset, values: values)
        }
    }

    /// `SELECT COUNT(*)` of the rows matching `filter`.
    func count(where filter: Filter<Model>) throws -> (sql: String, arguments: [SQLValue]) {
        try shaped(.count) { try $0.walk(filter) } render: { renderer in
            "SELECT COUNT(*) FROM \(quotedName)" + (try renderer.whereClause(filter))
        }
    }

    /// `SELECT 1 … LIMIT 1`: whether a row matches `filter`.
    func exists(where filter: Filter<Model>) throws -> (sql: String, arguments: [SQLValue]) {
        try shaped(.exists) { try $0.walk(filter) } render: { renderer in
            "SELECT 1 FROM \(quotedName)" + (try renderer.whereClause(filter)) + " LIMIT 1"
        }
    }

    /// Runs `list` on `session`.
    @inlinable
    func rows(where filter: Filter<Model>, orderBy: [Ordering<Model>], limit: Int?, offset: Int?, on session: any DatabaseSession) async throws -> [Model] {
        let statement = try list(where: filter, orderBy: orderBy, limit: limit, offset: offset)
        return try await session.fetch(statement.sql, statement.arguments, as: Model.self)
    }

    /// Runs `count` on `session`.
    func number(where filter: Filter<Model>, on session: any DatabaseSession) async throws -> Int {
        let statement = try count(where: filter)
        return Int(try await session.fetchFirst(statement.sql, statement.arguments, as: CountRow.self)?.count ?? 0)
    }

    /// Runs `exists` on `session`.
    func any(where filter: Filter<Model>, on session: any DatabaseSession) async throws -> Bool {
        let statement = try exists(where: filter)
        return try await session.fetchFirst(statement.sql, statement.arguments, as: CountRow.self) != nil
    }
}

/// What the reading statements of one table or view on one dialect are made from: its quoted
/// name and columns, and the text of each statement shape seen so far. One per model and dialect
/// in the process, shared by every repository of them.
@usableFromInline
final class RelationText: Sendable {
    let dialect: any DatabaseDialect
    /// The relation's columns, quoted, in order.
    let selectColumns: String
    /// The relation's name, quoted.
    let quotedName: String
    /// The text of each shape seen so far.
    @usableFromInline let shapes = ShapeCache()

    init(table: TableMetadata, dialect: any DatabaseDialect) {
        self.dialect = dialect
        selectColumns = ModelStatements.selectColumns(of: table, dialect)
        quotedName = dialect.quoted(table.name)
    }
}
