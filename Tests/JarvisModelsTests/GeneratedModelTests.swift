import Foundation
import JarvisModels
import KitchenSinkModels
import StrataGenerator
import StrataRuntime
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func schema(_ path: String) throws -> ValidatedSchema {
    try GeneratorPipeline.validate(source: String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8))
}

/// Encodes with sorted keys, so the JSON text names the exact column names in a stable order.
func encodedJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .millisecondsSince1970
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

func roundTrip<T: Codable>(_ value: T) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .millisecondsSince1970
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .millisecondsSince1970
    return try decoder.decode(T.self, from: encoder.encode(value))
}

@Suite struct GeneratedModelTests {
    let when = Date(timeIntervalSince1970: 1_764_230_400.123)

    @Test func patternRoundTripsThroughItsColumnNames() throws {
        let pattern = Pattern(
            id: UUID(uuidString: "22222222-2222-4222-8222-222222222222")!,
            name: "Morning report", patternType: .timeBased,
            triggerConditions: ["app": "Mail", "hour": 9, "weekdays": [1, 2, 3]],
            actions: [["open": "Mail"], ["send": true]],
            lastSeen: when, trustTier: .suggest, createdAt: when, updatedAt: when
        )
        #expect(try roundTrip(pattern) == pattern)
        #expect(try encodedJSON(pattern) == #"{"actions":[{"open":"Mail"},{"send":true}],"correct_executions":0,"created_at":1764230400123,"description":null,"frequency_count":1,"id":"22222222-2222-4222-8222-222222222222","is_active":true,"last_seen":1764230400123,"name":"Morning report","pattern_type":"time_based","suspension_reason":null,"total_executions":0,"trigger_conditions":{"app":"Mail","hour":9,"weekdays":[1,2,3]},"trust_tier":"suggest","updated_at":1764230400123}"#.replacingOccurrences(of: #""description":null,"#, with: "").replacingOccurrences(of: #""suspension_reason":null,"#, with: ""))
    }

    @Test func initializerDefaultsMirrorTheSchemaDefaults() {
        let pattern = Pattern(name: "p", patternType: .repetitiveAction, triggerConditions: [:], actions: [])
        #expect(pattern.frequencyCount == 1)
        #expect(pattern.trustTier == .observe)
        #expect(pattern.isActive)
        #expect(pattern.totalExecutions == 0 && pattern.correctExecutions == 0)
        #expect(pattern.lastSeen == nil && pattern.description == nil)
        let execution = WorkflowExecution(patternID: pattern.id)
        #expect(execution.status == .pending)
        #expect(execution.userApproved == false)
        #expect(execution.wasCorrect == nil)
        #expect(PatternOccurrence(patternID: pattern.id).confidenceScore == 0.5)
        #expect(Capture(filepath: "/c.png", timestamp: Date(), width: 1, height: 1, fileSize: 1).monitorIndex == 0)
    }

    @Test func kitchenSinkRoundTripsEveryType() throws {
        let value = EveryType(
            shortText: "ü-😀", anyText: "line\nbreak \"quoted\"", longText: nil, count: Int64.min, amount: -0.000_001,
            flag: true, happenedAt: when, day: when, payload: Data((0...255).map { UInt8($0) }),
            document: ["nested": ["deeper": [nil, 1.5, "x", false]]], level: .highValue,
            price: Decimal(string: "-12.5")!, opensAt: TimeOfDay(hour: 8, minute: 5)!, closesAt: nil,
            code: "ABc", expiresAt: nil  // SQL defaults: the app gives the value
        )
        #expect(try roundTrip(value) == value)
        let key = APIKey(keyID: "k1", class: "c", seenOn: when, blob: Data([0, 1, 2]))
        #expect(key.default == .highValue)
        #expect(key.settings == ["a": nil, "b": [1, 2.5, true]])
        #expect(try roundTrip(key) == key)
        let membership = Membership(apiKeyID: "k1", groupName: "admins")
        #expect(membership.id == Membership.ID(apiKeyID: "k1", groupName: "admins"))
        #expect(key.id == "k1")
    }

    @Test func enumRawValuesAreTheSchemaValues() throws {
        let validated = try schema("schema.yaml")
        for enumType in validated.schema.enums {
            let raw: [String] = switch enumType.name {
            case "processing_status": ProcessingStatus.allCases.map(\.rawValue)
            case "pattern_type": PatternType.allCases.map(\.rawValue)
            case "trust_tier": TrustTier.allCases.map(\.rawValue)
            case "execution_status": ExecutionStatus.allCases.map(\.rawValue)
            default: []
            }
            #expect(raw == enumType.values, "\(enumType.name)")
        }
    }

    @Test func tableMetadataMatchesTheIR() throws {
        let validated = try schema("schema.yaml")
        let metadata: [String: (TableMetadata, [String])] = [
            "captures": (Capture.table, Capture.CodingKeys.allCases.map(\.rawValue)),
            "patterns": (Pattern.table, Pattern.CodingKeys.allCases.map(\.rawValue)),
            "pattern_occurrences": (PatternOccurrence.table, PatternOccurrence.CodingKeys.allCases.map(\.rawValue)),
            "workflow_executions": (WorkflowExecution.table, WorkflowExecution.CodingKeys.allCases.map(\.rawValue)),
        ]
        #expect(metadata.keys.sorted() == validated.schema.tables.map(\.name).sorted())
        for table in validated.schema.tables {
            let (runtime, codingKeys) = try #require(metadata[table.name])
            #expect(runtime.name == table.name)
            #expect(runtime.columns.map(\.name) == table.columns.map(\.name))
            #expect(codingKeys == table.columns.map(\.name), "CodingKeys hold the exact column names")
            #expect(runtime.columns.map(\.type) == table.columns.map(\.type))
            #expect(runtime.columns.map(\.isNullable) == table.columns.map(\.isNullable))
            #expect(runtime.columns.map(\.hasDefault) == table.columns.map { $0.defaultValue != nil })
            #expect(runtime.columns.map(\.isUpdatedOnWrite) == table.columns.map(\.isUpdatedOnWrite))
            #expect(runtime.primaryKey == table.primaryKey.columns)
        }
        #expect(JarvisModels.GeneratedSchema.tables.map(\.name) == ["captures", "patterns", "pattern_occurrences", "workflow_executions"])
        #expect(Pattern.Columns.trustTier.name == "trust_tier")
        #expect(Pattern.table.columns[Pattern.Columns.trustTier.position].name == "trust_tier")
    }
}
