import StrataSchema

/// Typed reads of a generated view (`views:` in `schema.yaml`) on a session: the same filters,
/// orderings and limits as `Repository`, and nothing that writes (a view has no rows of its own).
///
///     let open = try await db.view(OpenTicket.self).list(where: \.projectID == 1, orderBy: .ascending(\.title))
public struct ViewRepository<Row: ReadableModel>: Sendable {
    /// Where the queries run.
    public let session: any DatabaseSession
    let queries: RelationQueries<Row>

    /// Reads of `Row`'s view on `session` (a database or a transaction).
    public init(_ session: any DatabaseSession) {
        self.session = session
        self.queries = RelationQueries(relation: ModelStatements.relation(of: Row.self, session.dialect))
    }

    /// The rows matching `filter`, in `orderBy` order, after skipping `offset`, at most `limit`.
    public func list(where filter: Filter<Row> = .all, orderBy: Ordering<Row>..., limit: Int? = nil, offset: Int? = nil) async throws -> [Row] {
        try await list(where: filter, orderBy: orderBy, limit: limit, offset: offset)
    }

    /// `list` with the orderings as an array.
    public func list(where filter: Filter<Row>, orderBy: [Ordering<Row>], limit: Int? = nil, offset: Int? = nil) async throws -> [Row] {
        try await queries.rows(where: filter, orderBy: orderBy, limit: limit, offset: offset, on: session)
    }

    /// The SQL and bound values `list` runs (for `EXPLAIN` and logging).
    public func listStatement(where filter: Filter<Row> = .all, orderBy: [Ordering<Row>] = [], limit: Int? = nil, offset: Int? = nil) throws -> (sql: String, arguments: [SQLValue]) {
        try queries.list(where: filter, orderBy: orderBy, limit: limit, offset: offset)
    }

    /// The number of rows matching `filter`.
    public func count(where filter: Filter<Row> = .all) async throws -> Int {
        try await queries.number(where: filter, on: session)
    }

    /// Whether any row matches `filter`.
    public func exists(where filter: Filter<Row>) async throws -> Bool {
        try await queries.any(where: filter, on: session)
    }
}

extension DatabaseSession {
    /// Typed reads of the view `Row` is generated from, on this session.
    public func view<Row: ReadableModel>(_ row: Row.Type = Row.self) -> ViewRepository<Row> {
        ViewRepository(self)
    }
}
