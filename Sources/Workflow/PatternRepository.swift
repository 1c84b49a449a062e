import Foundation

/// The workflow-automation store: patterns, their occurrences and executions, with the trust rules.
///
/// Every operation is atomic: one transaction of its own, or, called inside the caller's
/// transaction, part of it with no savepoint (each operation orders its writes so that a failure
/// leaves nothing behind; see `insertCounted`). Counters change by SQL increments in the same
/// statement, never by reading and writing back a value, so concurrent callers never lose an update.
///
///     let store = PatternRepository(db)
///     let pattern = try await store.createPattern(name: "Morning standup notes", patternType: .timeBased,
///                                                 triggerConditions: ["hour": 9], actions: ["open notes"])
///     try await store.recordOccurrence(patternID: pattern.id)
public struct PatternRepository: Sendable {
    /// Where the operations run: a database, or a transaction to join.
    public let session: any DatabaseSession
    /// The tables' repositories on `session`, made once: a store made for a transaction serves
    /// every call in it without making them again.
    let patterns: Repository<Pattern>
    let occurrences: Repository<PatternOccurrence>
    let executions: Repository<WorkflowExecution>

    /// The store on `session`.
    public init(_ session: any DatabaseSession) {
        self.session = session
        patterns = session.repository(Pattern.self)
        occurrences = session.repository(PatternOccurrence.self)
        executions = session.repository(WorkflowExecution.self)
    }

    /// `DatabaseSession.atomically` with a store: this one when `atomically` runs `body` on the
    /// session itself (a transaction, joined with no savepoint), a store on the new transaction
    /// otherwise.
    func atomically<Result: Sendable>(_ body: (PatternRepository) async throws -> Result) async throws -> Result {
        try await session.atomically { tx in try await body(session.isTransaction ? self : PatternRepository(tx)) }
    }

    // MARK: Patterns

    /// Creates a pattern: tier observe, active, seen once, now.
    /// - Throws: `StrataError.uniqueViolation` when a pattern of that type has that name.
    @discardableResult
    public func createPattern(
        name: String, patternType: PatternType, triggerConditions: JSONValue, actions: JSONValue, description: String? = nil
    ) async throws -> Pattern {
        let now = Date()
        let pattern = Pattern(
            name: name, description: description, patternType: patternType, triggerConditions: triggerConditions,
            actions: actions, frequencyCount: 1, lastSeen: now, trustTier: .observe, isActive: true, createdAt: now, updatedAt: now
        )
        return try await patterns.insert(pattern)
    }

    /// The pattern with `id`, or nil.
    public func pattern(id: UUID) async throws -> Pattern? {
        try await patterns.find(id)
    }

    /// Patterns by frequency, most frequent first. Served by the composite indexes on
    /// `(is_active, frequency_count)`, `(is_active, trust_tier, frequency_count)` and
    /// `(is_active, pattern_type, frequency_count)` when `activeOnly` is true.
    public func listPatterns(
        trustTier: TrustTier? = nil, activeOnly: Bool = true, patternType: PatternType? = nil, limit: Int = 100
    ) async throws -> [Pattern] {
        let filter = Self.listFilter(trustTier: trustTier, activeOnly: activeOnly, patternType: patternType)
        return try await patterns.list(where: filter, orderBy: [.descending(Pattern.Columns.frequencyCount)], limit: limit)
    }

    /// The SQL and values `listPatterns` runs with these arguments (for `EXPLAIN`).
    public func listPatternsStatement(
        trustTier: TrustTier? = nil, activeOnly: Bool = true, patternType: PatternType? = nil, limit: Int = 100
    ) throws -> (sql: String, arguments: [SQLValue]) {
        let filter = Self.listFilter(trustTier: trustTier, activeOnly: activeOnly, patternType: patternType)
        return try patterns.listStatement(where: filter, orderBy: [.descending(Pattern.Columns.frequencyCount)], limit: limit)
    }

    static func listFilter(trustTier: TrustTier?, activeOnly: Bool, patternType: PatternType?) -> Filter<Pattern> {
        var filters: [Filter<Pattern>] = []
        if activeOnly { filters.append(Pattern.Columns.isActive == true) }
        if let trustTier { filters.append(Pattern.Columns.trustTier == trustTier) }
        if let patternType { filters.append(Pattern.Columns.patternType == patternType) }
        return .all(filters)
    }

    /// Changes a pattern's fields and sets `updated_at`; returns the pattern as stored.
    /// - Throws: `StrataError.notFound`, or `.uniqueViolation` for a name taken in its type.
    @discardableResult
    public func updatePattern(id: UUID, _ changes: PatternChanges) async throws -> Pattern {
        try await atomically { store in
            let patterns = store.patterns
            try await patterns.update(id, set: changes.assignments.isEmpty ? [.set(\.updatedAt, Date())] : changes.assignments)
            return try await patterns.get(id)
        }
    }

    /// Promotes a pattern one trust step: observe → suggest, or suggest → auto.
    /// - Throws: `WorkflowError.invalidPromotion` for any other step, `.suspended` for an inactive
    ///   pattern, `StrataError.notFound` for a missing one.
    @discardableResult
    public func promote(id: UUID, to tier: TrustTier) async throws -> Pattern {
        try await atomically { store in
            let patterns = store.patterns
            if let required = tier.previous {
                let changed = try await patterns.update(
                    where: \.id == id && \.trustTier == required && \.isActive == true, set: [.set(\.trustTier, tier)]
                )
                if changed == 1 { return try await patterns.get(id) }
            }
            let pattern = try await patterns.get(id)
            if !pattern.isActive { throw WorkflowError.suspended(patternID: id) }
            throw WorkflowError.invalidPromotion(from: pattern.trustTier, to: tier)
        }
    }

    /// Suspends a pattern: inactive, back to observe, with the reason kept.
    @discardableResult
    public func suspend(id: UUID, reason: String) async throws -> Pattern {
        try await atomically { store in
            let patterns = store.patterns
            try await patterns.update(id, set: [.set(\.isActive, false), .set(\.trustTier, .observe), .set(\.suspensionReason, reason)])
            return try await patterns.get(id)
        }
    }

    /// Makes a suspended pattern active again (at observe) and clears the reason.
    @discardableResult
    public func unsuspend(id: UUID) async throws -> Pattern {
        try await atomically { store in
            let patterns = store.patterns
            try await patterns.update(id, set: [.set(\.isActive, true), .set(\.suspensionReason, nil)])
            return try await patterns.get(id)
        }
    }

    // MARK: Occurrences

    /// Records one sighting: inserts the occurrence and adds one to the pattern's `frequency_count`
    /// (and sets `last_seen` to `detectedAt`) atomically, by an SQL increment.
    /// - Throws: `StrataError.notFound` when the pattern is missing; nothing is written then.
    @discardableResult
    public func recordOccurrence(
        patternID: UUID, captureID: UUID? = nil, context: JSONValue? = nil, confidence: Double = 0.5,
        id: UUID = UUID(), detectedAt: Date = Date()
    ) async throws -> PatternOccurrence {
        let occurrence = PatternOccurrence(
            id: id, patternID: patternID, captureID: captureID, context: context, confidenceScore: confidence, detectedAt: detectedAt
        )
        return try await insertCounted(
            occurrence, into: \.occurrences, patternID: patternID,
            set: [.increment(Pattern.Columns.frequencyCount), .set(Pattern.Columns.lastSeen, detectedAt)]
        )
    }

    /// Inserts `row` and changes its pattern by `assignments` as one atomic step, without a
    /// savepoint inside the caller's transaction:
    /// - where a failed statement fails the whole transaction (PostgreSQL), the pattern's update
    ///   runs first: a missing pattern changes no row and nothing is written; a failed insert
    ///   fails the transaction, so the update is never committed;
    /// - where a failed statement undoes only itself (SQLite), the insert runs first, so its
    ///   failure leaves nothing (its foreign key also proves the pattern exists); if the update
    ///   then fails, the inserted row is deleted again before the error is thrown.
    func insertCounted<Row: PersistableModel>(
        _ row: Row, into table: KeyPath<PatternRepository, Repository<Row>>, patternID: UUID, set assignments: [Assignment<Pattern>]
    ) async throws -> Row {
        try await atomically { store in
            let patterns = store.patterns, rows = store[keyPath: table]
            if store.session.dialect.failedStatementAbortsTransaction {
                try await patterns.update(patternID, set: assignments)
                return try await rows.insert(row)
            }
            let inserted: Row
            do {
                inserted = try await rows.insert(row)
            } catch {
                if case StrataError.foreignKeyViolation = error, try await !patterns.exists(patternID) {
                    throw StrataError.notFound(table: Pattern.table.name, key: "\(patternID)")
                }
                throw error
            }
            do {
                try await patterns.update(patternID, set: assignments)
            } catch {
                try await rows.delete(row.primaryKey)
                throw error
            }
            return inserted
        }
    }

    // MARK: Executions

    /// Records an execution (pending) and counts it in the pattern's `total_executions`.
    /// - Throws: `StrataError.notFound` when the pattern is missing.
    @discardableResult
    public func recordExecution(patternID: UUID, triggerCaptureID: UUID? = nil, userApproved: Bool = false) async throws -> WorkflowExecution {
        let execution = WorkflowExecution(patternID: patternID, triggerCaptureID: triggerCaptureID, userApproved: userApproved)
        return try await insertCounted(execution, into: \.executions, patternID: patternID, set: [.increment(Pattern.Columns.totalExecutions)])
    }

    /// Changes an execution's fields; returns it as stored.
    @discardableResult
    public func updateExecution(id: UUID, _ changes: ExecutionChanges) async throws -> WorkflowExecution {
        try await atomically { store in
            let executions = store.executions
            let assignments = changes.assignments
            if assignments.isEmpty { return try await executions.get(id) }
            try await executions.update(id, set: assignments)
            return try await executions.get(id)
        }
    }

    /// Records the user's feedback on an execution, counted once per execution: a repeated answer
    /// changes nothing, a different answer corrects the pattern's `correct_executions`.
    /// - Throws: `StrataError.notFound` when the execution is missing.
    @discardableResult
    public func recordFeedback(executionID: UUID, wasCorrect: Bool) async throws -> FeedbackOutcome {
        try await atomically { store in
            let executions = store.executions, patterns = store.patterns
            let execution = try await executions.get(executionID)
            /// The pattern's count changes after the execution's answer; if that fails where a
            /// failed statement undoes only itself (SQLite), the answer is put back first.
            func count(_ amount: Int64, undoing previous: Bool?) async throws {
                guard amount != 0 else { return }
                do {
                    try await patterns.update(where: \.id == execution.patternID, set: [.increment(\.correctExecutions, by: amount)])
                } catch {
                    if !store.session.dialect.failedStatementAbortsTransaction {
                        try await executions.update(where: \.id == executionID, set: [.set(\.wasCorrect, previous)])
                    }
                    throw error
                }
            }
            // Each UPDATE matches only the state it changes, so the first caller wins and a
            // concurrent repeat finds nothing left to change.
            if try await executions.update(where: \.id == executionID && \.wasCorrect == nil, set: [.set(\.wasCorrect, wasCorrect)]) == 1 {
                try await count(wasCorrect ? 1 : 0, undoing: nil)
                return .recorded
            }
            if try await executions.update(where: \.id == executionID && \.wasCorrect == !wasCorrect, set: [.set(\.wasCorrect, wasCorrect)]) == 1 {
                try await count(wasCorrect ? 1 : -1, undoing: !wasCorrect)
                return .corrected
            }
            return .unchanged
        }
    }

    // MARK: Statistics

    /// Frequency, last sighting, success rate, accuracy and executions by status, from SQL
    /// aggregates (`GROUP BY`) in one transaction.
    /// - Throws: `StrataError.notFound` when the pattern is missing.
    public func patternStats(id: UUID) async throws -> PatternStats {
        try await atomically { store in
            let pattern = try await store.patterns.get(id)
            let executions = store.executions
            let byStatus = try await executions.countGrouped(by: \.status, where: \.patternID == id)
            let feedback = try await executions.countGrouped(by: \.wasCorrect, where: \.patternID == id && .isNotNull(\.wasCorrect))
            var counts: [ExecutionStatus: Int] = [:]
            for group in byStatus { counts[group.value] = Int(group.count) }
            let completed = counts[.completed] ?? 0, failed = counts[.failed] ?? 0
            let correct = feedback.first { $0.value == true }?.count ?? 0
            let answered = feedback.reduce(0) { $0 + $1.count }
            return PatternStats(
                frequency: pattern.frequencyCount, lastSeen: pattern.lastSeen,
                successRate: completed + failed == 0 ? nil : Double(completed) / Double(completed + failed),
                accuracy: answered == 0 ? nil : Double(correct) / Double(answered),
                executionsByStatus: counts
            )
        }
    }
}
