import Foundation
import StrataSchema

extension MigrationHistory {
    /// The history embedded by the generator (`GeneratedSchema.migrations`): one JSON document per
    /// migration, in the embedded format (`EmbeddedMigrationFormat`; documents written before it
    /// was versioned are read too). A document that cannot be read (the generated file was edited,
    /// or a newer Strata wrote it) does not stop the app here: the history is empty and
    /// `unreadable` says why, and every migration verb throws that before touching a database.
    public static func embedded(_ documents: [String]) -> MigrationHistory {
        do {
            let decoder = JSONDecoder()
            return try MigrationHistory(documents.map { try decoder.decode(Migration.self, from: Data($0.utf8)) })
        } catch {
            var history = MigrationHistory.empty
            history.unreadable = "the embedded migrations cannot be read (\(error)); run 'strata generate' to rewrite Generated/Swift/Migrations.swift"
            return history
        }
    }

}
