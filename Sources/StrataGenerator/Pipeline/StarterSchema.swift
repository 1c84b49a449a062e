/// The commented `schema.yaml` that `strata init` writes: one table, every common column kind,
/// and the line that points YAML-LSP editors at the JSON Schema.
public enum StarterSchema {
    /// - Parameters:
    ///   - module: The Swift module of the generated models.
    ///   - jsonSchemaPath: The JSON Schema's path relative to the schema file.
    public static func text(module: String, jsonSchemaPath: String) -> String {
        let jsonSchema = jsonSchemaPath
        return """
            # yaml-language-server: $schema=\(jsonSchema)
            # The single source of truth of your database. After an edit:
            #   swift package --allow-writing-to-package-directory strata revision --autogenerate -m "what changed"
            #   swift package --allow-writing-to-package-directory strata generate
            # The schema language: docs/schema.md in the Strata package.
            version: 1
            swift:
              module: \(module)              # the target whose path is Generated/Swift
            database:
              url: "sqlite:app.sqlite"       # the default database of 'swift run strata upgrade head'
            tables:
              notes:                         # a table; its Swift model is 'Note'
                doc: A note the user wrote.
                columns:
                  id: {type: uuid, primary_key: true, default: uuid}
                  title: {type: string, max_length: 200}
                  body: {type: text, nullable: true}
                  created_at: {type: timestamp, default: now}

            """
    }
}
