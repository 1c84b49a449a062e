import Foundation
import StrataSchema

/// Prints to standard error. The text's own line breaks are kept; any other control or
/// bidirectional character (an ESC from a file name or a database message) is escaped.
public func printError(_ text: String) {
    let safe = text.split(separator: "\n", omittingEmptySubsequences: false).map { ControlCharacters.escaped(String($0)) }
    FileHandle.standardError.write(Data((safe.joined(separator: "\n") + "\n").utf8))
}
