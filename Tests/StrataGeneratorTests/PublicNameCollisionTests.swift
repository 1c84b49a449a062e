import Foundation
import Testing

/// The public type names of the libraries apps link (`StrataRuntime`, `StrataSQLite`,
/// `StrataPostgres`, `Workflow`) are none of GRDB's or PostgresNIO's, which apps import beside
/// them: an app can write `Database`, `Row` or `ResultRowCursor` without a module prefix. Both
/// sides are read from the sources, so a new public type of either is checked when it appears
/// (GRDB's and PostgresNIO's from the package checkouts `swift test` resolves).
@Suite struct PublicNameCollisionTests {
    static let root = DocumentationCoverageTests.root

    /// `public`/`open` classes, structs, enums, protocols, actors and type aliases declared at the
    /// top level (column 0) of the Swift files under `directory`.
    static func publicTypeNames(under directory: URL) -> Set<String> {
        let pattern = try! NSRegularExpression(
            pattern: #"^(?:@\w+(?:\([^)]*\))?\s+)*(?:public|open)\s+(?:final\s+)?(?:indirect\s+)?(?:class|struct|enum|protocol|actor|typealias)\s+([A-Za-z_][A-Za-z0-9_]*)"#,
            options: [.anchorsMatchLines]
        )
        var names: Set<String> = []
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                if let name = Range(match.range(at: 1), in: text) { names.insert(String(text[name])) }
            }
        }
        return names
    }

    /// The sources of a resolved dependency: `.build/checkouts/<package>/<path>`.
    static func checkout(_ package: String, _ path: String) -> URL {
        root.appendingPathComponent(".build/checkouts/\(package)/\(path)")
    }

    @Test func publicTypeNamesAreNoneOfGRDBsOrPostgresNIOs() throws {
        var strata: Set<String> = []
        for module in DocumentationCoverageTests.modules {
            strata.formUnion(Self.publicTypeNames(under: Self.root.appendingPathComponent("Sources/\(module)")))
        }
        // The scan itself works: names every one of these libraries declares are found.
        #expect(strata.isSuperset(of: ["Repository", "ResultRowCursor", "SQLiteDatabase", "PostgreSQLDatabase", "PatternRepository"]))
        for (package, path, known) in [("GRDB.swift", "GRDB", "DatabaseQueue"), ("postgres-nio", "Sources/PostgresNIO", "PostgresConnection")] {
            let directory = Self.checkout(package, path)
            let theirs = Self.publicTypeNames(under: directory)
            // Never a silent pass: without the checkout (another scratch path) the test says so.
            try #require(theirs.contains(known), "no public types found under \(directory.path): resolve the packages into .build (swift package resolve)")
            #expect(strata.intersection(theirs).isEmpty, "public names of Strata that \(package) declares too: \(strata.intersection(theirs).sorted())")
        }
    }
}
