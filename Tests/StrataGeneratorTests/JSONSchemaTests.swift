import Foundation
@testable import StrataGenerator
import Testing
import Yams

/// The JSON Schema of `schema.yaml` accepts every valid fixture and rejects every key the parser
/// rejects, so editors and the parser agree.
@Suite struct JSONSchemaTests {
    /// The parsed JSON Schema (parsed per use: `Any` is not `Sendable`).
    static var schema: Any { (try? JSONSerialization.jsonObject(with: Data(SchemaJSONSchema.document().utf8))) ?? [:] as [String: Any] }

    /// Validation errors of a YAML document against the JSON Schema (empty when valid).
    func problems(_ yaml: String) throws -> [String] {
        let document = try Yams.load(yaml: yaml) ?? [:] as [String: Any]
        return MiniJSONSchemaValidator(root: Self.schema).validate(document)
    }

    @Test func everyParserKeyIsDescribed() {
        #expect(SchemaJSONSchema.undescribedKeys == [])
    }

    @Test func itIsValidJSONAndDeterministic() {
        #expect(SchemaJSONSchema.document() == SchemaJSONSchema.document())
        #expect(Self.schema is [String: Any])
    }

    @Test(arguments: [
        "schema.yaml", "Tests/Fixtures/KitchenSink/schema.yaml", "Tests/Fixtures/LoaderCorpus/workflow-schema.yaml",
        "Tests/Fixtures/LoaderCorpus/kitchen-sink.yaml", "Tests/Fixtures/LoaderCorpus/aliases-and-flow.yaml",
    ])
    func everyValidFixtureConforms(_ path: String) throws {
        let yaml = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
        #expect(try problems(yaml) == [])
    }

    @Test func theStarterSchemaIsValidAndConforms() throws {
        let starter = StarterSchema.text(module: "Models", jsonSchemaPath: "Generated/strata-schema.json")
        #expect(starter.hasPrefix("# yaml-language-server: $schema=Generated/strata-schema.json\n"))
        #expect(try problems(starter) == [])
        _ = try GeneratorPipeline.validate(source: starter)
    }

    /// The validation cases that report an unknown key are rejected by the JSON Schema too.
    @Test func everyUnknownKeyFixtureIsRejected() throws {
        let unknownKeyCases = ValidationErrorTests.cases.filter { $0.expected.contains { $0.contains("unknown key") } }
        #expect(unknownKeyCases.count >= 3)
        for testCase in unknownKeyCases {
            #expect(try !problems(testCase.yaml).isEmpty, "\(testCase.name) passes the JSON Schema")
        }
        #expect(try problems(header + "tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true, nulable: true}\n") == [
            "/tables/t/columns/id: no alternative of anyOf matches",
        ])
    }
}

/// A validator for the part of JSON Schema (draft-07) that `SchemaJSONSchema` uses: type,
/// properties, additionalProperties, required, enum, pattern, anyOf, items, minItems, minimum,
/// propertyNames and local `$ref`s.
struct MiniJSONSchemaValidator {
    let root: Any

    func validate(_ value: Any) -> [String] {
        var problems: [String] = []
        check(value, against: root, at: "", into: &problems)
        return problems
    }

    func check(_ value: Any, against schema: Any, at path: String, into problems: inout [String]) {
        guard var rules = schema as? [String: Any] else { return }
        if let reference = rules["$ref"] as? String {
            let name = String(reference.dropFirst("#/definitions/".count))
            rules = ((root as? [String: Any])?["definitions"] as? [String: Any])?[name] as? [String: Any] ?? [:]
        }
        let place = path.isEmpty ? "/" : path
        if let type = rules["type"] as? String, !matches(value, type: type) {
            problems.append("\(place): not of type \(type)")
            return
        }
        if let options = rules["enum"] as? [Any], !options.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(place): not one of \(options)")
        }
        if let pattern = rules["pattern"] as? String, let text = value as? String, text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(place): '\(text)' does not match \(pattern)")
        }
        if let minimum = rules["minimum"] as? Int, let number = value as? Int, number < minimum {
            problems.append("\(place): below \(minimum)")
        }
        if let alternatives = rules["anyOf"] as? [Any] {
            let passes = alternatives.contains { alternative in
                var scratch: [String] = []
                check(value, against: alternative, at: path, into: &scratch)
                return scratch.isEmpty
            }
            if !passes { problems.append("\(place): no alternative of anyOf matches") }
        }
        if let items = value as? [Any] {
            if let minimum = rules["minItems"] as? Int, items.count < minimum { problems.append("\(place): fewer than \(minimum) items") }
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)/\(index)", into: &problems) }
            }
        }
        if let object = value as? [String: Any] {
            let properties = rules["properties"] as? [String: Any] ?? [:]
            for key in rules["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(place): missing '\(key)'")
            }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                if let names = rules["propertyNames"] { check(key, against: names, at: "\(path)/\(key)", into: &problems) }
                if let propertySchema = properties[key] {
                    check(member, against: propertySchema, at: "\(path)/\(key)", into: &problems)
                } else if let additional = rules["additionalProperties"] {
                    if additional as? Bool == false {
                        problems.append("\(place): unknown key '\(key)'")
                    } else if !(additional is Bool) {
                        check(member, against: additional, at: "\(path)/\(key)", into: &problems)
                    }
                }
            }
        }
    }

    func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "integer": value is Int
        case "boolean": value is Bool
        default: true
        }
    }
}
