import Foundation
import StrataSchema

extension MigrationHistory {
    /// The history embedded by the generator (`GeneratedSchema.migrations`): one JSON document per
    /// migration. The generator wrote them and a test reads them back, so a failure here means the
    /// generated file was edited: it stops with a message saying how to fix it.
    public static func embedded(_ documents: [String]) -> MigrationHistory {
        do {
            let decoder = JSONDecoder()
            return try MigrationHistory(documents.map { try decoder.decode(Migration.self, from: Data($0.utf8)) })
        } catch {
            fatalError("strata: the embedded migrations cannot be read (\(error)); run 'strata generate' to rewrite Generated/Swift/Migrations.swift")
        }
    }
}
