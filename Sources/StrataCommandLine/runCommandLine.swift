import ArgumentParser
import Foundation

/// Parses the command line for `Root` and runs the command; usage errors exit 2 (invalid input),
/// like the rest of Strata and argparse, instead of ArgumentParser's 64.
public func runCommandLine<Root: ParsableCommand>(_ root: Root.Type) async {
    do {
        var command = try root.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        if root.exitCode(for: error) == .validationFailure {
            printError(root.fullMessage(for: error))
            Foundation.exit(2)
        }
        root.exit(withError: error)
    }
}
