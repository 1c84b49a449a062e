/// The closed set of files the generator writes, relative to the output folder (`Generated/`).
///
/// The set does not depend on the schema's contents, so the build-tool plugin can declare its
/// outputs without reading `schema.yaml`.
public enum OutputFileName: String, CaseIterable, Hashable, Codable, Sendable {
    case swiftEnums = "Swift/Enums.swift"
    case swiftModels = "Swift/Models.swift"
    case swiftTables = "Swift/Tables.swift"
    case swiftMigrations = "Swift/Migrations.swift"
    case sqliteSchema = "SQL/schema.sqlite.sql"
    case postgresSchema = "SQL/schema.postgres.sql"
    /// The JSON Schema of `schema.yaml` for editors (the same for every schema of a Strata version).
    case jsonSchema = "strata-schema.json"
    /// The entity-relationship diagram in Mermaid, in Markdown (GitHub renders it).
    case diagram = "ERD.md"

    /// Whether the file is Swift source (what the build-tool plugin compiles).
    public var isSwift: Bool { rawValue.hasSuffix(".swift") }
}

/// One generated file in memory.
public struct OutputFile: Hashable, Sendable {
    public var name: OutputFileName
    public var contents: String

    public init(name: OutputFileName, contents: String) {
        self.name = name
        self.contents = contents
    }
}
