import Yams

/// Composes `source` into a YAML node tree, reporting any syntax error at its line and column.
/// Shared by `schema.yaml` and migration files.
/// - Parameters:
///   - source: The document.
///   - what: What the document is, for the message about an empty one ("the file").
/// - Returns: The root node; `nil` when the document is empty or not YAML (reported).
func composeYAML(_ source: String, emptyMessage: String, diagnostics: inout DiagnosticCollector) -> Node? {
    let size = source.utf8.count
    guard size <= SourceText.maximumBytes else {
        diagnostics.error("the file has \(size) bytes, more than the limit of \(SourceText.maximumBytes) (16 MiB): split it or remove what does not belong in it", at: nil)
        return nil
    }
    do {
        // The basic resolver tags every scalar as a string: Strata reads scalars itself, and this
        // skips the per-scalar regular expressions of the default resolver (most of parse time).
        guard let node = try Yams.compose(yaml: source, .basic) else {
            diagnostics.error(emptyMessage, at: nil)
            return nil
        }
        return node
    } catch let error as YamlError {
        reportYAMLError(error, diagnostics: &diagnostics)
        return nil
    } catch {
        diagnostics.error("cannot read the file as YAML: \(error)", at: nil)
        return nil
    }
}

/// One diagnostic for a Yams error, always with a location and never with the offending
/// character raw (the diagnostic escapes it).
func reportYAMLError(_ error: YamlError, diagnostics: inout DiagnosticCollector) {
    func location(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
        diagnostics.error("YAML syntax: \(problem)", at: location(mark))
    case .reader(let problem, let offset, let value, let yaml):
        // libyaml's reader rejects control characters and other characters YAML does not allow.
        let place = offset.map { characterLocation($0, in: yaml) }
        let character = value >= 0 ? " (U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4)))" : ""
        diagnostics.error("YAML does not allow this character\(character) here: \(problem); remove it, or write it as an escape such as \\t inside a double-quoted string", at: place)
    case .duplicatedKeysInMapping(let duplicates, let context):
        let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
        let first = location(context.mark)
        let repeated = duplicates.first.flatMap { repeatedKeyLocation(of: $0, after: first, in: context.text) }
        diagnostics.error("duplicate key \(keys) (first at line \(first.line)): each key may appear once; remove or rename the repeated one", at: repeated ?? first)
    default:
        diagnostics.error("cannot read the file as YAML: \(error)", at: nil)
    }
}

/// The line and column of the character at `offset` (counted in characters, as Yams does).
func characterLocation(_ offset: Int, in text: String) -> SourceLocation {
    var line = 1, column = 1, position = 0
    for character in text {
        if position == offset { break }
        if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
        position += 1
    }
    return SourceLocation(line: line, column: column)
}

extension String {
    /// The text with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
