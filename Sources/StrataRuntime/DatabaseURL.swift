import StrataSchema

/// A database location: `sqlite:path`, `sqlite::memory:`, or
/// `postgres://user:password@host:port/database` (`postgresql://` too).
public enum DatabaseURL: Hashable, Sendable, CustomStringConvertible {
    /// A SQLite file (`:memory:` for a new in-memory database).
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(host: String, port: Int, user: String, password: String?, database: String)

    /// Parses a URL.
    /// - Throws: `MigrationConnectionError` naming the accepted forms.
    public init(_ text: String) throws {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw MigrationConnectionError("'\(text)' names no file: use sqlite:path/to/file.sqlite or sqlite::memory:") }
            self = .sqlite(path: path)
            return
        }
        for scheme in ["postgres://", "postgresql://"] where text.hasPrefix(scheme) {
            var rest = Substring(text.dropFirst(scheme.count))
            var user = "postgres", password: String?
            if let at = rest.lastIndex(of: "@") {
                let credentials = rest[..<at]
                rest = rest[rest.index(after: at)...]
                if let colon = credentials.firstIndex(of: ":") {
                    user = String(credentials[..<colon]).removingPercentEncoding
                    password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
                } else {
                    user = String(credentials).removingPercentEncoding
                }
            }
            if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
            let hostPort = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
            let database = rest.firstIndex(of: "/").map { String(rest[rest.index(after: $0)...]) } ?? user
            var host = String(hostPort), port = 5432
            if let colon = hostPort.lastIndex(of: ":") {
                guard let number = Int(hostPort[hostPort.index(after: colon)...]) else {
                    throw MigrationConnectionError("'\(DatabaseURL.redacted(text))' has an invalid port")
                }
                host = String(hostPort[..<colon])
                port = number
            }
            self = .postgres(host: host.isEmpty ? "localhost" : host, port: port, user: user, password: password, database: database.isEmpty ? user : database)
            return
        }
        throw MigrationConnectionError("unsupported database URL '\(ControlCharacters.escaped(DatabaseURL.redacted(text)))': use sqlite:path, sqlite::memory: or postgres://user:password@host:port/database")
    }

    /// The URL with its password hidden and any control character escaped, for messages.
    public var description: String {
        let text = switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let host, let port, let user, let password, let database):
            "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
        }
        return ControlCharacters.escaped(text)
    }

    /// `text` with any password replaced by `***`.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", options: .backwards),
              let colon = text[scheme.upperBound..<at.lowerBound].firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at.lowerBound...])
    }
}

private extension String {
    /// `%xx` escapes decoded (Foundation-free).
    var removingPercentEncoding: String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
