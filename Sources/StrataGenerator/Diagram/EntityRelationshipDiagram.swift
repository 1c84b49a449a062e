import Foundation
import StrataSchema

/// The schema as an entity-relationship diagram: every table with its columns (type, key marks)
/// and every foreign key as a relationship, in Mermaid (which GitHub renders in Markdown) or in
/// Graphviz DOT. Tables and relationships are in schema order, so the text is deterministic.
public enum EntityRelationshipDiagram {
    /// The formats `strata erd` writes.
    public enum Format: String, CaseIterable, Sendable {
        case mermaid, dot
    }

    /// The diagram of `schema` in `format`.
    public static func render(_ schema: Schema, format: Format) -> String {
        switch format {
        case .mermaid: mermaid(schema)
        case .dot: dot(schema)
        }
    }

    /// `Generated/ERD.md`: the Mermaid diagram in a Markdown file.
    public static func markdown(_ schema: Schema, header: String) -> String {
        header + "\n\n```mermaid\n" + mermaid(schema) + "```\n"
    }

    static func keyMarks(_ column: Column, in table: Table) -> [String] {
        var marks: [String] = []
        if table.primaryKey.columns.contains(column.name) { marks.append("PK") }
        if table.foreignKeys.contains(where: { $0.columns.contains(column.name) }) { marks.append("FK") }
        if table.uniqueConstraints.contains(where: { $0.columns == [column.name] }) { marks.append("UK") }
        return marks
    }

    /// The column's type as the schema writes it, `?` when nullable.
    static func typeLabel(_ column: Column) -> String {
        column.type.displayName + (column.isNullable ? "?" : "")
    }

    /// The type's display name in the characters Mermaid allows (`decimal(10_2)`, `json`).
    static func mermaidType(_ type: ColumnType) -> String {
        switch type {
        case .textualJSON: "json"
        case .decimal(let precision, let scale): "decimal(\(precision)_\(scale))"
        default: type.displayName
        }
    }

    static func mermaid(_ schema: Schema) -> String {
        var lines = ["erDiagram"]
        for table in schema.tables {
            lines.append("    \(table.name) {")
            for column in table.columns {
                // Mermaid types allow letters, digits, -, _, () and []: a nullable type reads `int-null`.
                let type = mermaidType(column.type) + (column.isNullable ? "-null" : "")
                let marks = keyMarks(column, in: table)
                lines.append("        \(type) \(column.name)" + (marks.isEmpty ? "" : " " + marks.joined(separator: ", ")))
            }
            lines.append("    }")
        }
        for table in schema.tables {
            for key in table.foreignKeys {
                // Parent side: exactly one, or zero or one when a key column may be NULL. Child side:
                // zero or more, or zero or one when the key columns are unique.
                let optional = key.columns.contains { table.column(named: $0)?.isNullable ?? false }
                let unique = table.uniqueConstraints.contains { Set($0.columns) == Set(key.columns) } || Set(table.primaryKey.columns) == Set(key.columns)
                let parent = optional ? "|o" : "||"
                let child = unique ? "o|" : "o{"
                lines.append("    \(key.referencedTable) \(parent)--\(child) \(table.name) : \"\(key.columns.joined(separator: ", "))\"")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func dot(_ schema: Schema) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var lines = [
            "digraph schema {",
            "    graph [rankdir=LR];",
            "    node [shape=plain, fontname=\"Helvetica\"];",
            "    edge [arrowhead=crow, arrowtail=tee, dir=both];",
        ]
        for table in schema.tables {
            var rows = ["<tr><td colspan=\"3\" bgcolor=\"lightgrey\"><b>\(escaped(table.name))</b></td></tr>"]
            for column in table.columns {
                let marks = keyMarks(column, in: table).joined(separator: ", ")
                rows.append("<tr><td port=\"\(escaped(column.name))\" align=\"left\">\(escaped(column.name))</td><td align=\"left\">\(escaped(typeLabel(column)))</td><td>\(marks)</td></tr>")
            }
            lines.append("    \"\(table.name)\" [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\">\(rows.joined())</table>>];")
        }
        for table in schema.tables {
            for key in table.foreignKeys {
                // From the referenced row (one) to the referencing rows (many).
                lines.append("    \"\(key.referencedTable)\":\"\(key.referencedColumns[0])\" -> \"\(table.name)\":\"\(key.columns[0])\" [label=\"\(key.name)\"];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
