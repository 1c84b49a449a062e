import ArgumentParser
import StrataSchema

/// The dialect a command line names (`sqlite`, `postgres` or `postgresql`); a usage error
/// (exit 2) otherwise.
public func dialect(named name: String) throws -> any DatabaseDialect {
    switch name {
    case "sqlite": return SQLiteDialect()
    case "postgres", "postgresql": return PostgreSQLDialect()
    default:
        printError("error: unknown dialect '\(ControlCharacters.escaped(name))': use sqlite or postgres")
        throw ExitCode(2)
    }
}

/// The locking a command line names (`--locking lock-aware` or `plain`); a usage error (exit 2)
/// otherwise.
public func locking(named text: String) throws -> MigrationLocking {
    guard let locking = MigrationLocking(rawValue: text) else {
        printError("error: --locking must be lock-aware or plain, not '\(ControlCharacters.escaped(text))'")
        throw ExitCode(2)
    }
    return locking
}
