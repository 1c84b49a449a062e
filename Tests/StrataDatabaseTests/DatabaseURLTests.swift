import StrataRuntime
import Testing

@Suite struct DatabaseURLTests {
    @Test func parsesTheAcceptedForms() throws {
        #expect(try DatabaseURL("sqlite:jarvis.sqlite") == .sqlite(path: "jarvis.sqlite"))
        #expect(try DatabaseURL("sqlite::memory:") == .sqlite(path: ":memory:"))
        #expect(try DatabaseURL("sqlite:///tmp/a.sqlite") == .sqlite(path: "/tmp/a.sqlite"))
        #expect(try DatabaseURL("postgres://app:s%40cret@db.local:6543/jarvis?sslmode=disable")
            == .postgres(host: "db.local", port: 6543, user: "app", password: "s@cret", database: "jarvis"))
        #expect(try DatabaseURL("postgresql://app@localhost") == .postgres(host: "localhost", port: 5432, user: "app", password: nil, database: "app"))
    }

    @Test func neverShowsThePassword() throws {
        #expect(try DatabaseURL("postgres://app:secret@db:5432/jarvis").description == "postgres://app:***@db:5432/jarvis")
        #expect(DatabaseURL.redacted("postgres://app:secret@db/jarvis") == "postgres://app:***@db/jarvis")
        #expect(throws: MigrationConnectionError("unsupported database URL 'mysql://app:***@db/x': use sqlite:path, sqlite::memory: or postgres://user:password@host:port/database")) {
            try DatabaseURL("mysql://app:secret@db/x")
        }
        #expect(throws: MigrationConnectionError("'postgres://app:***@db:port/x' has an invalid port")) {
            try DatabaseURL("postgres://app:secret@db:port/x")
        }
    }
}
