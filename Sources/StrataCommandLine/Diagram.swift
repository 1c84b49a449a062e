import ArgumentParser
import Foundation
import StrataGenerator

/// `strata erd`: the entity-relationship diagram of `schema.yaml`.
public struct Diagram: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "erd",
        abstract: "Draw the schema's tables, columns and foreign keys.",
        discussion: """
            Mermaid (the default) renders in GitHub Markdown and many editors; DOT is Graphviz's
            language; svg runs Graphviz's dot (apt-get install graphviz). 'strata generate' also
            writes Generated/ERD.md. Exit codes: 0 success, 2 invalid input or no dot for svg.

            Examples:
              strata erd                              # Mermaid on standard output
              strata erd --format dot --output schema.dot
              strata erd --format svg --output schema.svg
            """
    )

    /// The formats of `--format`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot, svg
    }

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "mermaid, dot or svg.")
    var format: Format = .mermaid

    @Option(name: .long, help: "The file to write (default: standard output).")
    var output: String?

    public func run() throws {
        let schema = try project.loadSchema().schema
        var data: Data
        switch format {
        case .mermaid: data = Data(EntityRelationshipDiagram.render(schema, format: .mermaid).utf8)
        case .dot: data = Data(EntityRelationshipDiagram.render(schema, format: .dot).utf8)
        case .svg: data = try svg(EntityRelationshipDiagram.render(schema, format: .dot))
        }
        if let output {
            do {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("\(output): error: cannot write: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            printOutput("Wrote \(output)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// The DOT text laid out by Graphviz's `dot` as SVG.
    func svg(_ dot: String) throws -> Data {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let executable = paths.map({ "\($0)/dot" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            printError("error: --format svg needs Graphviz's dot, which is not installed (apt-get install graphviz, brew install graphviz); --format mermaid or dot need nothing")
            throw ExitCode(2)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(dot.utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("error: dot failed with status \(process.terminationStatus)")
            throw ExitCode(2)
        }
        return svg
    }
}
