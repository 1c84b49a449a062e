// The StrataSchema declarations that apps and generated code name, re-exported one by one, so
// that `import StrataRuntime` does not put the schema IR's `Column`, `Table`, `Index` or
// `ForeignKey` beside GRDB's in an app that imports both.
@_exported import protocol StrataSchema.DatabaseDialect
@_exported import struct StrataSchema.SQLiteDialect
@_exported import struct StrataSchema.PostgreSQLDialect
@_exported import enum StrataSchema.ColumnType
@_exported import struct StrataSchema.MigrationHistory
@_exported import struct StrataSchema.Migration
