import Foundation
import StrataSchema

extension SwiftTranslator {
    /// `Migrations.swift`: the migration history embedded as JSON documents, one per migration.
    func migrationsFile(_ history: MigrationHistory) -> SwiftFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let documents = history.migrations.map { migration in
            SwiftExpression.rawStringLiteral(String(decoding: (try? encoder.encode(migration)) ?? Data(), as: UTF8.self))
        }
        return SwiftFile(imports: ["StrataRuntime"], declarations: [
            .extensionBlock(SwiftExtension(docs: [], typeName: "GeneratedSchema", conformances: [], members: [
                .property(SwiftProperty(
                    docs: [
                        "The migrations of `Generated/Migrations`, oldest first, so an app can migrate at start-up:",
                        "`try await MigrationRunner(history: GeneratedSchema.migrations).upgrade(on: connection)`.",
                    ],
                    name: "migrations", type: "MigrationHistory",
                    kind: .staticConstant(.call(callee: .member(base: nil, name: "embedded"), arguments: [
                        .init(label: nil, value: .array(documents, multiline: true)),
                    ], multiline: false))
                )),
            ])),
        ])
    }
}
