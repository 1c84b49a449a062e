import StrataGenerator
import Testing

/// Every validation error, with its exact message and location.
@Suite struct ValidationErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "an enum column's max_length holds every value", yaml: header + """
            enums:
              run_state: [queued, in-progress]
            tables:
              t:
                columns:
                  id: {type: int, primary_key: true}
                  a: {type: run_state, max_length: 6}
                  b: {type: run_state, max_length: 0}
                  c: {type: run_state, max_length: 11}
                  d: {type: int, max_length: 4}

            """, expected: [
            "schema.yaml:9:40: error: 'max_length: 6' of column 't.a' is shorter than value 'in-progress' of enum 'run_state' (11 characters): raise it",
            "schema.yaml:10:40: error: 'max_length' of column 't.b' must be a whole number from 1 to 10485760, not '0'",
            "schema.yaml:12:34: error: 'max_length' applies only to 'string' and enum columns, and column 't.d' is 'int': remove it or use 'type: string'",
        ]),
        Case(name: "a generated column is computed from other plain columns by an expression both databases accept", yaml: header + """
            tables:
              t:
                columns:
                  id: {type: int, primary_key: true, generated: "1"}
                  a: {type: int}
                  b: {type: int, generated: "a + 1", default: 0}
                  c: {type: int, generated: "a + random()"}
                  d: {type: int, generated: "nosuch(a)"}
                  e: {type: int, generated: "a * 2"}
                  f: {type: int, generated: "e + 1"}
                  g: {type: int, generated: "missing + 1"}

            """, expected: [
            "schema.yaml:6:53: error: column 't.id': a generated column cannot be in the primary key: key on the columns it is computed from",
            "schema.yaml:8:33: error: column 't.b': a generated column has no default and no auto_increment (the expression is its value): remove them",
            "schema.yaml:9:33: error: the expression of generated column 't.c' is not one SQLite computes: non-deterministic functions prohibited in generated columns; fix the expression",
            "schema.yaml:10:33: error: the expression of generated column 't.d' is not one SQLite computes: no such function: nosuch; fix the expression",
            "schema.yaml:12:33: error: column 't.f': its expression reads generated column 'e', which PostgreSQL refuses: write it over the columns 'e' is computed from",
            "schema.yaml:13:33: error: the expression of generated column 't.g' is not a single expression: 'missing' is not a column of this table; a check may name only its table's columns (write text in single quotes)",
        ]),
        Case(name: "a view has columns, one query per dialect over tables that exist, and a name of its own", yaml: header + """
            tables:
              t:
                columns:
                  id: {type: int, primary_key: true}
            views:
              t:
                columns: {id: int}
                query: "SELECT id FROM t"
              empty:
                query: "SELECT 1"
              two:
                columns: {id: {type: int, default: 1}}
                query: {sqlite: "SELECT id FROM t; DROP TABLE t", postgres: "DELETE FROM t"}
                tables: [missing]
              nested:
                columns: {id: int}
                query: "SELECT id FROM okay"
              okay:
                columns: {id: int, id2: {type: int, nullable: true}}
                query: "SELECT id, NULL FROM t"
              none:
                columns: {id: int}

            """, expected: [
            "schema.yaml:8:3: error: view 't' has the name of table 't': tables, views and SQL objects share one namespace, so choose another name",
            "schema.yaml:11:3: error: view 'empty' has no columns: list the columns its query returns, in order, with their types (the generated Swift type reads them)",
            "schema.yaml:14:31: error: unknown key 'default' in column 'two.id'; allowed keys: 'type', 'max_length', 'postgres_type', 'precision', 'scale', 'nullable', 'doc', 'swift_name'",
            "schema.yaml:15:21: error: the sqlite query of view 'two' is not one query: it holds 2 statements: a view is one SELECT",
            "schema.yaml:15:65: error: the postgres query of view 'two' is not one query: it starts with DELETE: a view is one SELECT (or WITH … SELECT)",
            "schema.yaml:16:14: error: view 'two' names missing table 'missing': list the tables its query reads",
            "schema.yaml:19:12: error: the query of view 'nested' reads view 'okay': a view of views is not supported yet, so write it over the tables",
            "schema.yaml:23:3: error: view 'none' has no 'query': write the SELECT it shows, for both dialects or as {sqlite: …, postgres: …}",
        ]),
        Case(name: "auto_increment is for a one-column integer primary key without a default", yaml: header + """
            tables:
              a:
                columns:
                  id: {type: uuid, primary_key: true, auto_increment: true}
              b:
                columns:
                  id: {type: int, primary_key: true}
                  n: {type: int, auto_increment: true}
              c:
                columns:
                  x: {type: int, auto_increment: true}
                  y: {type: int}
                primary_key: [x, y]
              d:
                columns:
                  id: {type: int, primary_key: true, auto_increment: true, default: 1}
              e:
                columns:
                  id: {type: int32, primary_key: true, auto_increment: yes}

            """, expected: [
            "schema.yaml:6:59: error: column 'a.id': auto_increment needs an integer column (int, int32 or int16), and this one is uuid: change the type, or use 'default: uuid' for a uuid key",
            "schema.yaml:10:38: error: column 'b.n': auto_increment is only for the table's primary key (SQLite assigns only its INTEGER PRIMARY KEY): make the column the primary key, or use 'default: {sql: …}' with a sequence of your own",
            "schema.yaml:13:38: error: column 'c.x': auto_increment needs a one-column primary key (SQLite assigns only a lone INTEGER PRIMARY KEY): give the key's other columns a unique constraint instead, or assign the values yourself",
            "schema.yaml:18:58: error: column 'd.id': an auto_increment column has no default (the database assigns the value): remove 'default'",
            "schema.yaml:21:60: error: 'auto_increment' of column 'e.id' must be true or false, not 'yes'",
        ]),
        Case(name: "check_name names an enum column's CHECK", yaml: header + "enums:\n  e: [a, b]\ntables:\n  t:\n    columns:\n      id: {type: int, primary_key: true, check_name: t_id_check}\n      s: {type: e, check_name: Bad-Name}\n", expected: [
            "schema.yaml:8:54: error: 'check_name' names the CHECK of an enum column, and 't.id' is int: remove it (a column's own 'check' is named by a table-level 'checks: [{name, expression}]')",
            "schema.yaml:9:32: error: invalid check name 'Bad-Name': use lowercase letters, digits and underscores, starting with a letter or underscore (such as 'bad_name')",
        ]),
        Case(name: "an SQL default is one expression without columns, and SQLite's must be one SQLite accepts", yaml: header + """
            tables:
              t:
                columns:
                  id: {type: int, primary_key: true}
                  a: {type: text, default: {sql: "id + 1"}}
                  b: {type: text, default: {sql: "'x'); DROP TABLE t; --"}}
                  c: {type: text, default: {sql: "nope()"}}
                  d: {type: text, default: {sql: {sqlite: "'a'::text"}}}
                  e: {type: text, default: {sql: {}}}

            """, expected: [
            "schema.yaml:7:38: error: the SQL default of column 't.a' is not one SQL expression without columns: 'id' is not a column of this table; a check may name only its table's columns (write text in single quotes)",
            "schema.yaml:8:38: error: the SQL default of column 't.b' is not one SQL expression without columns: ')' closes a parenthesis that the check did not open: a check is one condition, and a ')' here would end the CHECK constraint",
            "schema.yaml:9:32: error: the SQL default of column 't.c' is not a valid SQLite default: no such function: nope; fix the expression",
            "schema.yaml:10:47: error: the sqlite SQL default of column 't.d' is not one SQL expression without columns: the character ':' is not allowed in a check: use column names, literals in single quotes, numbers, operators and parentheses",
            "schema.yaml:11:32: error: 'default: {sql: …}' of column 't.e' has no expression: write {sql: \"expression\"} or {sql: {sqlite: \"…\", postgres: \"…\"}}",
        ]),
        Case(name: "index keys: desc or asc after a column, expressions need a name and must be one expression, include names other columns", yaml: header + """
            tables:
              t:
                columns:
                  id: {type: int, primary_key: true}
                  a: text
                  b: text
                indexes:
                  - {columns: [a sideways]}
                  - {expressions: ["lower(a)"]}
                  - {expressions: ["lower(a)); DROP TABLE t; --"], name: ix_bad}
                  - {columns: [a], include: [b, a], name: ix_include}
                  - {expressions: ["nope(b)"], name: ix_nope}

            """, expected: [
            "schema.yaml:10:20: error: index column 'a sideways' is not a column name, optionally followed by desc or asc: write such as 'created_at desc', or put an expression in 'expressions'",
            "schema.yaml:11:9: error: index 2 of table 't' indexes expressions and needs a 'name:' (no name can be derived from an expression)",
            "schema.yaml:12:24: error: an expression of index 3 of table 't' is not a single expression: ')' closes a parenthesis that the check did not open: a check is one condition, and a ')' here would end the CHECK constraint",
            "schema.yaml:13:37: error: 'include' of index 4 of table 't' names 'a', which is already one of its columns: remove it from one of the lists",
            "schema.yaml:14:24: error: an expression of index 5 of table 't' is not a valid SQL expression: no such function: nope (SQLite's parser, on the table's columns); fix the expression",
        ]),
        Case(name: "a doc PostgreSQL cannot keep as a comment", yaml: header + "tables:\n  t:\n    doc: \"a\\0b\"\n    columns:\n      id: {type: int, primary_key: true, doc: \"\\0\"}\n", expected: [
            "schema.yaml:4:3: error: the doc of table 't' contains a NUL character (\\0), which PostgreSQL cannot keep in a comment: remove it",
            "schema.yaml:7:7: error: the doc of column 't.id' contains a NUL character (\\0), which PostgreSQL cannot keep in a comment: remove it",
        ]),
        Case(name: "decimal needs a precision from 1 to 38 and a scale up to it; precision is only for decimals; defaults must fit", yaml: header + """
            tables:
              t:
                columns:
                  id: {type: int, primary_key: true}
                  a: {type: decimal}
                  b: {type: decimal, precision: 39}
                  c: {type: decimal, precision: 5, scale: 6}
                  d: {type: int, precision: 5}
                  e: {type: decimal, precision: 5, scale: 2, default: 1234.5}
                  f: {type: decimal, precision: 5, scale: 2, default: 1.234}
                  g: {type: decimal, precision: 5, scale: 2, default: 1e3}

            """, expected: [
            "schema.yaml:7:17: error: column 't.a' of type decimal needs 'precision' (its digits, 1 to 38) and usually 'scale' (the digits after the point), such as {type: decimal, precision: 10, scale: 2}",
            "schema.yaml:8:37: error: 'precision' of column 't.b' must be a whole number from 1 to 38 (Swift's Decimal holds 38 digits), not '39'",
            "schema.yaml:9:47: error: 'scale' of column 't.c' must be a whole number from 0 to its precision 5, not '6'",
            "schema.yaml:10:33: error: 'precision' applies only to 'decimal' columns, and column 't.d' is 'int': remove it or use 'type: decimal'",
            "schema.yaml:11:59: error: default '1234.5' does not fit column 't.e' of type decimal: it has 4 digits before the point and decimal(5,2) allows 3",
            "schema.yaml:12:59: error: default '1.234' does not fit column 't.f' of type decimal: it has 3 digits after the point and the scale is 2",
            "schema.yaml:13:59: error: default '1e3' does not fit column 't.g' of type decimal: write a plain decimal number such as 9.99",
        ]),
        Case(name: "postgres_type is for json columns and names json or jsonb", yaml: header + "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n      a: {type: text, postgres_type: json}\n      b: {type: json, postgres_type: jsn}\n", expected: [
            "schema.yaml:7:38: error: 'postgres_type' applies only to 'json' columns, and column 't.a' is 'text': remove it",
            "schema.yaml:8:38: error: 'postgres_type' of column 't.b' must be jsonb (the default) or json, not 'jsn'",
        ]),
        Case(name: "a derived name that shadows SwiftUI, Foundation or the standard library warns", yaml: header + "tables:\n  lists:\n    columns: {id: {type: int, primary_key: true}}\n  tasks:\n    swift_name: Task\n    columns: {id: {type: int, primary_key: true}}\n  texts:\n    columns: {id: {type: int, primary_key: true}}\n", expected: [
            "schema.yaml:4:3: warning: Swift name 'List' of table 'lists' shadows 'List' of the Swift standard library, Foundation or SwiftUI in every file that imports both: set 'swift_name', such as 'swift_name: ListItem'",
            "schema.yaml:9:3: warning: Swift name 'Text' of table 'texts' shadows 'Text' of the Swift standard library, Foundation or SwiftUI in every file that imports both: set 'swift_name', such as 'swift_name: TextItem'",
        ]),
        Case(name: "a unique constraint on exactly the primary key's columns is rejected (PostgreSQL folds it into the key)", yaml: header + "tables:\n  slugs:\n    columns:\n      name: {type: string, primary_key: true, unique: true}\n  pairs:\n    columns:\n      a: {type: int}\n      b: {type: int}\n    primary_key: [a, b]\n    unique:\n      - {columns: [b, a]}\n", expected: [
            "schema.yaml:6:55: error: a unique constraint on exactly the primary key's columns of 'slugs' is redundant: the primary key is already unique, and PostgreSQL folds such a constraint into the primary key, so it would not exist there (and a later migration dropping it would fail); remove it",
            "schema.yaml:13:20: error: a unique constraint on exactly the primary key's columns of 'pairs' is redundant: the primary key is already unique, and PostgreSQL folds such a constraint into the primary key, so it would not exist there (and a later migration dropping it would fail); remove it",
        ]),
        Case(name: "table-level foreign keys: targets, counts, uniqueness, types, actions and names are checked", yaml: header + """
            tables:
              runs:
                columns:
                  id: {type: int, primary_key: true}
                  uuid: {type: string, max_length: 32}
                  attempt: int
              tags:
                columns:
                  key: {type: text, primary_key: true}
                  run_id: {type: text}
                  attempt: int
                  note: {type: text, nullable: true}
                foreign_keys:
                  - {columns: [run_id, attempt], references: {table: runs, columns: [uuid, attempt]}}
                  - {columns: [run_id], references: {table: runz}}
                  - {columns: [attempt, key], references: {table: runs}}
                  - {columns: [note], references: {table: runs, columns: [id]}, on_delete: set_null}
                  - {columns: [attempt], references: {table: runs}, on_delete: set_null, name: Bad}
                  - {columns: [attempt]}
                  - [attempt]
                  - {columns: [nope], references: {table: runs, columns: [idd]}}

            """, expected: [
            "schema.yaml:9:3: warning: Swift name 'Tag' of table 'tags' shadows 'Tag' of the Swift standard library, Foundation or SwiftUI in every file that imports both: set 'swift_name', such as 'swift_name: TagItem'",
            "schema.yaml:16:20: error: foreign key (run_id, attempt) of table 'tags': column 'run_id' has type text but references 'runs.uuid' of type string: give both columns the same type",
            "schema.yaml:16:58: error: foreign key (run_id, attempt) of table 'tags' references (uuid, attempt) of table 'runs', which is not unique: reference its primary key, or add a unique constraint on exactly those columns",
            "schema.yaml:17:49: error: foreign key (run_id) of table 'tags' references missing table 'runz' (did you mean 'runs'?)",
            "schema.yaml:18:9: error: foreign key (attempt, key) of table 'tags' has 2 column(s) but references 1 of table 'runs': list as many referenced columns as referencing ones",
            "schema.yaml:19:20: error: foreign key (note) of table 'tags': column 'note' has type text but references 'runs.id' of type int: give both columns the same type",
            "schema.yaml:20:68: error: 'on_delete: set_null' needs column 'tags.attempt' to be nullable: add 'nullable: true' or choose another action",
            "schema.yaml:20:84: error: invalid constraint name 'Bad': use lowercase letters, digits and underscores, starting with a letter or underscore (such as 'bad')",
            "schema.yaml:21:9: error: a foreign key of table 'tags' has no 'references': add {table: t, columns: [x]}",
            "schema.yaml:22:9: error: a foreign key of table 'tags' must be a mapping, such as {columns: [a, b], references: {table: t, columns: [x, y]}}, not a list",
            "schema.yaml:23:20: error: foreign key (nope) of table 'tags' names missing column 'nope' (did you mean 'note'?)",
            "schema.yaml:23:63: error: foreign key (nope) of table 'tags' references missing column 'idd' of table 'runs' (did you mean 'id'?)",
        ]),
        Case(name: "the condition of a partial index is checked as a check is", yaml: header + "tables:\n  a:\n    columns:\n      id: {type: int, primary_key: true}\n    indexes:\n      - {columns: [id], where: \"id > 0); DROP TABLE a; --\"}\n      - {columns: [id], where: \"\", name: ix_empty}\n", expected: [
            "schema.yaml:8:32: error: 'where' of index 1 of table 'a' is not a single condition: ')' closes a parenthesis that the check did not open: a check is one condition, and a ')' here would end the CHECK constraint",
            "schema.yaml:9:32: error: 'where' of index 2 of table 'a' is empty: write an SQL condition, or remove 'where' to index every row",
        ]),
        Case(name: "a named primary key needs its columns", yaml: header + "tables:\n  a:\n    columns:\n      id: int\n    primary_key: {name: a_pk}\n", expected: [
            "schema.yaml:7:18: error: 'primary_key' of table 'a' written as a mapping needs 'columns', such as {columns: [id], name: experiment_pk}",
        ]),
        Case(name: "YAML syntax", yaml: header + "tables:\n  a:\n    columns:\n      id: {type: uuid, primary_key: true\n", expected: [
            "schema.yaml:7:1: error: YAML syntax: did not find expected ',' or '}'",
        ]),
        Case(name: "unknown key with suggestion", yaml: header + "tables:\n  patterns:\n    columns:\n      id: {type: uuid, primary_key: true}\n      name: {type: string, nulable: true}\n", expected: [
            "schema.yaml:7:28: error: unknown key 'nulable' in column 'patterns.name' (did you mean 'nullable'?)",
        ]),
        Case(name: "unknown key without suggestion lists the allowed keys", yaml: header + "tables:\n  a:\n    columns:\n      id: {type: uuid, primary_key: true}\n    colour: red\n", expected: [
            "schema.yaml:7:5: error: unknown key 'colour' in table 'a'; allowed keys: 'swift_name', 'doc', 'columns', 'primary_key', 'indexes', 'unique', 'checks', 'foreign_keys', 'renamed_from'",
        ]),
        Case(name: "unknown top-level key", yaml: header + "tabels: {}\n", expected: [
            "schema.yaml:1:1: error: the schema has no tables: add a 'tables:' mapping",
            "schema.yaml:3:1: error: unknown key 'tabels' in the schema (did you mean 'tables'?)",
        ]),
        Case(name: "duplicate column (duplicate key)", yaml: header + "tables:\n  a:\n    columns:\n      id: {type: uuid, primary_key: true}\n      id: {type: int}\n", expected: [
            "schema.yaml:7:7: error: duplicate key 'id' (first at line 6): each key may appear once; remove or rename the repeated one",
        ]),
        Case(name: "duplicate table (duplicate key)", yaml: header + "tables:\n  a:\n    columns: {id: {type: uuid, primary_key: true}}\n  a:\n    columns: {id: {type: uuid, primary_key: true}}\n", expected: [
            "schema.yaml:6:3: error: duplicate key 'a' (first at line 4): each key may appear once; remove or rename the repeated one",
        ]),
        Case(name: "unknown type", yaml: header + "enums:\n  tier: [a, b]\ntables:\n  t:\n    columns:\n      id: {type: uuid, primary_key: true}\n      n: {type: strng}\n", expected: [
            "schema.yaml:9:17: error: unknown type 'strng' for column 't.n' (did you mean 'string'?); use uuid, string, text, int, int32, int16, double, float, decimal, bool, timestamp, date, time, bytes, json or an enum (tier)",
        ]),
        Case(name: "invalid identifiers", yaml: header + "enums:\n  Tier: [ok, Not_ok]\ntables:\n  Patterns:\n    columns:\n      id: {type: uuid, primary_key: true}\n      createdAt: {type: int}\n      9lives: {type: int}\n", expected: [
            "schema.yaml:4:3: error: invalid enum name 'Tier': use lowercase letters, digits and underscores, starting with a letter or underscore (such as 'tier')",
            "schema.yaml:6:3: error: invalid table name 'Patterns': use lowercase letters, digits and underscores, starting with a letter or underscore (such as 'patterns')",
            "schema.yaml:9:7: error: invalid column name 'createdAt' in table 'Patterns': use lowercase letters, digits and underscores, starting with a letter or underscore (such as 'created_at')",
            "schema.yaml:10:7: error: invalid column name '9lives' in table 'Patterns': use lowercase letters, digits and underscores, starting with a letter or underscore (such as '_9lives')",
        ]),
        Case(name: "identifier longer than 63 bytes", yaml: header + "tables:\n  t:\n    columns:\n      id: {type: uuid, primary_key: true}\n      \(String(repeating: "a", count: 64)): int\n", expected: [
            "schema.yaml:7:7: error: column name '\(String(repeating: "a", count: 64))' in table 't' is longer than PostgreSQL's limit of 63 bytes: choose a shorter name",
        ]),
        Case(name: "reserved table names", yaml: header + "tables:\n  sqlite_stuff:\n    columns: {id: {type: uuid, primary_key: true}}\n", expected: [
            "schema.yaml:4:3: error: table name 'sqlite_stuff' is reserved ('sqlite_' and 'strata_' belong to SQLite and Strata): choose another name",
        ]),
        Case(name: "table without primary key", yaml: header + "tables:\n  notes:\n    columns:\n      body: text\n", expected: [
            "schema.yaml:4:3: error: table 'notes' has no primary key: add 'primary_key: true' to a column, or 'primary_key: [a, b]' to the table",
        ]),
        Case(name: "table without columns", yaml: header + "tables:\n  notes:\n    doc: nothing here\n", expected: [
            "schema.yaml:4:3: error: table 'notes' has no 'columns': add a 'columns:' mapping",
            "schema.yaml:4:3: error: table 'notes' has no primary key: add 'primary_key: true' to a column, or 'primary_key: [a, b]' to the table",
        ]),
        Case(name: "column without type", yaml: header + "tables:\n  t:\n    columns:\n      id: {type: uuid, primary_key: true}\n      n: {nullable: true}\n", expected: [
            "schema.yaml:7:7: error: column 't.n' has no 'type': add one, such as 'type: string'",
        ]),
        Case(name: "primary key declared twice, missing and nullable", yaml: header + "tables:\n  t:\n    primary_key: [id, nope]\n    columns:\n      id: {type: uuid, primary_key: true, nullable: true}\n", expected: [
            "schema.yaml:5:18: error: table 't' declares its primary key twice ('primary_key:' on the table and on column 'id'): keep one",
            "schema.yaml:5:23: error: primary key of table 't' names missing column 'nope'",
            "schema.yaml:7:53: error: primary key column 't.id' cannot be nullable: remove 'nullable: true'",
        ]),
        Case(name: "references a missing table, a missing column, a non-unique column", yaml: header + """
            tables:
              patterns:
                columns:
                  id: {type: uuid, primary_key: true}
                  name: {type: string}
              occurrences:
                columns:
                  id: {type: uuid, primary_key: true}
                  a: {type: uuid, references: patern.id}
                  b: {type: uuid, references: patterns.nme}
                  c: {type: string, references: patterns.name}
                  d: {type: uuid, references: patterns}

            """, expected: [
            "schema.yaml:11:35: error: column 'occurrences.a' references missing table 'patern' (did you mean 'patterns'?)",
            "schema.yaml:12:35: error: column 'occurrences.b' references missing column 'nme' of table 'patterns' (did you mean 'name'?)",
            "schema.yaml:13:37: error: column 'occurrences.c' references 'patterns.name', which is not unique: reference the primary key, or add 'unique: true' to 'patterns.name'",
            "schema.yaml:14:35: error: 'references' of column 'occurrences.d' must be 'table.column', such as 'patterns.id', not 'patterns'",
        ]),
        Case(name: "foreign key type mismatch", yaml: header + "tables:\n  p:\n    columns: {id: {type: uuid, primary_key: true}}\n  c:\n    columns:\n      id: {type: uuid, primary_key: true}\n      p_id: {type: int, references: p.id}\n", expected: [
            "schema.yaml:9:37: error: foreign key 'c.p_id' has type int but references 'p.id' of type uuid: give both columns the same type",
        ]),
        Case(name: "set_null on a non-nullable column, unknown action, action without reference", yaml: header + "tables:\n  p:\n    columns: {id: {type: uuid, primary_key: true}}\n  c:\n    columns:\n      id: {type: uuid, primary_key: true}\n      p_id: {type: uuid, references: p.id, on_delete: set_null, on_update: explode}\n      q: {type: int, on_delete: cascade}\n", expected: [
            "schema.yaml:9:55: error: 'on_delete: set_null' needs column 'c.p_id' to be nullable: add 'nullable: true' or choose another action",
            "schema.yaml:9:76: error: unknown on_update action 'explode' for column 'c.p_id'; use cascade, set_null, restrict, no_action (or 'now' for timestamps)",
            "schema.yaml:10:33: error: 'cascade' as a referential action needs 'references' on column 'c.q': add 'references: table.column' or remove it",
        ]),
        Case(name: "defaults that do not fit", yaml: header + """
            enums:
              tier: [observe, suggest]
            tables:
              t:
                columns:
                  id: {type: uuid, primary_key: true, default: now}
                  count: {type: int, default: abc}
                  ratio: {type: double, default: "0.5"}
                  flag: {type: bool, default: yes}
                  tier: {type: tier, default: sometimes}
                  code: {type: string, max_length: 2, default: abc}
                  seen: {type: timestamp, default: yesterday}
                  key: {type: uuid, default: not-a-uuid}
                  label: {type: string, default: uuid}
                  blob: {type: bytes, default: abc}
                  n: {type: int, nullable: true, default: null}
                  obj: {type: int, default: {a: 1}}

            """, expected: [
            "schema.yaml:8:52: error: default 'now' does not fit column 't.id' of type uuid: 'now' is the current time, for timestamp, date and time columns",
            "schema.yaml:9:35: error: default 'abc' does not fit column 't.count' of type int: write a whole number without quotes, such as 0",
            "schema.yaml:10:38: error: default '0.5' does not fit column 't.ratio' of type double: write a number without quotes, such as 0.5",
            "schema.yaml:11:35: error: default 'yes' does not fit column 't.flag' of type bool: write true or false without quotes",
            "schema.yaml:12:35: error: default 'sometimes' is not a value of enum 'tier' (values: observe, suggest)",
            "schema.yaml:13:52: error: default 'abc' does not fit column 't.code' of type string: it is longer than max_length 2",
            "schema.yaml:14:40: error: default 'yesterday' does not fit column 't.seen' of type timestamp: write 'now' for the current time, or no default",
            "schema.yaml:15:34: error: default 'not-a-uuid' does not fit column 't.key' of type uuid: write 'uuid' for a random UUID, or a UUID such as '00000000-0000-0000-0000-000000000000'",
            "schema.yaml:16:38: error: default 'uuid' does not fit column 't.label' of type string: 'uuid' makes a random UUID, for uuid columns; to store the text, quote it: default: 'uuid'",
            "schema.yaml:17:36: error: default 'abc' does not fit column 't.blob' of type bytes: bytes columns cannot have a default",
            "schema.yaml:18:47: error: default null for column 't.n': a nullable column is NULL by default; remove 'default' (and add 'nullable: true' if needed)",
            "schema.yaml:19:33: error: default {\"a\":1} does not fit column 't.obj' of type int: a mapping or list default is only for 'json' columns",
        ]),
        Case(name: "enum with duplicate, invalid and no values", yaml: header + "enums:\n  tier: [observe, suggest, observe, Auto]\n  empty: []\ntables:\n  t:\n    columns: {id: {type: uuid, primary_key: true}}\n", expected: [
            "schema.yaml:4:28: error: duplicate value 'observe' in enum 'tier': list each value once",
            "schema.yaml:5:10: error: enum 'empty' has no values: list at least one",
        ]),
        Case(name: "enum values are any text with a Swift case name", yaml: header + "enums:\n  s: [\"\", \"a\\u0007b\", in-progress, IN_PROGRESS, \"+\", {value: \"-\", swift_name: \"not valid\"}, inProgress]\ntables:\n  t:\n    columns: {id: {type: uuid, primary_key: true}}\n", expected: [
            "schema.yaml:4:7: error: invalid value '' in enum 's': a value may not be empty",
            "schema.yaml:4:11: error: invalid value 'a\\u{7}b' in enum 's': a value may not hold control or bidirectional characters",
            "schema.yaml:4:36: error: value 'IN_PROGRESS' of enum 's' has the same Swift name 'inProgress' as value 'in-progress': rename one of them, or give one a swift_name ({value: …, swift_name: …})",
            "schema.yaml:4:49: error: value '+' of enum 's' has no letters or digits to make a Swift case name of: write it as {value: \"+\", swift_name: name}",
            "schema.yaml:4:79: error: 'swift_name' 'not valid' of value '-' in enum 's' is not a Swift identifier: use letters, digits and underscores, not starting with a digit",
            "schema.yaml:4:93: error: value 'inProgress' of enum 's' has the same Swift name 'inProgress' as value 'in-progress': rename one of them, or give one a swift_name ({value: …, swift_name: …})",
        ]),
        Case(name: "enum named like a built-in type", yaml: header + "enums:\n  text: [a]\ntables:\n  t:\n    columns: {id: {type: uuid, primary_key: true}}\n", expected: [
            "schema.yaml:4:3: error: enum 'text' has the name of a built-in type: choose another name",
            "schema.yaml:4:3: warning: Swift name 'Text' of enum 'text' shadows 'Text' of the Swift standard library, Foundation or SwiftUI in every file that imports both: set 'swift_name', such as 'swift_name: TextItem'",
        ]),
        Case(name: "Swift name collisions after case mapping", yaml: header + """
            enums:
              pattern: [a]
            tables:
              patterns:
                columns:
                  id: {type: uuid, primary_key: true}
                  a_b: int
                  a__b: int
              dates:
                columns: {id: {type: uuid, primary_key: true}}

            """, expected: [
            "schema.yaml:6:3: error: Swift name 'Pattern' of table 'patterns' collides with enum 'pattern': set 'swift_name' on one of them",
            "schema.yaml:10:7: error: column 'patterns.a__b' has the same Swift name 'aB' as column 'a_b': set 'swift_name' on one of them",
            "schema.yaml:11:3: error: Swift name 'Date' of table 'dates' would hide a type the generated code uses: set 'swift_name', such as 'swift_name: DateRecord'",
        ]),
        Case(name: "constraint and index names collide", yaml: header + "tables:\n  a:\n    columns:\n      id: {type: uuid, primary_key: true}\n      b: {type: int, index: true}\n    indexes:\n      - {columns: [b]}\n      - {columns: [zz]}\n", expected: [
            "schema.yaml:4:3: error: name 'ix_a_b' of an index of table 'a' is already used by an index of table 'a': give one of them another 'name:' (or remove the duplicate)",
            "schema.yaml:10:20: error: an index of table 'a' names missing column 'zz'",
        ]),
        Case(name: "on_update now on a non-time column, max_length on a non-string", yaml: header + "tables:\n  t:\n    columns:\n      id: {type: uuid, primary_key: true}\n      n: {type: int, on_update: now, max_length: 3}\n", expected: [
            "schema.yaml:7:33: error: 'on_update: now' needs a timestamp or date column, and 't.n' is int",
            "schema.yaml:7:50: error: 'max_length' applies only to 'string' and enum columns, and column 't.n' is 'int': remove it or use 'type: string'",
        ]),
        Case(name: "missing version and module, unsupported version", yaml: "tables:\n  t:\n    columns: {id: {type: uuid, primary_key: true}}\n", expected: [
            "schema.yaml:1:1: error: missing 'version': add 'version: 1' at the top of the file",
            "schema.yaml:1:1: error: missing 'swift.module': name the generated module, such as 'swift: {module: JarvisModels}'",
        ]),
        Case(name: "wrong shapes", yaml: header + "tables:\n  t:\n    columns:\n      id: {type: uuid, primary_key: yes}\n      n: [int]\n    indexes: {columns: [n]}\n", expected: [
            "schema.yaml:6:37: error: 'primary_key' of column 't.id' must be true or false, not 'yes'",
            "schema.yaml:7:10: error: column 't.n' must be a mapping, not a list",
            "schema.yaml:8:14: error: 'indexes' of table 't' must be a list, not a mapping",
        ]),
    ]

    @Test(arguments: cases)
    func reportsExactMessages(_ testCase: Case) {
        #expect(diagnostics(testCase.yaml) == testCase.expected)
    }

    @Test func reportsEveryErrorOfAFileInOneRun() {
        let yaml = header + """
            tables:
              patterns:
                columns:
                  id: {type: uuid, primary_key: true}
                  name: {type: strng, nulable: true}
                  count: {type: int, default: abc}
              occurrences:
                columns:
                  pattern_id: {type: int, references: patterns.id}

            """
        #expect(diagnostics(yaml) == [
            "schema.yaml:7:20: error: unknown type 'strng' for column 'patterns.name' (did you mean 'string'?); use uuid, string, text, int, int32, int16, double, float, decimal, bool, timestamp, date, time, bytes, json",
            "schema.yaml:7:27: error: unknown key 'nulable' in column 'patterns.name' (did you mean 'nullable'?)",
            "schema.yaml:8:35: error: default 'abc' does not fit column 'patterns.count' of type int: write a whole number without quotes, such as 0",
            "schema.yaml:9:3: error: table 'occurrences' has no primary key: add 'primary_key: true' to a column, or 'primary_key: [a, b]' to the table",
            "schema.yaml:11:43: error: foreign key 'occurrences.pattern_id' has type int but references 'patterns.id' of type uuid: give both columns the same type",
        ])
    }

    @Test func warnsWhenAModelCannotBeIdentifiable() {
        let yaml = header + "tables:\n  t:\n    primary_key: [key]\n    columns:\n      key: {type: int}\n      id: {type: int}\n"
        #expect(diagnostics(yaml) == [
            "schema.yaml:4:3: warning: model 'T' is not Identifiable: its column 'id' is not its primary key (set 'swift_name' on that column to make it Identifiable)",
        ])
    }

    @Test func usesTheGivenFileNameInDiagnostics() throws {
        #expect(throws: DiagnosticsError.self) { try GeneratorPipeline.validate(source: "version: 1\n", fileName: "db/schema.yaml") }
        do {
            _ = try GeneratorPipeline.validate(source: "version: 1\n", fileName: "db/schema.yaml")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("db/schema.yaml:") == true)
        }
    }
}
