import StrataSchema
import Testing

/// A deterministic random number generator (SplitMix64), so a failing sequence can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// A schema as the property test builds it, rendered to schema.yaml text.
struct ModelSchema {
    struct ModelColumn {
        var name: String
        var type: String
        var nullable: Bool
        var defaultValue: String?
        var index = false
        var references: String?
        var renamedFrom: String?
        /// `generated:`, computed from the key (the one column never changed).
        var generated = false
    }

    struct ModelTable {
        var name: String
        var columns: [ModelColumn]
        var renamedFrom: String?
        var autoIncrement = false
    }

    var tables: [ModelTable] = []
    var counter = 0

    var yaml: String {
        var text = "tables:\n"
        for table in tables {
            text += "  \(table.name):\n"
            if let previous = table.renamedFrom { text += "    renamed_from: \(previous)\n" }
            text += "    columns:\n      id: {type: int, primary_key: true\(table.autoIncrement ? ", auto_increment: true" : "")}\n"
            for column in table.columns {
                var fields = ["type: \(column.type)"]
                if column.nullable { fields.append("nullable: true") }
                if let value = column.defaultValue { fields.append("default: \(value)") }
                if column.generated { fields.append("generated: \"id * 2\"") }
                if column.index { fields.append("index: true") }
                if let target = column.references { fields.append("references: \(target).id, on_delete: set_null") }
                if let previous = column.renamedFrom { fields.append("renamed_from: \(previous)") }
                text += "      \(column.name): {\(fields.joined(separator: ", "))}\n"
            }
        }
        return text
    }

    mutating func freshName(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    mutating func randomColumn(_ random: inout SeededGenerator) -> ModelColumn {
        if Int.random(in: 0..<10, using: &random) == 0 {
            return ModelColumn(name: freshName("c"), type: "int", nullable: Bool.random(using: &random), defaultValue: nil, generated: true)
        }
        let type = ["int", "int32", "int16", "text", "double", "float", "bool", "string", "decimal, precision: 12, scale: 2", "time"].randomElement(using: &random)!
        let nullable = Bool.random(using: &random)
        var defaultValue: String?
        if !nullable || Bool.random(using: &random) {
            defaultValue = switch type {
            case "int", "int32", "int16": String(Int.random(in: -5...5, using: &random))
            case "double", "float": "\(Int.random(in: 0...9, using: &random)).5"
            case "decimal, precision: 12, scale: 2": "\(Int.random(in: -9...9, using: &random)).25"
            case "time": "'1\(Int.random(in: 0...9, using: &random)):30'"
            case "bool": Bool.random(using: &random) ? "true" : "false"
            default: "d\(Int.random(in: 0...9, using: &random))"
            }
        }
        return ModelColumn(name: freshName("c"), type: type, nullable: nullable, defaultValue: defaultValue)
    }

    /// One random change that keeps the schema valid; clears the previous step's rename marks.
    mutating func mutate(_ random: inout SeededGenerator) -> String {
        for index in tables.indices {
            tables[index].renamedFrom = nil
            for column in tables[index].columns.indices { tables[index].columns[column].renamedFrom = nil }
        }
        let referenced = Set(tables.flatMap { $0.columns.compactMap(\.references) })
        let choice = tables.isEmpty ? 0 : Int.random(in: 0...10, using: &random)
        switch choice {
        case 0:
            let table = ModelTable(name: freshName("t"), columns: (0..<Int.random(in: 1...3, using: &random)).map { _ in randomColumn(&random) })
            tables.append(table)
            return "add table \(table.name)"
        case 1 where tables.count > 1:
            guard let index = tables.indices.first(where: { !referenced.contains(tables[$0].name) }) else { fallthrough }
            let name = tables.remove(at: index).name
            return "drop table \(name)"
        case 2:
            let index = Int.random(in: tables.indices, using: &random)
            let old = tables[index].name
            let new = freshName("t")
            tables[index].name = new
            tables[index].renamedFrom = old
            for table in tables.indices {
                for column in tables[table].columns.indices where tables[table].columns[column].references == old {
                    tables[table].columns[column].references = new
                }
            }
            return "rename table \(old) to \(new)"
        case 3, 4:
            let index = Int.random(in: tables.indices, using: &random)
            var column = randomColumn(&random)
            if Bool.random(using: &random), let target = tables.randomElement(using: &random) {
                column = ModelColumn(name: column.name, type: "int", nullable: true, defaultValue: nil, references: target.name)
            }
            tables[index].columns.append(column)
            return "add column \(tables[index].name).\(column.name)"
        case 5:
            let index = Int.random(in: tables.indices, using: &random)
            guard !tables[index].columns.isEmpty else { return "nothing" }
            let removed = tables[index].columns.remove(at: Int.random(in: tables[index].columns.indices, using: &random))
            return "drop column \(tables[index].name).\(removed.name)"
        case 6:
            let index = Int.random(in: tables.indices, using: &random)
            guard !tables[index].columns.isEmpty else { return "nothing" }
            let column = Int.random(in: tables[index].columns.indices, using: &random)
            let old = tables[index].columns[column].name
            tables[index].columns[column].name = freshName("c")
            tables[index].columns[column].renamedFrom = old
            return "rename column \(tables[index].name).\(old)"
        case 7:
            let index = Int.random(in: tables.indices, using: &random)
            guard let column = tables[index].columns.indices.randomElement(using: &random) else { return "nothing" }
            tables[index].columns[column].index.toggle()
            return "toggle index \(tables[index].name).\(tables[index].columns[column].name)"
        case 10:
            let index = Int.random(in: tables.indices, using: &random)
            tables[index].autoIncrement.toggle()
            return "toggle auto_increment \(tables[index].name)"
        case 8:
            let index = Int.random(in: tables.indices, using: &random)
            guard let column = tables[index].columns.indices.randomElement(using: &random), tables[index].columns[column].references == nil else { return "nothing" }
            tables[index].columns[column].nullable = true  // making a column nullable never fails
            return "make nullable \(tables[index].name).\(tables[index].columns[column].name)"
        default:
            let index = Int.random(in: tables.indices, using: &random)
            guard let column = tables[index].columns.indices.randomElement(using: &random), tables[index].columns[column].references == nil,
                  !tables[index].columns[column].generated else { return "nothing" }
            let replacement = randomColumn(&random)
            if replacement.type == tables[index].columns[column].type {
                tables[index].columns[column].defaultValue = replacement.defaultValue ?? tables[index].columns[column].defaultValue
            }
            return "change default \(tables[index].name).\(tables[index].columns[column].name)"
        }
    }
}

/// Every table's rows by id, each row's values by column name.
func snapshot(_ database: any TestDatabase, _ schema: Schema) throws -> [String: [String: [String: String?]]] {
    var result: [String: [String: [String: String?]]] = [:]
    for table in schema.tables {
        let names = table.columns.map(\.name)
        let rows = try database.rows("SELECT \(names.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \"\(table.name)\"")
        var byID: [String: [String: String?]] = [:]
        for row in rows { byID[row[0] ?? ""] = Dictionary(uniqueKeysWithValues: zip(names, row)) }
        result[table.name] = byID
    }
    return result
}

@Suite struct MigrationPropertyTests {
    @Test(arguments: [UInt64(20_261_127), 7, 42, 1_000_003])
    func randomSchemaChangesKeepSchemaAndData(_ seed: UInt64) async throws {
        var random = SeededGenerator(state: seed)
        var model = ModelSchema()
        let database = try SQLiteTestDatabase()
        var state = Schema()
        var rowID = 0
        var sawAutoIncrementToggled = false, sawGeneratedColumn = false
        for step in 1...60 {
            let change = model.mutate(&random)
            sawAutoIncrementToggled = sawAutoIncrementToggled || change.hasPrefix("toggle auto_increment")
            sawGeneratedColumn = sawGeneratedColumn || model.tables.contains { $0.columns.contains(where: \.generated) }
            let target = try schemaIR(model.yaml)
            let diff = try SchemaDiff(from: state, to: target)
            let upgrade = try database.dialect.render(diff.operations, from: state)
            let downgrade = try database.dialect.render(diff.operations.reversed().map(\.reversed), from: upgrade.end)
            let context = "seed \(seed), step \(step): \(change)"
            let before = try snapshot(database, state)
            let beforePrint = try await fingerprint(database)
            let afterPrint = try await freshFingerprint(of: upgrade.end, dialect: "sqlite")

            try runMigration(upgrade.operations.flatMap(\.statements), on: database)
            #expect(try await fingerprint(database) == afterPrint, "\(context): schema after upgrade")
            try expectSurvivingData(before, try snapshot(database, upgrade.end), from: state, to: upgrade.end, diff: diff.operations, context: context)
            try runMigration(downgrade.operations.flatMap(\.statements), on: database)
            let downgraded = try await fingerprint(database)
            #expect(downgraded == beforePrint, "\(context): schema after downgrade: expected \(beforePrint.filter { !downgraded.contains($0) }), found \(downgraded.filter { !beforePrint.contains($0) }); ops \(diff.operations.map(\.summary))")
            try expectSurvivingData(before, try snapshot(database, state), from: state, to: state, diff: diff.operations, context: context + " (downgrade)", roundTrip: true)
            try runMigration(upgrade.operations.flatMap(\.statements), on: database)
            #expect(try await fingerprint(database) == afterPrint, "\(context): schema after upgrade again")
            state = upgrade.end

            // New random rows for the next step.
            for table in state.tables {
                rowID += 1
                var names = ["\"id\""], values = [String(rowID)]
                for column in table.columns where !table.primaryKey.columns.contains(column.name) && (!column.isNullable && column.defaultValue == nil || Bool.random(using: &random)) {
                    guard !column.foreignKeyTarget(in: table), !column.isGenerated else { continue }
                    names.append("\"\(column.name)\"")
                    values.append(randomLiteral(column.type, &random))
                }
                try database.execute("INSERT INTO \"\(table.name)\" (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")));")
            }
        }
        // The seeds are fixed: each run takes these steps, so this says the kinds were exercised.
        #expect(sawAutoIncrementToggled && sawGeneratedColumn, "seed \(seed): auto_increment toggled \(sawAutoIncrementToggled), a generated column \(sawGeneratedColumn)")
    }

    func randomLiteral(_ type: ColumnType, _ random: inout SeededGenerator) -> String {
        switch type {
        case .int, .int32, .int16: String(Int.random(in: -1000...1000, using: &random))
        case .double, .float: "\(Int.random(in: 0...99, using: &random)).25"
        case .time: "'0\(Int.random(in: 0...9, using: &random)):\(Int.random(in: 10...59, using: &random)):00.500'"
        case .decimal: "'\(Int.random(in: -999...999, using: &random)).\(Int.random(in: 1...9, using: &random))'"
        case .bool: Bool.random(using: &random) ? "1" : "0"
        default: "'v\(Int.random(in: 0...999, using: &random))'"
        }
    }

    /// Values of columns that exist on both sides (following declared renames) are unchanged.
    func expectSurvivingData(
        _ before: [String: [String: [String: String?]]], _ after: [String: [String: [String: String?]]],
        from old: Schema, to new: Schema, diff: [MigrationOperation], context: String, roundTrip: Bool = false
    ) throws {
        var tableRenames: [String: String] = [:], columnRenames: [String: [String: String]] = [:]
        // What the upgrade dropped is gone after the downgrade too: only surviving data must match.
        var droppedTables: Set<String> = [], droppedColumns: Set<String> = []
        for operation in diff {
            if case .dropTable(let table) = operation { droppedTables.insert(table.name) }
            if case .dropColumn(let table, let column) = operation { droppedColumns.insert("\(table).\(column.name)") }
        }
        if !roundTrip {
            for operation in diff {
                if case .renameTable(let from, let to) = operation { tableRenames[from] = to }
            }
            for operation in diff {
                if case .renameColumn(let table, let from, let to) = operation { columnRenames[table, default: [:]][from] = to }
            }
        }
        for table in old.tables where !roundTrip || !droppedTables.contains(table.name) {
            let newName = tableRenames[table.name] ?? table.name
            guard let oldRows = before[table.name], let newRows = after[newName], let newTable = new.table(named: newName) else { continue }
            #expect(Set(oldRows.keys) == Set(newRows.keys), "\(context): rows of \(table.name) kept")
            for (id, row) in oldRows {
                for column in table.columns where !roundTrip || !droppedColumns.contains("\(table.name).\(column.name)") {
                    let newColumn = columnRenames[newName]?[column.name] ?? column.name
                    guard let target = newTable.column(named: newColumn), target.type == column.type, let value = row[column.name] else { continue }
                    #expect(newRows[id]?[newColumn] == value, "\(context): \(table.name).\(column.name) of row \(id)")
                }
            }
        }
    }
}

extension Column {
    /// Whether the column is a foreign key in `table` (random rows leave those NULL).
    func foreignKeyTarget(in table: Table) -> Bool {
        table.foreignKeys.contains { $0.columns.contains(name) }
    }
}
