@testable import StrataGenerator
import StrataSchema
import Testing

@Suite struct SwiftNamingTests {
    @Test(arguments: [
        ("patterns", "Pattern"), ("pattern_occurrences", "PatternOccurrence"), ("captures", "Capture"),
        ("workflow_executions", "WorkflowExecution"), ("categories", "Category"), ("statuses", "Status"),
        ("boxes", "Box"), ("addresses", "Address"), ("people", "Person"), ("api_keys", "APIKey"),
        ("news", "News"), ("status", "Status"), ("analysis", "Analysis"), ("data", "Data"),
    ])
    func tableTypeNames(_ table: String, _ expected: String) {
        #expect(SwiftNaming.typeName(forTable: table) == expected)
    }

    @Test(arguments: [
        ("id", "id"), ("pattern_id", "patternID"), ("trigger_capture_id", "triggerCaptureID"),
        ("created_at", "createdAt"), ("url", "url"), ("image_url", "imageURL"), ("user_ids", "userIDs"),
        ("_private", "private"), ("_9lives", "_9lives"), ("ocr_text", "ocrText"),
    ])
    func memberNames(_ column: String, _ expected: String) {
        #expect(SwiftNaming.memberName(column) == expected)
    }

    @Test func keywordsAreEscaped() {
        #expect(SwiftNaming.escaped("class") == "`class`")
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("name") == "name")
    }

    @Test func suggestionsFindCloseWordsOnly() {
        #expect(didYouMean("nulable", among: ["nullable", "name"]) == " (did you mean 'nullable'?)")
        #expect(didYouMean("zzzzzz", among: ["nullable", "name"]) == "")
        #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
    }
}
