import Foundation
import StrataGenerator
import StrataRuntime
import StrataSchema
import StrataTestSupport
import Testing

/// The property: whatever text a schema's docs and defaults and a migration's message hold, the
/// offline SQL of the migration, piped into the database, runs exactly the statements it runs for
/// plain text (same count, same objects created), and the defaults (and on PostgreSQL the docs,
/// as comments) read back byte for byte.
@Suite struct TextInjectionPropertyTests {
    static let pieces: [String] = [
        "'", "''", "\"", "\\", "\\'", "\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{1B}[2J", "\u{202E}", "\u{7F}", "\t",
        ";", "--", "/*", "*/", "$$", "$x$", ")", "(", "DROP TABLE t;", "E'", "é", "🙂", " ", "a", "%", "?", "::jsonb",
    ] + (0x01...0x1F).map { String(Unicode.Scalar($0)!) } + ["\u{9B}", "\u{061C}", "\u{200F}", "\u{2066}", "\u{2069}"]

    static func randomText(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// `text` as a YAML double-quoted scalar with every non-printable character escaped.
    static func yaml(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { scalar -> String in
            if scalar == "\"" || scalar == "\\" { return "\\" + String(scalar) }
            if scalar.value >= 0x20 && scalar.value < 0x7F { return String(scalar) }
            let hex = String(scalar.value, radix: 16)
            return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }.joined() + "\""
    }

    /// The offline SQL that creates the schema holding `text` everywhere, with `text` as message.
    static func offlineSQL(_ text: String, dialect: any DatabaseDialect) throws -> String {
        let yaml = """
            version: 1
            swift: {module: M}
            tables:
              t:
                doc: \(Self.yaml(text))
                columns:
                  id: {type: int, primary_key: true}
                  s: {type: text, default: \(Self.yaml(text)), doc: \(Self.yaml(text))}
                  j: {type: json, default: {k: \(Self.yaml(text))}}

            """
        let schema = try GeneratorPipeline.validate(source: yaml).schema
        let operations = try SchemaDiff(from: Schema(), to: schema).operations
        let migration = Migration(id: "0001_t", parent: nil, message: text, upgrade: operations, downgrade: operations.reversed().map(\.reversed), checksum: "c")
        return try MigrationRunner(history: try MigrationHistory([migration])).sql(from: -1, to: 0, dialect: dialect)
    }

    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02X", $0) }.joined()
    }

    @Test(arguments: ["sqlite", "postgres"])
    func randomTextRunsAsExactlyTheIntendedStatements(_ dialect: String) async throws {
        var random = SeededGenerator(state: dialect == "sqlite" ? 11 : 12)
        let sqlDialect: any DatabaseDialect = dialect == "sqlite" ? SQLiteDialect() : PostgreSQLDialect()
        let baseline = SQLScript.statements(in: try Self.offlineSQL("x", dialect: sqlDialect)).count
        // An empty doc is no comment: PostgreSQL then has no COMMENT statements.
        let emptyBaseline = SQLScript.statements(in: try Self.offlineSQL("", dialect: sqlDialect)).count
        for _ in 0..<(dialect == "sqlite" ? 150 : 25) {
            let text = Self.randomText(&random)
            let sql = try Self.offlineSQL(text, dialect: sqlDialect)
            #expect(SQLScript.statements(in: sql).count == (text.isEmpty ? emptyBaseline : baseline), "statements changed for \(ControlCharacters.escaped(text))")
            let database: any TestDatabase = dialect == "sqlite" ? try SQLiteTestDatabase() : try await PostgresTestDatabase()
            try database.execute(sql)
            try database.execute("INSERT INTO \"t\" (\"id\") VALUES (1);")
            if dialect == "sqlite" {
                #expect(try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") == [["strata_migrations"], ["t"]])
                #expect(try database.rows("SELECT hex(\"s\"), hex(json_extract(\"j\", '$.k')) FROM \"t\"") == [[Self.hex(text), Self.hex(text)]],
                        "defaults read back for \(ControlCharacters.escaped(text))")
            } else {
                #expect(try database.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename") == [["strata_migrations"], ["t"]])
                #expect(try database.rows("SELECT upper(encode(convert_to(\"s\", 'UTF8'), 'hex')), upper(encode(convert_to(\"j\"->>'k', 'UTF8'), 'hex')) FROM \"t\"") == [[Self.hex(text), Self.hex(text)]],
                        "defaults read back for \(ControlCharacters.escaped(text))")
                // The docs are the comments, byte for byte (an empty doc is no comment).
                let comments = "SELECT upper(encode(convert_to(coalesce(obj_description('t'::regclass, 'pg_class'), ''), 'UTF8'), 'hex')), upper(encode(convert_to(coalesce(col_description('t'::regclass, 2), ''), 'UTF8'), 'hex'))"
                #expect(try database.rows(comments) == [[Self.hex(text), Self.hex(text)]], "comments read back for \(ControlCharacters.escaped(text))")
            }
        }
    }
}
