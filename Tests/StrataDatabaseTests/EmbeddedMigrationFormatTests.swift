import Foundation
import StrataSchema
import Testing
import JarvisModels
import StrataTestSupport

/// The format migrations are embedded in (`Generated/Swift/Migrations.swift`): explicit keys, a
/// version, and the documents written before it was versioned still read.
@Suite struct EmbeddedMigrationFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/EmbeddedMigrations")

    func encoded(_ migration: Migration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(migration), as: UTF8.self)
    }

    /// One of each kind of operation, column type, default and literal.
    static let everyOperation: [MigrationOperation] = {
        let column = Column(name: "title", type: .string(maxLength: 80), isNullable: true, defaultValue: .literal(.string("untitled")))
        let table = Table(
            name: "notes",
            columns: [
                Column(name: "id", type: .uuid, defaultValue: .uuid), column,
                Column(name: "count", type: .int, defaultValue: .literal(.int(0))),
                Column(name: "ratio", type: .double, defaultValue: .literal(.double(0.5))),
                Column(name: "done", type: .bool, defaultValue: .literal(.bool(false))),
                Column(name: "at", type: .timestamp, defaultValue: .now, isUpdatedOnWrite: true),
                Column(name: "day", type: .date), Column(name: "body", type: .text), Column(name: "blob", type: .bytes),
                Column(name: "data", type: .json, defaultValue: .literal(.json("{\"a\":1}"))),
                Column(name: "tier", type: .enumeration("tier")),
            ],
            primaryKey: PrimaryKey(name: "pk_notes", columns: ["id"]),
            uniqueConstraints: [UniqueConstraint(name: "uq_notes_title", columns: ["title"])],
            checkConstraints: [CheckConstraint(name: "ck_notes_count", expression: "count >= 0")],
            foreignKeys: [ForeignKey(name: "fk_notes_id_other", columns: ["id"], referencedTable: "other", referencedColumns: ["id"], onDelete: .cascade, onUpdate: .noAction)],
            indexes: [Index(name: "ix_notes_at", columns: ["at"], isUnique: false)]
        )
        let tier = EnumType(name: "tier", values: ["low", "high"])
        return [
            .createEnum(tier), .createTable(table), .renameTable(from: "notes", to: "memos"),
            .addColumn(table: "memos", column: column), .renameColumn(table: "memos", from: "title", to: "heading"),
            .alterColumn(table: "memos", from: column, to: Column(name: "title", type: .text)),
            .alterPrimaryKey(table: "memos", from: PrimaryKey(name: "pk_notes", columns: ["id"]), to: PrimaryKey(name: "pk_memos", columns: ["id", "at"])),
            .createIndex(table: "memos", index: Index(name: "ix_memos_day", columns: ["day"], isUnique: true)),
            .addUnique(table: "memos", constraint: UniqueConstraint(name: "uq_memos_day", columns: ["day"])),
            .addCheck(table: "memos", constraint: CheckConstraint(name: "ck_memos_ratio", expression: "ratio <= 1")),
            .addForeignKey(table: "memos", key: table.foreignKeys[0]),
            .alterEnum(from: tier, to: EnumType(name: "tier", values: ["low", "top"], renamedValues: [ValueRename(from: "high", to: "top")]), renamedValues: [ValueRename(from: "high", to: "top")]),
            .sql(RawSQL(upgrade: ["sqlite": "UPDATE memos SET count = 1"], downgrade: [:], description: "backfill")),
            .dropColumn(table: "memos", column: column), .dropEnum(tier), .dropTable(table),
        ]
    }()

    @Test func everyOperationRoundTrips() throws {
        let migration = Migration(id: "0001_all", parent: nil, message: "all", upgrade: Self.everyOperation, downgrade: Self.everyOperation.reversed().map(\.reversed), acknowledgesDataLoss: true, checksum: "abc")
        let decoded = try JSONDecoder().decode(Migration.self, from: Data(try encoded(migration).utf8))
        #expect(decoded == migration)
    }

    @Test func anAcknowledgementOfBlockingLocksIsKeptOnlyWhenSet() throws {
        var migration = Migration(id: "0003_retype", parent: nil, message: "retype", upgrade: [], downgrade: [], checksum: "d")
        #expect(!(try encoded(migration)).contains("acknowledgesBlockingLocks"), "documents without it are unchanged")
        migration.acknowledgesBlockingLocks = true
        let text = try encoded(migration)
        #expect(text.contains("\"acknowledgesBlockingLocks\":true"))
        #expect(try JSONDecoder().decode(Migration.self, from: Data(text.utf8)) == migration)
    }

    /// The format, pinned: changing a key or a shape fails here (and needs a new version).
    @Test func theFormatIsPinned() throws {
        let migration = Migration(
            id: "0002_tier", parent: "0001_all", message: "tier",
            upgrade: [.addColumn(table: "notes", column: Column(name: "tier", type: .enumeration("tier"), defaultValue: .literal(.string("low")))),
                      .renameTable(from: "notes", to: "memos"), .createEnum(EnumType(name: "size", values: ["s"]))],
            downgrade: [], checksum: "c"
        )
        #expect(try encoded(migration) == #"{"acknowledgesDataLoss":false,"acknowledgesDowngradeDataLoss":false,"checksum":"c","downgrade":[],"format":1,"id":"0002_tier","message":"tier","parent":"0001_all","upgrade":[{"add_column":{"column":{"defaultValue":{"literal":{"value":{"string":"low"}}},"isNullable":false,"isUpdatedOnWrite":false,"name":"tier","type":{"enum":"tier","type":"enum"}},"table":"notes"}},{"rename_table":{"from":"notes","to":"memos"}},{"create_enum":{"enum":{"name":"size","renamedValues":[],"values":["s"]}}}]}"#)
    }

    /// `Migrations.swift` as generated before the format had a version (Swift's synthesized
    /// coding, `"_0"` keys) reads as the same history as today's.
    @Test func documentsWrittenBeforeTheVersionStillRead() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("unversioned-Migrations.swift.txt"), encoding: .utf8)
        // Each document is a raw string literal, #"{…}"#; JSON never contains the closing "#.
        var documents: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "#\"{"), let end = rest[start.upperBound...].range(of: "}\"#") {
            documents.append("{" + String(rest[start.upperBound..<end.lowerBound]) + "}")
            rest = rest[end.upperBound...]
        }
        // The fixture holds the history as it was then: its first three migrations.
        #expect(documents.count == 3)
        #expect(documents.contains { $0.contains(#""_0""#) } && !documents.contains { $0.contains(#""format""#) })
        let legacy = MigrationHistory.embedded(documents)
        #expect(legacy.unreadable == nil)
        #expect(legacy.migrations == Array(GeneratedSchema.migrations.migrations.prefix(3)))
    }

    @Test func aNewerFormatOrAnEditedDocumentIsReportedNotFatal() async throws {
        let newer = MigrationHistory.embedded([#"{"format":2,"id":"x","message":"m","upgrade":[],"downgrade":[],"acknowledgesDataLoss":false,"checksum":""}"#])
        #expect(newer.migrations.isEmpty)
        #expect(newer.unreadable?.contains("embedded migration format 2 is newer than this Strata reads (1)") == true)
        let edited = MigrationHistory.embedded([#"{"format":1,"id":"x","message":"m","upgrade":[{"drop_everything":{}}],"downgrade":[],"acknowledgesDataLoss":false,"checksum":""}"#])
        #expect(edited.unreadable?.contains("unknown migration operation 'drop_everything'") == true)
        let db = try SQLiteDatabase.inMemory()
        await #expect(throws: MigrationError.self) { try await db.migrate(edited) }
        try await db.close()
    }
}
