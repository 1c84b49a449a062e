/// Reads one PostgreSQL schema (namespace) into the IR from `pg_catalog`.
///
/// Types map back as ``PostgreSQLDialect`` writes them (`bigint` → `int`, `varchar(n)` →
/// `string`, `timestamptz` → `timestamp`, …); a text column whose `IN` check carries the name
/// the schema gives enum checks becomes an enum. Anything else is kept where the schema can say
/// it and otherwise reported as a warning with its place.
public struct PostgreSQLCatalog: SchemaCatalog {
    /// The namespace read (`public` normally).
    public var namespace: String

    /// A reader of `namespace`.
    public init(namespace: String = "public") {
        self.namespace = namespace
    }

    /// Tables that belong to migration tools, never to the schema.
    static let toolTables = ["strata_migrations", "strata_migration_progress", "alembic_version"]

    private var namespaceLiteral: String { PostgreSQLDialect().stringLiteral(namespace) }
    private var toolTableList: String { Self.toolTables.map { PostgreSQLDialect().stringLiteral($0) }.joined(separator: ", ") }

    /// Names in a list are joined by the unit separator, which no valid name contains.
    static let separator: Character = "\u{1F}"

    public var queries: [CatalogQuery] {
        let s = namespaceLiteral
        let skip = toolTableList
        func names(_ keys: String, _ relation: String) -> String {
            "array_to_string(ARRAY(SELECT a.attname FROM unnest(\(keys)) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = \(relation) AND a.attnum = k.num ORDER BY k.ord), chr(31))"
        }
        return [
            CatalogQuery(name: "relations", sql: """
                SELECT c.relname, c.relkind::text, coalesce(obj_description(c.oid, 'pg_class'), ''), c.relispartition::text,
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid, true) ELSE '' END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = \(s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname NOT IN (\(skip))
                ORDER BY c.relname
                """),
            CatalogQuery(name: "columns", sql: """
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, t.typtype::text, t.typname,
                       coalesce(col_description(c.oid, a.attnum), ''),
                       EXISTS (SELECT 1 FROM pg_depend dp JOIN pg_class sq ON sq.oid = dp.objid AND sq.relkind = 'S'
                               WHERE dp.classid = 'pg_class'::regclass AND dp.refclassid = 'pg_class'::regclass
                                 AND dp.refobjid = c.oid AND dp.refobjsubid = a.attnum AND dp.deptype = 'a')::text,
                       c.relkind::text
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = \(s) AND c.relkind IN ('r', 'p', 'v') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT IN (\(skip))
                ORDER BY c.relname, a.attnum
                """),
            CatalogQuery(name: "constraints", sql: """
                SELECT c.relname, con.conname, con.contype::text, \(names("con.conkey", "con.conrelid")),
                       coalesce(f.relname, ''), \(names("con.confkey", "con.confrelid")),
                       con.confdeltype::text, con.confupdtype::text, pg_get_constraintdef(con.oid),
                       con.convalidated::text, con.condeferrable::text, coalesce(fn.nspname, '')
                FROM pg_constraint con
                JOIN pg_class c ON c.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_class f ON f.oid = con.confrelid
                LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
                WHERE n.nspname = \(s) AND c.relkind IN ('r', 'p') AND c.relname NOT IN (\(skip))
                ORDER BY c.relname, con.conname
                """),
            CatalogQuery(name: "indexes", sql: """
                SELECT t.relname, i.relname, ix.indisunique::text, ix.indnkeyatts::text,
                       coalesce(pg_get_expr(ix.indpred, ix.indrelid), ''), am.amname, array_to_string(ix.indoption::int2[], ' '),
                       pg_get_indexdef(ix.indexrelid),
                       EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))::text,
                       array_to_string(ix.indkey::int2[], ' '),
                       array_to_string(ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, false) FROM generate_series(1, ix.indnatts) AS k ORDER BY k), chr(31))
                FROM pg_index ix
                JOIN pg_class i ON i.oid = ix.indexrelid
                JOIN pg_class t ON t.oid = ix.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_am am ON am.oid = i.relam
                WHERE n.nspname = \(s) AND t.relkind IN ('r', 'p') AND t.relname NOT IN (\(skip))
                ORDER BY t.relname, i.relname
                """),
            CatalogQuery(name: "enums", sql: """
                SELECT t.typname, e.enumlabel FROM pg_type t
                JOIN pg_enum e ON e.enumtypid = t.oid
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = \(s) ORDER BY t.typname, e.enumsortorder
                """),
            CatalogQuery(name: "objects", sql: """
                SELECT 'function', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = \(s) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                UNION ALL
                SELECT 'trigger', c.relname || '.' || tg.tgname FROM pg_trigger tg
                JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = \(s) AND NOT tg.tgisinternal
                UNION ALL
                SELECT 'sequence', c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = \(s) AND c.relkind = 'S'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
                ORDER BY 1, 2
                """),
        ]
    }

    public func introspect(_ rows: [String: [[String?]]]) -> IntrospectedSchema {
        let dialect = PostgreSQLDialect()
        var assembly = CatalogAssembly(dialect: dialect)
        let cell = CatalogAssembly.cell
        func list(_ text: String) -> [String] { text.isEmpty ? [] : text.split(separator: Self.separator, omittingEmptySubsequences: false).map(String.init) }

        var tables: [String: CatalogTable] = [:]
        var order: [String] = []
        var skipped: Set<String> = []
        // Views by name: their query, and their columns as the columns query reads them (nil
        // once one cannot be read: the view is then named in a warning).
        var viewQueries: [String: String] = [:]
        var viewColumns: [String: [Column]?] = [:]
        for row in rows["relations"] ?? [] {
            let name = cell(row, 0)
            switch cell(row, 1) {
            case "r" where cell(row, 3) == "true", "p" where cell(row, 3) == "true":
                // A partition holds rows of its parent, which the file describes.
                assembly.warn(assembly.place(name), "is a partition of a partitioned table: it is part of its parent, so it is not in the file; it stays in the database")
            case "r", "p":
                guard assembly.acceptName(table: name) else { skipped.insert(name); continue }
                if cell(row, 1) == "p" {
                    assembly.warn(assembly.place(name), "is partitioned (PARTITION BY \(cell(row, 4))); the schema has no partitions, so the file describes it as a plain table: a database created from the file has a plain table, and its partitions stay as they are")
                }
                tables[name] = CatalogTable(name: name)
                tables[name]?.comment = cell(row, 2).isEmpty ? nil : cell(row, 2)
                order.append(name)
            case "v" where Schema.isValidIdentifier(name):
                viewQueries[name] = cell(row, 4).trimmingSpaces
                viewColumns[name] = []
            case "v", "m":
                let what = cell(row, 1) == "m" ? "materialized views are not in the schema" : "its name is not one the schema accepts"
                assembly.warn("view \"\(name)\"", "\(what); it stays in the database, and a migration that changes the tables it reads may fail until it is dropped and recreated by hand")
            default:
                assembly.warn("foreign table \"\(name)\"", "foreign tables are not in the schema; it stays in the database")
            }
        }
        let nativeEnums = Dictionary(grouping: rows["enums"] ?? [], by: { cell($0, 0) }).mapValues { $0.map { cell($0, 1) } }

        // Columns; enum checks are applied once the constraints are read.
        var pendingTypes: [String: [String: String]] = [:]  // table → column → base type name
        for row in rows["columns"] ?? [] where cell(row, 11) == "v" {
            let viewName = cell(row, 0), columnName = cell(row, 1)
            guard let columns = viewColumns[viewName], var read = columns else { continue }
            let formatted = cell(row, 2)
            guard Schema.isValidIdentifier(columnName), cell(row, 7) != "e", let type = Self.columnType(formatted)?.type else {
                assembly.warn("view \"\(viewName)\"", "has the column \"\(columnName)\" of type \(formatted), which a view in the schema cannot have (or a name it does not accept); it stays in the database, and a migration that changes the tables it reads may fail until it is dropped and recreated by hand")
                viewColumns[viewName] = .some(nil)
                continue
            }
            // PostgreSQL does not say whether a view's column can be NULL: every one may be.
            read.append(Column(name: columnName, type: type, isNullable: true))
            viewColumns[viewName] = read
        }
        for row in rows["columns"] ?? [] where cell(row, 11) != "v" {
            let tableName = cell(row, 0), columnName = cell(row, 1)
            // Columns of a table with an invalid name are checked too, so every fix is listed at once.
            guard tables[tableName] != nil || skipped.contains(tableName) else { continue }
            guard assembly.acceptName(table: tableName, column: columnName), tables[tableName] != nil else { continue }
            let place = assembly.place(tableName, columnName)
            let formatted = cell(row, 2)
            var type: ColumnType
            if cell(row, 7) == "e" {
                let enumName = cell(row, 8)
                assembly.warn(place, "has the native enum type \"\(enumName)\" (\((nativeEnums[enumName] ?? []).joined(separator: ", "))); the schema stores enums as text with a CHECK, so it is written as text: make it an enum in schema.yaml and migrate, or keep it as text")
                type = .text
            } else if let mapped = Self.columnType(formatted) {
                type = mapped.type
                if let note = mapped.note { assembly.warn(place, note) }
            } else {
                assembly.warn(place, "has the type \(formatted), which the schema cannot express yet: left out of the file, it stays in the database")
                continue
            }
            var column = Column(name: columnName, type: type, isNullable: cell(row, 3) != "true")
            let expression = row.count > 4 ? row[4] : nil
            switch cell(row, 5) {
            case "d":
                column.isAutoIncrement = true
            case "a":
                column.isAutoIncrement = true
                assembly.warn(place, "is GENERATED ALWAYS AS IDENTITY; written as auto_increment, which Strata creates GENERATED BY DEFAULT (an insert may also give its own id, which ALWAYS refuses): `strata check` does not tell them apart")
            case _ where cell(row, 6) == "s":
                // A generated column: its expression is PostgreSQL's text (casts included).
                column.generatedExpression = SQLExpressionDefault(sqlite: nil, postgres: CatalogText.unwrapped(expression ?? ""))
            case _ where expression?.hasPrefix("nextval(") == true && cell(row, 10) == "true" && type.integerRange != nil:
                column.isAutoIncrement = true
                assembly.warn(place, "is a serial column (its default is \(expression ?? ""), of a sequence it owns); written as auto_increment, which Strata creates as an identity column that assigns ids the same way; this database keeps its sequence")
            default:
                if let expression {
                    let (value, note) = Self.defaultValue(expression, type: type)
                    column.defaultValue = value
                    if let note { assembly.warn(place, note) }
                }
            }
            column.comment = cell(row, 9).isEmpty ? nil : cell(row, 9)
            tables[tableName]?.columns.append(column)
            pendingTypes[tableName, default: [:]][columnName] = formatted
        }

        for row in rows["constraints"] ?? [] {
            let tableName = cell(row, 0), name = cell(row, 1)
            guard tables[tableName] != nil else { continue }
            let place = "\(assembly.place(tableName)), constraint \"\(name)\""
            guard Schema.isValidIdentifier(name) else {
                assembly.warn(place, "has a name the schema does not accept; rename it (ALTER TABLE … RENAME CONSTRAINT) and pull again: left out of the file")
                continue
            }
            let columns = list(cell(row, 3))
            guard tables[tableName]?.hasColumns(columns) == true else {
                assembly.warn(place, "is on a column that is not in the file: left out of the file, it stays in the database")
                continue
            }
            if cell(row, 10) == "true" {
                assembly.warn(place, "is DEFERRABLE, which the schema does not express: written as not deferrable")
            }
            if cell(row, 9) == "false" {
                assembly.warn(place, "is NOT VALID (existing rows are not checked): written as a valid constraint")
            }
            switch cell(row, 2) {
            case "p":
                tables[tableName]?.primaryKey = PrimaryKey(name: name, columns: columns)
            case "u":
                tables[tableName]?.uniqueConstraints.append(UniqueConstraint(name: name, columns: columns))
            case "f":
                guard cell(row, 11) == namespace, tables[cell(row, 4)] != nil else {
                    assembly.warn(place, "references \"\(cell(row, 11))\".\"\(cell(row, 4))\", outside the schema read: left out of the file")
                    continue
                }
                guard let onDelete = Self.action(cell(row, 6)), let onUpdate = Self.action(cell(row, 7)) else {
                    assembly.warn(place, "uses SET DEFAULT, which the schema does not express: left out of the file, it stays in the database")
                    continue
                }
                tables[tableName]?.foreignKeys.append(ForeignKey(
                    name: name, columns: columns, referencedTable: cell(row, 4), referencedColumns: list(cell(row, 5)),
                    onDelete: onDelete, onUpdate: onUpdate
                ))
            case "c":
                let definition = cell(row, 8)
                guard definition.hasPrefix("CHECK ("), let body = Self.checkBody(definition) else {
                    assembly.warn(place, "is \(definition), which the schema cannot express: left out of the file")
                    continue
                }
                if columns.count == 1, let values = Self.anyArrayValues(body, column: columns[0]) {
                    let column = columns[0]
                    // An IN check on text, or on varchar(n) (an enum kept as a string of a length).
                    let formatted = pendingTypes[tableName]?[column] ?? ""
                    let length = Self.length(formatted, prefix: "character varying(")
                    if formatted == "text" || length.map({ limit in values.allSatisfy { $0.count <= limit } }) == true,
                       let enumName = assembly.enumeration(table: tableName, column: column, values: values, checkName: name),
                       let index = tables[tableName]?.columns.firstIndex(where: { $0.name == column }) {
                        tables[tableName]?.columns[index].type = .enumeration(enumName)
                        tables[tableName]?.columns[index].enumMaxLength = length
                        if name != NamingConvention.check(table: tableName, label: "\(column)_enum") { tables[tableName]?.columns[index].enumCheckName = name }
                    } else {
                        let expression = "\(dialect.quoted(column)) IN (\(values.map(dialect.stringLiteral).joined(separator: ", ")))"
                        tables[tableName]?.checkConstraints.append(CheckConstraint(name: name, expression: expression))
                    }
                } else if case let body = Self.withoutLiteralCasts(body), body.contains("::") {
                    assembly.warn(place, "is \(definition); a check in schema.yaml must read the same on SQLite, and this one uses PostgreSQL casts (::): left out of the file, it stays in the database. Rewrite it without casts in schema.yaml if you want it managed")
                } else {
                    tables[tableName]?.checkConstraints.append(CheckConstraint(name: name, expression: Self.withoutLiteralCasts(body)))
                }
            default:
                assembly.warn(place, "is \(cell(row, 8)), which the schema cannot express: left out of the file, it stays in the database")
            }
        }

        for row in rows["indexes"] ?? [] {
            let tableName = cell(row, 0), name = cell(row, 1)
            guard tables[tableName] != nil, cell(row, 8) != "true" else { continue }
            let place = "\(assembly.place(tableName)), index \"\(name)\""
            let definition = cell(row, 7)
            var reasons: [String] = []
            if !Schema.isValidIdentifier(name) { reasons.append("its name is not a valid schema name") }
            if cell(row, 5) != "btree" { reasons.append("it uses \(cell(row, 5)), not btree") }
            var predicate: String?
            if !cell(row, 4).isEmpty {
                let condition = Self.withoutLiteralCasts(CatalogText.unwrapped(cell(row, 4)))
                if condition.contains("::") {
                    reasons.append("its condition (WHERE \(cell(row, 4))) uses PostgreSQL casts (::), and a condition in schema.yaml must read the same on SQLite")
                } else {
                    predicate = condition
                }
            }
            // Keys: columns (attribute numbers), then expressions (0); included columns after them.
            let keyCount = Int(cell(row, 3)) ?? 0
            let attributes = cell(row, 9).split(separator: " ").map { Int($0) ?? -1 }
            let definitions = list(cell(row, 10))
            let options = cell(row, 6).split(separator: " ").map { Int($0) ?? -1 }
            var columns: [String] = [], descending: [String] = [], expressions: [String] = [], included: [String] = []
            if definitions.count != attributes.count || keyCount > attributes.count || options.count != keyCount {
                reasons.append("its keys could not be read")
            } else {
                for position in 0..<attributes.count {
                    var text = definitions[position]
                    // A column is written as an identifier, quoted when it is a keyword ("user").
                    if attributes[position] != 0, text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
                        text = String(text.dropFirst().dropLast())  // a name holding a quote is no schema name: not in the file
                    }
                    if position >= keyCount {
                        included.append(text)
                    } else if attributes[position] == 0 {
                        let expression = Self.withoutLiteralCasts(CatalogText.unwrapped(text))
                        if expression.contains("::") {
                            reasons.append("its expression \(text) uses PostgreSQL casts (::), and an expression in schema.yaml must read the same on SQLite")
                        } else {
                            expressions.append(expression)
                        }
                    } else if !expressions.isEmpty {
                        reasons.append("it indexes a column after an expression (schema.yaml lists columns first)")
                    } else {
                        columns.append(text)
                    }
                    guard position < keyCount else { continue }
                    // 0: ASC (NULLS LAST); 3: DESC (NULLS FIRST), PostgreSQL's defaults.
                    switch options[position] {
                    case 0: break
                    case 3 where attributes[position] != 0: descending.append(text)
                    default: reasons.append("it has a key with NULLS FIRST/LAST other than the default, or a descending expression")
                    }
                }
            }
            if tables[tableName]?.hasColumns(columns + included) != true { reasons.append("it is on a column that is not in the file") }
            guard reasons.isEmpty else {
                assembly.warn(place, "(\(definition)) is not expressible yet: \(reasons.joined(separator: "; ")); left out of the file, it stays in the database")
                continue
            }
            tables[tableName]?.indexes.append(Index(name: name, columns: columns, isUnique: cell(row, 2) == "true", predicate: predicate,
                                                    descendingColumns: descending, expressions: expressions, includedColumns: included))
        }

        assembly.harmonizeForeignKeyTypes(&tables, order: order)

        for row in rows["objects"] ?? [] {
            assembly.warn("\(cell(row, 0)) \"\(cell(row, 1))\"", "\(cell(row, 0))s are not in the schema yet; it stays in the database")
        }

        let views = viewColumns.compactMap { name, columns -> ViewDefinition? in
            guard let columns, let query = viewQueries[name] else { return nil }
            return ViewDefinition(name: name, columns: columns, query: ["postgres": query], tables: [])
        }
        return assembly.finish(tables, order: order, views: views) { "add one (ALTER TABLE \(dialect.quoted($0)) ADD PRIMARY KEY (…))" }
    }

    /// The schema type of a `format_type` text, with a note when the database's type differs
    /// from the one the schema would create.
    static func columnType(_ formatted: String) -> (type: ColumnType, note: String?)? {
        func widened(_ type: ColumnType, _ written: String) -> (ColumnType, String?) {
            (type, "has the type \(formatted); written as \(type.schemaName), which PostgreSQL stores as \(written): `strata check` reports the difference until a migration changes the column")
        }
        switch formatted {
        case "uuid": return (.uuid, nil)
        case "text": return (.text, nil)
        case "bigint": return (.int, nil)
        case "double precision": return (.double, nil)
        case "boolean": return (.bool, nil)
        case "timestamp with time zone": return (.timestamp, nil)
        case "date": return (.date, nil)
        case "time(3) without time zone": return (.time, nil)
        case "time without time zone", "time(6) without time zone": return widened(.time, "time(3) (milliseconds)")
        case "bytea": return (.bytes, nil)
        case "jsonb": return (.json, nil)
        case "integer": return (.int32, nil)
        case "smallint": return (.int16, nil)
        case "real": return (.float, nil)
        case "json": return (.textualJSON, nil)
        case "character varying": return widened(.text, "text")
        case "timestamp without time zone", "timestamp(3) without time zone", "timestamp(6) without time zone":
            return widened(.timestamp, "timestamptz (a UTC instant)")
        default:
            if let length = Self.length(formatted, prefix: "character varying(") { return (.string(maxLength: length), nil) }
            if formatted.hasPrefix("numeric("), formatted.hasSuffix(")") {
                let numbers = formatted.dropFirst(8).dropLast().split(separator: ",").compactMap { Int($0) }
                if numbers.count == 2, let type = ColumnType.builtin(named: "decimal", precision: numbers[0], scale: numbers[1]) { return (type, nil) }
            }
            if let length = Self.length(formatted, prefix: "character(") { return widened(.string(maxLength: length), "varchar(\(length))") }
            if formatted.hasPrefix("timestamp("), formatted.hasSuffix(") with time zone") { return widened(.timestamp, "timestamptz") }
            return nil
        }
    }

    static func length(_ text: String, prefix: String) -> Int? {
        guard text.hasPrefix(prefix), text.hasSuffix(")") else { return nil }
        return Int(text.dropFirst(prefix.count).dropLast())
    }

    static func action(_ code: String) -> ReferentialAction? {
        switch code {
        case "a", "": .noAction
        case "r": .restrict
        case "c": .cascade
        case "n": .setNull
        default: nil
        }
    }

    /// The condition of `CHECK (…)` without PostgreSQL's extra parentheses; `nil` for a check
    /// with a suffix (`NOT VALID`, `NO INHERIT`) or unbalanced text.
    static func checkBody(_ definition: String) -> String? {
        let rest = Substring(definition).dropFirst("CHECK ".count)
        guard let close = CatalogText.closingIndex(of: rest) else { return nil }
        let suffix = String(rest[rest.index(after: close)...]).trimmingSpaces
        guard suffix.isEmpty || suffix == "NOT VALID" else { return nil }
        return CatalogText.unwrapped(String(rest[...close]))
    }

    /// The values of the form PostgreSQL stores `col IN ('a', 'b')` as:
    /// `(col = ANY (ARRAY['a'::text, 'b'::text]))`, also with `(col)::text` and a cast array.
    static func anyArrayValues(_ body: String, column: String) -> [String]? {
        let dialect = PostgreSQLDialect()
        var text = Substring(CatalogText.unwrapped(body))
        var matched = false
        for prefix in ["\(column) = ANY (", "\(dialect.quoted(column)) = ANY (", "(\(column))::text = ANY (", "(\(dialect.quoted(column)))::text = ANY ("] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count - 1)
            matched = true
            break
        }
        guard matched, let close = CatalogText.closingIndex(of: text), close == text.index(before: text.endIndex) else { return nil }
        var inner = Substring(CatalogText.unwrapped(String(text)))
        if inner.hasSuffix("::text[]") { inner = Substring(CatalogText.unwrapped(String(inner.dropLast("::text[]".count)))) }
        guard inner.hasPrefix("ARRAY["), inner.hasSuffix("]") else { return nil }
        var values: [String] = []
        for item in CatalogText.topLevelItems(inner.dropFirst("ARRAY[".count).dropLast()) {
            guard let literal = Self.castLiteral(item) else { return nil }
            values.append(literal)
        }
        return values
    }

    /// `'text'::type` or `'text'` → `text`.
    static func castLiteral(_ item: String) -> String? {
        var text = item.trimmingSpaces
        if let quoteEnd = text.lastIndex(of: "'"), text.hasPrefix("'") {
            let tail = text[text.index(after: quoteEnd)...]
            guard tail.isEmpty || (tail.hasPrefix("::") && tail.dropFirst(2).allSatisfy { $0.isLetter || $0 == " " || $0 == "_" || $0.isNumber || $0 == "(" || $0 == ")" }) else { return nil }
            text = String(text[...quoteEnd])
        }
        return CatalogText.stringLiteral(text)
    }

    /// The schema default of a `pg_get_expr` default, or `nil` and a warning.
    static func defaultValue(_ expression: String, type: ColumnType) -> (ColumnDefault?, String?) {
        let text = expression.trimmingSpaces
        func unsupported() -> (ColumnDefault?, String?) {
            (nil, "has the default \(text), which the schema cannot express yet: written without a default, the database keeps it")
        }
        switch (text, type) {
        case ("gen_random_uuid()", .uuid): return (.uuid, nil)
        case ("now()", .timestamp), ("CURRENT_TIMESTAMP", .timestamp): return (.now, nil)
        case ("((now() AT TIME ZONE 'UTC'::text))::date", .date): return (.now, nil)
        case ("CURRENT_DATE", .date):
            return (.now, "has the default CURRENT_DATE, the date in the session's time zone; written as default: now, which Strata creates as the UTC date (as SQLite's date('now')): change the default in a migration (or by hand) to get the same date on both")
        case ("((now() AT TIME ZONE 'UTC'::text))::time(3) without time zone", .time): return (.now, nil)
        case ("true", .bool): return (.literal(.bool(true)), nil)
        case ("false", .bool): return (.literal(.bool(false)), nil)
        default: break
        }
        let literal = castLiteral(text) ?? text
        switch type {
        case .int, .int32, .int16:
            if let number = Int64(literal) { return (.literal(.int(number)), nil) }
        case .double:
            if let number = Double(literal), number.isFinite { return (.literal(.double(number)), nil) }
        case .decimal(let precision, let scale):
            if let canonical = DecimalText.canonical(literal), DecimalText.misfit(canonical, precision: precision, scale: scale) == nil {
                return (.literal(.string(canonical)), nil)
            }
        case .float:
            if let number = Double(literal), number.isFinite { return (.literal(.double(ColumnType.floatValue(number))), nil) }
        case .string, .text, .enumeration:
            if castLiteral(text) != nil, !literal.contains("\0") { return (.literal(.string(literal)), nil) }
        case .uuid:
            if castLiteral(text) != nil { return (.literal(.string(literal.lowercased())), nil) }
        case .json, .textualJSON:
            if castLiteral(text) != nil { return (.literal(.json(literal)), nil) }
        case .time:
            if castLiteral(text) != nil, let canonical = TimeText.canonical(literal) { return (.literal(.string(canonical)), nil) }
        case .bool, .timestamp, .date, .bytes:
            break
        }
        // Any other expression is a PostgreSQL SQL default, unless it reads a sequence the schema
        // does not create (serial) or is not one expression without columns.
        let expression = CatalogText.unwrapped(text)
        if !expression.contains("nextval("), (try? CheckExpression.validate(expression, columns: [], allowsPostgreSQLCasts: true)) != nil {
            return (.sql(SQLExpressionDefault(sqlite: nil, postgres: expression)), nil)
        }
        return unsupported()
    }

    /// The types PostgreSQL writes after a literal in a stored expression.
    static let literalCastTypes = [
        "timestamp without time zone", "timestamp with time zone", "time without time zone", "double precision",
        "character varying", "character", "numeric", "bigint", "integer", "smallint", "real", "text", "boolean",
        "date", "jsonb", "json", "uuid", "bpchar",
    ]
    static let numericCastTypes: Set<String> = ["double precision", "numeric", "bigint", "integer", "smallint", "real"]

    /// `text` without the casts PostgreSQL adds to literals when it stores a check
    /// (`(0)::double precision` → `0`, `'-1'::integer` → `-1`, `'a'::text` → `'a'`): an untyped
    /// literal takes the other operand's type on PostgreSQL and compares the same on SQLite.
    /// Other casts stay (and the check is then not expressible).
    static func withoutLiteralCasts(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first == "'" {
                // A string literal, with '' inside.
                var end = rest.index(after: rest.startIndex)
                while end < rest.endIndex {
                    if rest[end] == "'" {
                        let next = rest.index(after: end)
                        if next < rest.endIndex, rest[next] == "'" { end = rest.index(after: next); continue }
                        break
                    }
                    end = rest.index(after: end)
                }
                guard end < rest.endIndex else { return output + rest }
                let literal = rest[...end]
                rest = rest[rest.index(after: end)...]
                if let (type, after) = castType(rest) {
                    let inner = String(literal.dropFirst().dropLast())
                    output += numericCastTypes.contains(type) && Double(inner) != nil ? inner : String(literal)
                    rest = after
                } else {
                    output += literal
                }
                continue
            }
            if first == "(", let close = CatalogText.closingIndex(of: rest) {
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                let after = rest[rest.index(after: close)...]
                if Double(inner) != nil, let (_, remaining) = castType(after) {
                    output += inner
                    rest = remaining
                    continue
                }
                // `(name)::text` on a varchar column: comparing it as text is comparing it.
                if Schema.isValidIdentifier(String(inner)), let (type, remaining) = castType(after), type == "text" {
                    output += inner
                    rest = remaining
                    continue
                }
            }
            output.append(first)
            rest = rest.dropFirst()
        }
        return output
    }

    /// The known type of a `::type` at the start of `text`, and what follows it.
    private static func castType(_ text: Substring) -> (String, Substring)? {
        guard text.hasPrefix("::") else { return nil }
        let afterColons = text.dropFirst(2)
        for type in literalCastTypes where afterColons.hasPrefix(type) {
            var rest = afterColons.dropFirst(type.count)
            if rest.first?.isLetter == true || rest.first == "_" { continue }
            if rest.hasPrefix("("), let close = CatalogText.closingIndex(of: rest) { rest = rest[rest.index(after: close)...] }
            return (type, rest)
        }
        return nil
    }
}
