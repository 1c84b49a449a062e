import Foundation
import Testing
import Workflow

/// The workflow store's operations and rules, on both databases.
@Suite struct PatternRepositoryTests {
    @Test(arguments: Dialect.allCases)
    func acceptanceCreateFindListUpdateOccurStats(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let store = PatternRepository(db)
        let created = try await store.createPattern(
            name: "Weekly report", patternType: .workflowSequence,
            triggerConditions: ["weekday": "friday", "app": "Numbers"], actions: [["open": "report.numbers"], ["export": "pdf"]],
            description: "Exports the weekly report"
        )
        #expect(created.trustTier == .observe && created.isActive && created.frequencyCount == 1)
        #expect(abs(try #require(created.lastSeen).timeIntervalSinceNow) < 60)
        #expect(try await store.pattern(id: created.id) == created)
        #expect(try await store.listPatterns().map(\.id) == [created.id])

        let updated = try await store.updatePattern(id: created.id, PatternChanges(name: "Weekly report (PDF)", description: .some(nil)))
        #expect(updated.name == "Weekly report (PDF)" && updated.description == nil)
        #expect(updated.updatedAt >= created.updatedAt)

        let capture = try await db.repository(Capture.self).insert(Capture(filepath: "/c.png", timestamp: Date(), width: 10, height: 10, fileSize: 100))
        let occurrence = try await store.recordOccurrence(patternID: created.id, captureID: capture.id, context: ["window": "Numbers"], confidence: 0.9)
        #expect(occurrence.patternID == created.id && occurrence.confidenceScore == 0.9)

        let stats = try await store.patternStats(id: created.id)
        #expect(stats.frequency == 2)
        #expect(stats.lastSeen == occurrence.detectedAt)
        #expect(stats.successRate == nil && stats.accuracy == nil && stats.executionsByStatus.isEmpty)
    }

    @Test(arguments: Dialect.allCases)
    func trustIsPromotedOneStepAtATimeAndNeverWhileSuspended(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(name: "p", patternType: .timeBased, triggerConditions: [:], actions: [])
        await #expect(throws: WorkflowError.invalidPromotion(from: .observe, to: .auto)) { try await store.promote(id: pattern.id, to: .auto) }
        await #expect(throws: WorkflowError.invalidPromotion(from: .observe, to: .observe)) { try await store.promote(id: pattern.id, to: .observe) }
        #expect(try await store.promote(id: pattern.id, to: .suggest).trustTier == .suggest)
        await #expect(throws: WorkflowError.invalidPromotion(from: .suggest, to: .suggest)) { try await store.promote(id: pattern.id, to: .suggest) }
        #expect(try await store.promote(id: pattern.id, to: .auto).trustTier == .auto)

        let suspended = try await store.suspend(id: pattern.id, reason: "wrong app")
        #expect(!suspended.isActive && suspended.trustTier == .observe && suspended.suspensionReason == "wrong app")
        await #expect(throws: WorkflowError.suspended(patternID: pattern.id)) { try await store.promote(id: pattern.id, to: .suggest) }
        #expect(try await store.listPatterns().isEmpty)
        #expect(try await store.listPatterns(activeOnly: false).count == 1)
        let resumed = try await store.unsuspend(id: pattern.id)
        #expect(resumed.isActive && resumed.suspensionReason == nil && resumed.trustTier == .observe)
        await #expect(throws: StrataError.self) { try await store.promote(id: UUID(), to: .suggest) }
        await #expect(throws: StrataError.self) { try await store.suspend(id: UUID(), reason: "x") }
    }

    @Test(arguments: Dialect.allCases)
    func aMissingPatternLeavesNothingBehind(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let store = PatternRepository(db)
        let missing = UUID()
        await #expect(throws: StrataError.notFound(table: "patterns", key: "\(missing)")) { try await store.recordOccurrence(patternID: missing) }
        await #expect(throws: StrataError.notFound(table: "patterns", key: "\(missing)")) { try await store.recordExecution(patternID: missing) }
        #expect(try await db.repository(PatternOccurrence.self).count() == 0)
        #expect(try await db.repository(WorkflowExecution.self).count() == 0)
        // A failing occurrence (unknown capture) rolls back the frequency increment too.
        let pattern = try await store.createPattern(name: "p", patternType: .timeBased, triggerConditions: [:], actions: [])
        await #expect(throws: StrataError.self) { try await store.recordOccurrence(patternID: pattern.id, captureID: UUID()) }
        #expect(try await store.pattern(id: pattern.id)?.frequencyCount == 1)
    }

    @Test(arguments: Dialect.allCases)
    func executionsFeedbackAndStatistics(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(name: "p", patternType: .triggerResponse, triggerConditions: [:], actions: [])
        var executions: [WorkflowExecution] = []
        for _ in 0..<6 { executions.append(try await store.recordExecution(patternID: pattern.id, userApproved: true)) }
        let finished = Date()
        try await store.updateExecution(id: executions[0].id, ExecutionChanges(status: .completed, startedAt: finished, completedAt: finished, result: ["ok": true]))
        try await store.updateExecution(id: executions[1].id, ExecutionChanges(status: .completed))
        try await store.updateExecution(id: executions[2].id, ExecutionChanges(status: .completed))
        let failed = try await store.updateExecution(id: executions[3].id, ExecutionChanges(status: .failed, errorMessage: "timeout"))
        #expect(failed.status == .failed && failed.errorMessage == "timeout")
        try await store.updateExecution(id: executions[4].id, ExecutionChanges(status: .running))

        #expect(try await store.recordFeedback(executionID: executions[0].id, wasCorrect: true) == .recorded)
        #expect(try await store.recordFeedback(executionID: executions[0].id, wasCorrect: true) == .unchanged)
        #expect(try await store.recordFeedback(executionID: executions[1].id, wasCorrect: true) == .recorded)
        #expect(try await store.recordFeedback(executionID: executions[2].id, wasCorrect: true) == .recorded)
        #expect(try await store.recordFeedback(executionID: executions[2].id, wasCorrect: false) == .corrected)
        #expect(try await store.recordFeedback(executionID: executions[3].id, wasCorrect: false) == .recorded)
        await #expect(throws: StrataError.self) { try await store.recordFeedback(executionID: UUID(), wasCorrect: true) }

        let stored = try #require(try await store.pattern(id: pattern.id))
        #expect(stored.totalExecutions == 6 && stored.correctExecutions == 2)
        let stats = try await store.patternStats(id: pattern.id)
        #expect(stats.successRate == 3.0 / 4.0)
        #expect(stats.accuracy == 2.0 / 4.0)
        #expect(stats.executionsByStatus == [.completed: 3, .failed: 1, .running: 1, .pending: 1])
        await #expect(throws: StrataError.self) { try await store.patternStats(id: UUID()) }
    }

    @Test(arguments: Dialect.allCases)
    func concurrentOccurrencesAndFeedbackCountExactly(_ dialect: Dialect) async throws {
        let db = try await openWorkflowDatabase(dialect)
        defer { Task { try? await db.close() } }
        let store = PatternRepository(db)
        let pattern = try await store.createPattern(name: "busy", patternType: .repetitiveAction, triggerConditions: [:], actions: [])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<500 { try await store.recordOccurrence(patternID: pattern.id) } }
            }
            try await group.waitForAll()
        }
        #expect(try await store.pattern(id: pattern.id)?.frequencyCount == 4_001)
        #expect(try await db.repository(PatternOccurrence.self).count() == 4_000)

        var executions: [WorkflowExecution] = []
        for _ in 0..<1_600 { executions.append(WorkflowExecution(patternID: pattern.id)) }
        try await db.repository(WorkflowExecution.self).insert(contentsOf: executions)
        try await db.repository(Pattern.self).update(pattern.id, set: [.set(\.totalExecutions, 1_600)])
        let ids = executions.map(\.id)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        let position = task * 200 + index
                        // Correct for three positions in four; each execution answered twice (once repeated).
                        let answer = position % 4 != 0
                        let first = try await store.recordFeedback(executionID: ids[position], wasCorrect: answer)
                        let repeated = try await store.recordFeedback(executionID: ids[position], wasCorrect: answer)
                        #expect(first == .recorded && repeated == .unchanged)
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try #require(try await store.pattern(id: pattern.id))
        #expect(stored.correctExecutions == 1_200)
        #expect(try await store.patternStats(id: pattern.id).accuracy == 0.75)
    }
}
