import Foundation
import StrataGenerator
import StrataSchema
import Testing

@Suite struct MigrationFileTests {
    func migration(_ id: String, parent: String?) -> Migration {
        Migration(id: id, parent: parent, message: id, upgrade: [], downgrade: [])
    }

    @Test func theHistoryIsOneChainWithOneHead() throws {
        let history = try MigrationHistory([migration("0002_b", parent: "0001_a"), migration("0001_a", parent: nil), migration("0003_c", parent: "0002_b")])
        #expect(history.migrations.map(\.id) == ["0001_a", "0002_b", "0003_c"])
        #expect(history.head == "0003_c")
        #expect(throws: MigrationError("the history has 2 heads: 0002_b, 0002_c; make one follow the other (edit its 'parent') so that there is one head")) {
            try MigrationHistory([migration("0001_a", parent: nil), migration("0002_b", parent: "0001_a"), migration("0002_c", parent: "0001_a")])
        }
        #expect(throws: MigrationError("migration '0002_b' follows '0001_x', which does not exist")) {
            try MigrationHistory([migration("0001_a", parent: nil), migration("0002_b", parent: "0001_x")])
        }
        #expect(throws: MigrationError("two migrations have the id '0001_a': rename one file and its id")) {
            try MigrationHistory([migration("0001_a", parent: nil), migration("0001_a", parent: nil)])
        }
    }

    @Test func filesRoundTripThroughWriterAndReader() throws {
        let source = try String(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures/KitchenSink/schema.yaml"), encoding: .utf8)
        let schema = try GeneratorPipeline.validate(source: source).schema
        let operations = try SchemaDiff(from: Schema(), to: schema).operations + [
            .alterColumn(table: "api_keys", from: Column(name: "ratio", type: .double, defaultValue: .literal(.double(0.25))), to: Column(name: "ratio", type: .int, isNullable: true, defaultValue: .literal(.int(-1)))),
            .alterEnum(from: EnumType(name: "level", values: ["low", "high_value"]), to: EnumType(name: "level", values: ["low", "high"]), renamedValues: [ValueRename(from: "high_value", to: "high")]),
            .sql(RawSQL(upgrade: ["sqlite": "UPDATE \"api_keys\" SET \"class\" = 'it''s \"quoted\"\n';"], downgrade: ["postgres": "SELECT 1;"], description: "a data fix")),
        ]
        let original = Migration(id: "0001_everything", parent: nil, message: "everything: \"quoted\" #1", upgrade: operations, downgrade: operations.reversed().map(\.reversed), acknowledgesDataLoss: true)
        let text = MigrationFileWriter.render(original)
        var read = try MigrationFileReader.read(text, fileName: "0001_everything.yaml")
        #expect(read.checksum == SHA256.hex(text))
        read.checksum = ""
        for (position, (got, want)) in zip(read.upgrade + read.downgrade, original.upgrade + original.downgrade).enumerated() where got != want {
            Issue.record("operation \(position) differs:\n  read:    \(got)\n  written: \(want)")
        }
        #expect(read == original)
        #expect(MigrationFileWriter.render(read) == text, "writing is deterministic")
    }

    @Test func handEditedFilesGetLocatedErrors() {
        let text = """
            id: 0001_x
            parent: ~
            message: "x"
            upgrade:
              - add_colum: {table: t, column: {name: c, type: int}}
              - add_column: {table: t, colunm: {name: c, type: int}}
            downgrade: []

            """
        #expect(throws: DiagnosticsError.self) { try MigrationFileReader.read(text, fileName: "Generated/Migrations/0001_x.yaml") }
        do {
            _ = try MigrationFileReader.read(text, fileName: "Generated/Migrations/0001_x.yaml")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "Generated/Migrations/0001_x.yaml:5:5: error: unknown operation 'add_colum' (did you mean 'add_column'?)",
                "Generated/Migrations/0001_x.yaml:6:17: error: 'add_column' is missing 'column'",
                "Generated/Migrations/0001_x.yaml:6:28: error: unknown key 'colunm' in 'add_column' (did you mean 'column'?)",
            ])
        }
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func idsSortAndReadAsTheMessage() throws {
        let history = try MigrationHistory([migration("0001_a", parent: nil)])
        #expect(MigrationFiles.nextID(after: history, message: "Add workflow-automation tables!") == "0002_add_workflow_automation_tables")
        #expect(MigrationFiles.nextID(after: try MigrationHistory([]), message: "***") == "0001")
    }
}
