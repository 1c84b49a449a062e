import StrataGenerator
import StrataSchema
import Testing

@Suite struct SchemaDiffTests {
    func ir(_ body: String) throws -> Schema {
        try GeneratorPipeline.validate(source: header + body).schema
    }

    @Test func identicalSchemasHaveNoOperations() throws {
        let source = try String(contentsOf: packageRoot.appendingPathComponent("schema.yaml"), encoding: .utf8)
        let schema = try GeneratorPipeline.validate(source: source).schema
        #expect(try SchemaDiff(from: schema, to: schema).isEmpty)
    }

    @Test func replayingTheDiffFromEmptyRebuildsTheSchema() throws {
        let source = try String(contentsOf: packageRoot.appendingPathComponent("schema.yaml"), encoding: .utf8)
        let schema = try GeneratorPipeline.validate(source: source).schema
        let diff = try SchemaDiff(from: Schema(), to: schema)
        var state = Schema()
        for operation in diff.operations { try state.apply(operation) }
        #expect(try SchemaDiff(from: state, to: schema).isEmpty)
        #expect(diff.operations.map(\.summary) == [
            "create enum processing_status", "create enum pattern_type", "create enum trust_tier", "create enum execution_status",
            "create table captures", "create table patterns", "create table pattern_occurrences", "create table workflow_executions",
        ])
        // Reversed, children are dropped before parents.
        #expect(diff.operations.reversed().map(\.reversed).map(\.summary).prefix(4) == [
            "drop table workflow_executions", "drop table pattern_occurrences", "drop table patterns", "drop table captures",
        ])
    }

    @Test func anUndeclaredDropAndAddWarnsAndNamesRenamedFrom() throws {
        let before = try ir("tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      label: text\n")
        let after = try ir("tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      title: text\n")
        let diff = try SchemaDiff(from: before, to: after)
        #expect(diff.operations.map(\.summary) == ["add column t.title", "drop column t.label"])
        #expect(diff.warnings == ["table 't': column 'label' is dropped and 'title' is added with the same type; if this is a rename, add 'renamed_from: label' to 'title' in schema.yaml to keep the data"])
        let declared = try ir("tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      title: {type: text, renamed_from: label}\n")
        let renamed = try SchemaDiff(from: before, to: declared)
        #expect(renamed.operations == [.renameColumn(table: "t", from: "label", to: "title")])
        #expect(renamed.warnings.isEmpty)
    }

    @Test func dataLossIsClassified() throws {
        let before = try ir("tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      a: {type: text, nullable: true}\n      b: {type: string, max_length: 50}\n      gone: int\n")
        let after = try ir("tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      a: text\n      b: {type: string, max_length: 10}\n      new_required: int\n      new_optional: {type: int, nullable: true}\n")
        let diff = try SchemaDiff(from: before, to: after)
        let classified = diff.operations.map { "\($0.summary): \($0.dataLoss.rawValue) / down \($0.reversed.dataLoss.rawValue)" }
        #expect(classified == [
            "add column t.new_required: needs_backfill / down lossy",
            "add column t.new_optional: safe / down lossy",
            "alter column t.a (not null): needs_backfill / down safe",
            "alter column t.b (type string(50) → string(10)): lossy / down safe",
            "drop column t.gone: lossy / down needs_backfill",
        ])
    }

    @Test func aReferenceCycleBetweenNewTablesDefersOneForeignKey() throws {
        let after = try ir("tables:\n  a:\n    columns:\n      id: {type: int, primary_key: true}\n      b_id: {type: int, nullable: true, references: b.id}\n  b:\n    columns:\n      id: {type: int, primary_key: true}\n      a_id: {type: int, nullable: true, references: a.id}\n")
        let diff = try SchemaDiff(from: Schema(), to: after)
        #expect(diff.operations.map(\.summary) == ["create table a", "create table b", "add foreign key fk_a_b_id_b on a"])
    }
}
