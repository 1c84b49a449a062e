import StrataSchema

/// Literal rows of the workflow schema for one dialect, built with the dialect's own literals.
struct WorkflowRows {
    let dialect: any DatabaseDialect

    func bool(_ value: Bool) -> String { dialect.literal(.bool(value), as: .bool) }
    func text(_ value: String) -> String { dialect.stringLiteral(value) }

    static let captureID = "11111111-1111-4111-8111-111111111111"
    static let patternID = "22222222-2222-4222-8222-222222222222"
    static let occurrenceID = "33333333-3333-4333-8333-333333333333"

    func insertCapture(id: String = captureID, status: String = "pending", width: String = "1920", filepath: String? = "/captures/1.png") -> String {
        let path = filepath.map(text) ?? "NULL"
        return """
            INSERT INTO "captures" ("id", "filepath", "timestamp", "processing_status", "width", "height", "file_size")
            VALUES (\(text(id)), \(path), '2026-11-27 10:00:00.000', \(text(status)), \(width), 1080, 2048);
            """
    }

    func insertPattern(id: String = patternID, name: String = "Morning report", isActive: String? = nil, triggers: String = "'{\"app\":\"Mail\"}'", correct: Int = 0, total: Int = 0) -> String {
        """
        INSERT INTO "patterns" ("id", "name", "pattern_type", "trigger_conditions", "actions", "is_active", "correct_executions", "total_executions")
        VALUES (\(text(id)), \(text(name)), 'time_based', \(triggers), '[]', \(isActive ?? bool(true)), \(correct), \(total));
        """
    }

    func insertOccurrence(id: String = occurrenceID, patternID: String = patternID, captureID: String? = captureID, confidence: String = "0.9") -> String {
        let capture = captureID.map(text) ?? "NULL"
        return """
            INSERT INTO "pattern_occurrences" ("id", "pattern_id", "capture_id", "confidence_score")
            VALUES (\(text(id)), \(text(patternID)), \(capture), \(confidence));
            """
    }
}
