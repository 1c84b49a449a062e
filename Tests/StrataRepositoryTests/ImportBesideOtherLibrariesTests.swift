import Foundation
import GRDB
import PostgresNIO
import StrataPostgres
import StrataSQLite
import Testing
import Workflow

// An app imports Strata beside GRDB and PostgresNIO: every public name of StrataRuntime,
// StrataSQLite, StrataPostgres, Workflow and the generated models (and the StrataSchema names
// StrataRuntime re-exports) must resolve unqualified. This file compiling is the test: a name
// that also exists in GRDB or PostgresNIO would be ambiguous here. (PublicNameCollisionTests checks
// the same from the sources, for names added without adding them here.)
private struct EveryPublicName {
    var database: (any StrataDatabase)?
    var session: (any DatabaseSession)?
    var driver: (any DatabaseDriver.Type)?
    var sqlite: SQLiteDatabase?
    var postgres: PostgreSQLDatabase?
    var repository: Repository<Pattern>?
    var filter: Filter<Pattern>?
    var ordering: Ordering<Pattern>?
    var assignment: Assignment<Pattern>?
    var comparison: ComparisonOperator?
    var value: SQLValue?
    var json: JSONValue?
    var error: StrataError?
    var model: (any PersistableModel.Type)?
    var table: (any TableModel.Type)?
    var reader: (any RowReader)?
    var writer: (any RowWriter)?
    var decodable: (any RowDecodable.Type)?
    var cursor: (any ResultRowCursor)?
    var columnValue: (any ColumnValue.Type)?
    var arguments: (any SQLArguments)?
    var modelArguments: ModelArguments<Pattern>?
    var modelsArguments: ModelsArguments<Pattern>?
    var keyArguments: PrimaryKeyArguments<Pattern>?
    var url: DatabaseURL?
    var history: MigrationHistory?
    var migration: Migration?
    var runner: MigrationRunner?
    var target: MigrationTarget?
    var step: MigrationStep?
    var failure: MigrationFailure?
    var applied: AppliedMigration?
    var connection: (any MigrationConnection)?
    var querying: (any SQLQuerying)?
    var inspecting: (any CatalogInspecting)?
    var connectionError: MigrationConnectionError?
    var sqliteConnection: SQLiteDirectConnection?
    var sqliteMigrationConnection: SQLiteMigrationConnection?
    var postgresMigrationConnection: PostgresMigrationConnection?
    var dialect: (any DatabaseDialect)?
    var sqliteDialect: SQLiteDialect?
    var postgresDialect: PostgreSQLDialect?
    var columnType: ColumnType?
    var tableMetadata: TableMetadata?
    var columnMetadata: ColumnMetadata?
    var descriptor: ColumnDescriptor<Pattern, String>?
    var count: CountRow?
    var group: GroupCount<TrustTier>?
    var stream: ModelStream<Pattern>?
    var store: PatternRepository?
    var changes: PatternChanges?
    var executionChanges: ExecutionChanges?
    var outcome: FeedbackOutcome?
    var stats: PatternStats?
    var workflowError: WorkflowError?
    var open: (String, [any DatabaseDriver.Type]) async throws -> any StrataDatabase = openDatabase
    // The names GRDB and PostgresNIO keep for themselves, used in the same file.
    var grdbDatabase: GRDB.Database?
    var grdbQueue: DatabaseQueue?
    var grdbColumn: GRDB.Column?
    var postgresConnection: PostgresConnection?
}

@Suite struct ImportBesideOtherLibrariesTests {
    @Test func strataNamesResolveBesideGRDBAndPostgresNIO() async throws {
        let db: any StrataDatabase = try SQLiteDatabase.inMemory()
        try await db.migrate(GeneratedSchema.migrations)
        var names = EveryPublicName()
        names.database = db
        names.columnType = ColumnType.uuid
        #expect(names.database != nil && names.grdbDatabase == nil)
        try await db.close()
    }
}
