import StrataRuntime

/// Runs `body`, then closes `connection` before returning or rethrowing, so that every command
/// closes what it opened before the process exits (a `Task` started from a `defer` may never run).
func closing<Result>(_ connection: any MigrationConnection, _ body: () async throws -> Result) async throws -> Result {
    do {
        let result = try await body()
        await connection.close()
        return result
    } catch {
        await connection.close()
        throw error
    }
}
