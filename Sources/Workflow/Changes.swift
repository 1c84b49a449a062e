import Foundation

/// The fields `PatternRepository.updatePattern` may change; nil leaves a field as it is. For the
/// nullable `description`, `.some(nil)` clears it.
public struct PatternChanges: Sendable {
    /// A new name; nil keeps it.
    public var name: String?
    /// A new description (`.some(nil)` clears it); nil keeps it.
    public var description: String??
    /// A new type; nil keeps it.
    public var patternType: PatternType?
    /// New trigger conditions; nil keeps them.
    public var triggerConditions: JSONValue?
    /// New actions; nil keeps them.
    public var actions: JSONValue?

    /// The changes to make; every field left out is kept.
    public init(
        name: String? = nil, description: String?? = nil, patternType: PatternType? = nil,
        triggerConditions: JSONValue? = nil, actions: JSONValue? = nil
    ) {
        self.name = name
        self.description = description
        self.patternType = patternType
        self.triggerConditions = triggerConditions
        self.actions = actions
    }

    var assignments: [Assignment<Pattern>] {
        var assignments: [Assignment<Pattern>] = []
        if let name { assignments.append(.set(\.name, name)) }
        if let description { assignments.append(.set(\.description, description)) }
        if let patternType { assignments.append(.set(\.patternType, patternType)) }
        if let triggerConditions { assignments.append(.set(\.triggerConditions, triggerConditions)) }
        if let actions { assignments.append(.set(\.actions, actions)) }
        return assignments
    }
}

/// The fields `PatternRepository.updateExecution` may change; nil leaves a field as it is, and
/// `.some(nil)` clears a nullable one.
public struct ExecutionChanges: Sendable {
    /// A new status; nil keeps it.
    public var status: ExecutionStatus?
    /// When it started (`.some(nil)` clears it); nil keeps it.
    public var startedAt: Date??
    /// When it completed (`.some(nil)` clears it); nil keeps it.
    public var completedAt: Date??
    /// Its result (`.some(nil)` clears it); nil keeps it.
    public var result: JSONValue??
    /// Its error (`.some(nil)` clears it); nil keeps it.
    public var errorMessage: String??
    /// Until when it can be undone (`.some(nil)` clears it); nil keeps it.
    public var undoAvailableUntil: Date??
    /// What undoing needs (`.some(nil)` clears it); nil keeps it.
    public var undoState: JSONValue??

    /// The changes to make; every field left out is kept.
    public init(
        status: ExecutionStatus? = nil, startedAt: Date?? = nil, completedAt: Date?? = nil, result: JSONValue?? = nil,
        errorMessage: String?? = nil, undoAvailableUntil: Date?? = nil, undoState: JSONValue?? = nil
    ) {
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.result = result
        self.errorMessage = errorMessage
        self.undoAvailableUntil = undoAvailableUntil
        self.undoState = undoState
    }

    var assignments: [Assignment<WorkflowExecution>] {
        var assignments: [Assignment<WorkflowExecution>] = []
        if let status { assignments.append(.set(\.status, status)) }
        if let startedAt { assignments.append(.set(\.startedAt, startedAt)) }
        if let completedAt { assignments.append(.set(\.completedAt, completedAt)) }
        if let result { assignments.append(.set(\.result, result)) }
        if let errorMessage { assignments.append(.set(\.errorMessage, errorMessage)) }
        if let undoAvailableUntil { assignments.append(.set(\.undoAvailableUntil, undoAvailableUntil)) }
        if let undoState { assignments.append(.set(\.undoState, undoState)) }
        return assignments
    }
}

/// What `recordFeedback` did.
public enum FeedbackOutcome: Hashable, Sendable {
    /// The execution's first feedback.
    case recorded
    /// The execution had the other answer; the pattern's count was corrected.
    case corrected
    /// The execution already had this answer; nothing changed.
    case unchanged
}

/// A pattern's statistics, computed by SQL aggregates.
public struct PatternStats: Hashable, Sendable {
    /// How many times the pattern was seen.
    public var frequency: Int64
    /// When it was last seen.
    public var lastSeen: Date?
    /// completed ÷ (completed + failed); nil when no execution finished.
    public var successRate: Double?
    /// correct ÷ executions with feedback; nil when none has feedback.
    public var accuracy: Double?
    /// The number of executions in each status (statuses with none are absent).
    public var executionsByStatus: [ExecutionStatus: Int]
}
