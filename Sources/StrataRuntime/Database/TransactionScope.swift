import StrataSchema

/// The shape every driver's transaction (and savepoint) shares: start, run the body on the
/// transaction's session, then commit; on any error (the body's or the commit's) roll back and
/// rethrow. The session is ended first either way, so a session that escaped the closure refuses
/// further statements.
package enum TransactionScope {
    package static func run<Session: DatabaseSession, Result: Sendable>(
        on session: Session,
        begin: () async throws -> Void,
        commit: () async throws -> Void,
        rollback: () async -> Void,
        end: (Session) -> Void,
        _ body: (any DatabaseSession) async throws -> Result
    ) async throws -> Result {
        try await begin()
        do {
            let result = try await body(session)
            end(session)
            try await commit()
            return result
        } catch {
            end(session)
            await rollback()
            throw error
        }
    }
}
