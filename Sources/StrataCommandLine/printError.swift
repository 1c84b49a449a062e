import Foundation
import StrataSchema

/// Prints to standard error. The text's own line breaks are kept; any other control or
/// bidirectional character (an ESC from a file name or a database message) is escaped.
public func printError(_ text: String) {
    FileHandle.standardError.write(Data((terminalText(text) + "\n").utf8))
}

/// Prints to standard output, escaped as `printError` does: command output quotes paths, URLs and
/// targets from the command line and names from files.
public func printOutput(_ text: String) {
    print(terminalText(text))
}

/// `text` with its own line breaks kept and every other unsafe character escaped.
func terminalText(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { ControlCharacters.escaped(String($0)) }.joined(separator: "\n")
}
