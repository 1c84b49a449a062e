@_exported import StrataSQLite
import Foundation

/// A PostgreSQL server for tests: `STRATA_TEST_POSTGRES_URL` when set, otherwise a throwaway
/// cluster that this process starts on 127.0.0.1 at a random port and that stops (and deletes its
/// files) when the process ends, even if it crashes.
///
/// Tests never skip PostgreSQL: if no server can be started, `shared()` throws and the test fails.
public final class PostgresTestServer: Sendable {
    /// The URL of the server's `postgres` database.
    public let url: String
    /// The `psql` executable.
    let psql: String

    private static let startup = Task<PostgresTestServer, any Error> { try PostgresTestServer.start() }

    /// The server shared by every test of this process.
    public static func shared() async throws -> PostgresTestServer {
        try await startup.value
    }

    private init(url: String, psql: String) {
        self.url = url
        self.psql = psql
    }

    /// A new empty database on the server, for one test.
    /// - Returns: The URL of the new database.
    public func createDatabase() throws -> String {
        let name = "strata_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try run("CREATE DATABASE \(name)", database: url)
        return Self.replacingDatabase(in: url, with: name)
    }

    /// Runs `sql` (one or more statements) in `database`, stopping at the first error.
    /// - Returns: Rows of the last statement; NULL is `\\N`.
    /// - Throws: `PostgresTestServer.Failure` with PostgreSQL's message.
    @discardableResult
    public func run(_ sql: String, database: String) throws -> [[String]] {
        let result = try runProcess(psql, [database, "-X", "-q", "-A", "-t", "-F", "\t", "-P", "null=\\N", "-v", "ON_ERROR_STOP=1", "-f", "-"], input: sql)
        guard result.status == 0 else {
            throw Failure(message: result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// An error reported by `psql`.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard let slash = url.range(of: "/", options: .backwards), url[..<slash.lowerBound].contains("@") || url.hasPrefix("postgres") else {
            return url + "/" + name
        }
        let rest = url[slash.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(url[..<slash.upperBound]) + name + query
    }

    // MARK: Starting a throwaway cluster

    private static func start() throws -> PostgresTestServer {
        let psql = try findExecutable("psql", in: ["/usr/bin", "/usr/local/bin"] + postgresBinDirectories())
        if let url = ProcessInfo.processInfo.environment["STRATA_TEST_POSTGRES_URL"], !url.isEmpty {
            return PostgresTestServer(url: url, psql: psql)
        }
        let binDirectory = try postgresBinDirectories().first {
            FileManager.default.isExecutableFile(atPath: $0 + "/initdb")
        } ?? { throw Failure(message: "PostgreSQL server binaries (initdb) not found: install postgresql-15 (apt-get install postgresql-15) or set STRATA_TEST_POSTGRES_URL") }()
        let isRoot = getuid() == 0
        let directory = "/tmp/strata-test-pg-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // initdb refuses to run as root: run the server as the `postgres` user then.
        func asServerUser(_ command: [String]) -> (String, [String]) {
            isRoot ? ("/usr/sbin/runuser", ["-u", "postgres", "--"] + command) : (command[0], Array(command.dropFirst()))
        }
        if isRoot {
            _ = try runProcess("/bin/chown", ["postgres", directory])
        }
        let (initExecutable, initArguments) = asServerUser([binDirectory + "/initdb", "-D", directory + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"])
        let initResult = try runProcess(initExecutable, initArguments)
        guard initResult.status == 0 else {
            throw Failure(message: "initdb failed: \(initResult.standardError)")
        }
        var lastError = ""
        for _ in 0..<8 {
            let port = Int.random(in: 20_000...60_000)
            let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            let (executable, arguments) = asServerUser([binDirectory + "/pg_ctl", "-D", directory + "/data", "-o", options, "-l", directory + "/server.log", "-w", "-t", "60", "start"])
            let result = try runProcess(executable, arguments)
            if result.status == 0 {
                try startWatchdog(directory: directory, pgCtl: binDirectory + "/pg_ctl", isRoot: isRoot)
                return PostgresTestServer(url: "postgres://postgres@127.0.0.1:\(port)/postgres", psql: psql)
            }
            lastError = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? result.standardError
        }
        throw Failure(message: "cannot start a PostgreSQL test server: \(lastError)")
    }

    /// A detached shell (its own session) that stops the cluster and removes its files once this process is gone.
    private static func startWatchdog(directory: String, pgCtl: String, isRoot: Bool) throws {
        let stop = isRoot ? "/usr/sbin/runuser -u postgres -- \(pgCtl)" : pgCtl
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(stop) -D \(directory)/data -m immediate stop >/dev/null 2>&1
            rm -rf \(directory)
            """
        try spawnDetached("/bin/sh", ["-c", script])
    }

    private static func postgresBinDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(root)/\($0)/bin" }
    }

    private static func findExecutable(_ name: String, in directories: [String]) throws -> String {
        for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw Failure(message: "\(name) not found: install postgresql-client-15")
    }
}
