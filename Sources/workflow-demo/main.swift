// The README's "use it from an app", as a program: open the embedded SQLite default, migrate at
// start-up, create and query patterns. `swift run workflow-demo [--database URL]`.
import Foundation
import StrataSQLite
import Workflow

let arguments = CommandLine.arguments.dropFirst()
var url = "sqlite:jarvis.sqlite"
if let flag = arguments.firstIndex(of: "--database"), arguments.index(after: flag) < arguments.endIndex {
    url = arguments[arguments.index(after: flag)]
} else if !arguments.isEmpty {
    FileHandle.standardError.write(Data("usage: workflow-demo [--database sqlite:PATH]\n".utf8))
    exit(2)
}

do {
    let db = try await openDatabase(url, drivers: [SQLiteDatabase.self])
    let steps = try await db.migrate(GeneratedSchema.migrations)
    print("\(db.url): \(steps.isEmpty ? "already at head" : "applied \(steps.map(\.id).joined(separator: ", "))")")

    let store = PatternRepository(db)
    let patterns = db.repository(Pattern.self)
    let name = "Weekly report"
    let pattern: Pattern
    if let existing = try await patterns.list(where: \.name == name && \.patternType == .workflowSequence, limit: 1).first {
        pattern = existing
    } else {
        pattern = try await store.createPattern(
            name: name, patternType: .workflowSequence,
            triggerConditions: ["weekday": "friday", "app": "Numbers"], actions: [["open": "report.numbers"], ["export": "pdf"]]
        )
        print("created pattern \(pattern.id)")
    }
    try await store.recordOccurrence(patternID: pattern.id, context: ["window": "Numbers"], confidence: 0.9)
    let execution = try await store.recordExecution(patternID: pattern.id, userApproved: true)
    try await store.updateExecution(id: execution.id, ExecutionChanges(status: .completed, completedAt: Date()))
    try await store.recordFeedback(executionID: execution.id, wasCorrect: true)

    for listed in try await store.listPatterns(limit: 10) {
        let stats = try await store.patternStats(id: listed.id)
        let success = stats.successRate.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"
        let accuracy = stats.accuracy.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"
        print("\(listed.name) [\(listed.trustTier.rawValue)]: seen \(stats.frequency) times, success \(success), accuracy \(accuracy)")
    }
    try await db.close()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
