import StrataSchema

/// A message about `schema.yaml`, with where it applies and what to do.
///
/// Rendered in the compiler format editors and SwiftPM understand:
/// `schema.yaml:14:7: error: unknown key 'nulable' in column 'patterns.name' (did you mean 'nullable'?)`.
public struct Diagnostic: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Codable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    /// Where it applies; `nil` for the file as a whole.
    public var location: SourceLocation?
    /// The file name as the user gave it (`schema.yaml`).
    public var fileName: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, in fileName: String) {
        self.severity = severity
        self.message = message
        self.location = location
        self.fileName = fileName
    }

    /// One line, with any control, line-ending or bidirectional character of the file name or
    /// the message (which quote the user's text) escaped, so nothing raw reaches a terminal.
    public var description: String {
        let position = location.map { ":\($0.line):\($0.column)" } ?? ""
        return "\(ControlCharacters.escaped(fileName))\(position): \(severity.rawValue): \(ControlCharacters.escaped(message))"
    }
}

/// The errors that stopped generation, every one found in the file, in file order.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a stage walks the file; errors stop the run at the stage's end.
struct DiagnosticCollector {
    let fileName: String
    private(set) var diagnostics: [Diagnostic] = []

    init(fileName: String) {
        self.fileName = fileName
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, message, at: location, in: fileName))
    }

    mutating func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location, in: fileName))
    }

    /// The diagnostics sorted by position (stable for equal positions), file-level ones first.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location ?? SourceLocation(line: 0, column: 0)
            let right = rhs.element.location ?? SourceLocation(line: 0, column: 0)
            return left == right ? lhs.offset < rhs.offset : left < right
        }.map(\.element)
    }
}
