import StrataSchema

/// One migration file's name and text, as read by the CLI.
public struct MigrationFileSource: Hashable, Sendable {
    /// The path used in diagnostics.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

public enum MigrationFiles {
    /// Reads every migration file and orders them into one history.
    /// - Throws: `DiagnosticsError` with every file's problems, or the history's (several heads,
    ///   a missing parent…), each naming the file.
    public static func history(_ files: [MigrationFileSource]) throws(DiagnosticsError) -> MigrationHistory {
        var migrations: [Migration] = []
        var diagnostics: [Diagnostic] = []
        var located: [String: (path: String, locations: OperationLocations)] = [:]
        for file in files.sorted(by: { $0.path < $1.path }) {
            do {
                let (migration, locations) = try MigrationFileReader.readLocated(file.text, fileName: file.path)
                located[migration.id] = (file.path, locations)
                let expected = file.path.split(separator: "/").last.map { String($0.dropLast(".yaml".count)) }
                if let expected, expected != migration.id {
                    diagnostics.append(Diagnostic(.error, "the file is named '\(expected).yaml' but its id is '\(migration.id)': make them match", at: nil, in: file.path))
                }
                migrations.append(migration)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        let history: MigrationHistory
        do {
            history = try MigrationHistory(migrations)
        } catch {
            throw DiagnosticsError([Diagnostic(.error, "\(error)", at: nil, in: files.first.map { parentFolder(of: $0.path) } ?? "migrations")])
        }
        // Replay every migration, checking each operation against the schema it applies to; a
        // hand-edited file that indexes a missing column is an error at the operation's line.
        do {
            let states = try history.states()
            if let problem = uncompilableCheck(history, states: states) {
                let file = located[problem.migration]
                let list = problem.direction == .upgrade ? file?.locations.upgrade : file?.locations.downgrade
                let place = list.flatMap { problem.operation < $0.count ? $0[problem.operation] : nil } ?? file?.locations.file
                throw DiagnosticsError([Diagnostic(.error, problem.message, at: place, in: file?.path ?? "migrations")])
            }
        } catch let error as DiagnosticsError {
            throw error
        } catch let error as MigrationReplayError {
            let file = located[error.migration]
            let place = error.operation.flatMap { position in
                let list = error.direction == .upgrade ? file?.locations.upgrade : file?.locations.downgrade
                return list.flatMap { position < $0.count ? $0[position] : nil }
            } ?? file?.locations.file
            let what = error.summary.map { "\(error.direction.rawValue) operation '\($0)'" } ?? "after its \(error.direction.rawValue) operations, the schema"
            throw DiagnosticsError([Diagnostic(.error, "\(what) does not fit the schema it applies to: \(error.message)", at: place, in: file?.path ?? "migrations")])
        } catch {
            throw DiagnosticsError([Diagnostic(.error, "\(error)", at: nil, in: "migrations")])
        }
        return history
    }

    /// The first check that a migration adds (in either direction) and SQLite's parser rejects
    /// against its table: replay has already applied the rules every check must follow; this finds
    /// syntax errors and unknown functions in hand-edited files before anything runs.
    static func uncompilableCheck(_ history: MigrationHistory, states: [Schema]) -> (migration: String, direction: MigrationDirection, operation: Int, message: String)? {
        var compiler: SQLiteCheckCompiler?
        var seen: Set<[String]> = []
        for (position, migration) in history.migrations.enumerated() {
            for (direction, operations, state) in [(MigrationDirection.upgrade, migration.upgrade, states[position + 1]), (.downgrade, migration.downgrade, states[position])] {
                for (index, operation) in operations.enumerated() {
                    let added: [(table: String, check: CheckConstraint)] = switch operation {
                    case .addCheck(let table, let check): [(table, check)]
                    case .createTable(let table): table.checkConstraints.map { (table.name, $0) }
                    default: []
                    }
                    for (tableName, check) in added {
                        guard let table = state.table(named: tableName), seen.insert([tableName, check.expression]).inserted else { continue }
                        if compiler == nil { compiler = SQLiteCheckCompiler() }
                        if let problem = compiler?.problem(with: check.expression, in: table) {
                            return (migration.id, direction, index, "\(direction.rawValue) operation '\(ControlCharacters.escaped(operation.summary))': check \(check.name) is not a valid SQL condition: \(problem) (SQLite's parser, on the table's columns)")
                        }
                    }
                }
            }
        }
        return nil
    }

    static func parentFolder(of path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
    }

    /// `0003_add_workflow_automation_tables`: the next sequence number and the message as a slug.
    public static func nextID(after history: MigrationHistory, message: String) -> String {
        let number = String(history.migrations.count + 1)
        let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
        var slug = ""
        for character in message.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.hasSuffix("_"), !slug.isEmpty {
                slug.append("_")
            }
        }
        while slug.hasSuffix("_") { slug.removeLast() }
        slug = String(slug.prefix(48))
        while slug.hasSuffix("_") { slug.removeLast() }
        return slug.isEmpty ? padded : "\(padded)_\(slug)"
    }

    /// A new migration holding the diff from the history's head to `schema`, or `nil` when there
    /// is nothing to do.
    public static func autogenerate(history: MigrationHistory, schema: Schema, message: String) throws -> (migration: Migration, warnings: [String])? {
        let head = try history.schema(at: history.head)
        let diff = try SchemaDiff(from: head, to: schema)
        guard !diff.isEmpty else { return nil }
        let migration = Migration(
            id: nextID(after: history, message: message), parent: history.head, message: message,
            upgrade: diff.operations, downgrade: diff.operations.reversed().map(\.reversed)
        )
        return (migration, diff.warnings)
    }

    /// A new migration with no operations, for hand-written SQL.
    public static func empty(history: MigrationHistory, message: String) -> Migration {
        Migration(id: nextID(after: history, message: message), parent: history.head, message: message, upgrade: [], downgrade: [])
    }
}
