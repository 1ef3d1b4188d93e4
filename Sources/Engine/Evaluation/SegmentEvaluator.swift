import SegmentLanguage
import Store

/// Evaluates the segments of a catalog over a store at one instant `now`.
///
/// Each segment or rule is compiled (its `in segment` references inlined, in the dialect the store chooses) and the
/// store holds its people as a ``MemberSet``; the suppression segments that apply are evaluated once per evaluator
/// into its ``SuppressionSets`` and taken out by the store. Nothing is pulled into Swift for set arithmetic.
///
/// ```swift
/// let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
/// let audiences = try evaluator.materialize([.segment("cart_abandoners_6_24h"), .segment("vip_ltv_300")])
/// for audience in audiences {
///     try audience.members.forEachMember { member in /* member.email, member.personId */ }
/// }
/// ```
///
/// An evaluator belongs to one task, like its store. The people it evaluated stay in the store while the values
/// that hold them live (unless a transaction of the caller's around them rolls back; see ``SegmentStore/snapshot(_:)``).
public final class SegmentEvaluator {
    public let store: any SegmentStore
    public let catalog: SegmentCatalog
    /// The evaluation instant, in milliseconds since the epoch; events after it do not exist.
    public let now: Int64
    private let compiler: SQLCompiler
    /// The suppression segments evaluated so far.
    private(set) var suppression: any SuppressionSets

    /// - Throws: ``EvaluationError`` when the catalog has errors.
    public init(store: any SegmentStore, catalog: SegmentCatalog, now: Int64) throws(EvaluationError) {
        guard !catalog.hasErrors else {
            throw EvaluationError(.catalogHasErrors(source: catalog.source, errors: catalog.issues.errors.count))
        }
        self.store = store
        self.catalog = catalog
        self.now = now
        compiler = SQLCompiler(dialect: store.ruleDialect)
        suppression = store.makeSuppressionSets()
    }

    /// The query selecting a rule's people at ``now``, its segment references inlined; `columns` are
    /// expressions over the person's row `p` selected after `p.id`.
    public func compile(_ rule: ResolvedRule, columns: [SQLFragment] = []) throws(EvaluationError) -> CompiledQuery {
        do {
            return try compiler.compile(rule, now: now, aliases: catalog.aliases, columns: columns) {
                catalog.resolvedRule(named: $0)
            }
        } catch {
            throw EvaluationError(.compile(error))
        }
    }

    /// The store's plan for a target's query, one line per step, indented by depth: the query
    /// ``materialize(_:suppress:)`` runs.
    public func queryPlan(of target: EvaluationTarget) throws -> [String] {
        try store.queryPlan(of: compile(rule(of: target), columns: store.memberColumns))
    }

    /// The resolved rule of a target.
    public func rule(of target: EvaluationTarget) throws(EvaluationError) -> ResolvedRule {
        switch target {
        case .rule(let rule):
            return rule
        case .segment(let name):
            guard let rule = catalog.resolvedRule(named: name) else {
                throw EvaluationError(
                    .unknownSegment(name, suggestions: Suggestions.closest(to: name, among: catalog.names)))
            }
            return rule
        }
    }

    /// Materialises each target's people, with suppression applied unless `suppress` is false, all on one
    /// snapshot of the store so that every count sees the same data.
    ///
    /// - Parameters:
    ///   - targets: named segments or bare rules; a segment gets the suppression segments that apply to it
    ///     (none for a suppression segment), a bare rule all of them.
    ///   - suppress: false to skip suppression (`--no-suppress`).
    /// - Returns: one ``MaterializedAudience`` per target, in order.
    public func materialize(_ targets: [EvaluationTarget], suppress: Bool = true) throws -> [MaterializedAudience] {
        let compiled = try targets.map { target throws(EvaluationError) in
            (target, try compile(rule(of: target), columns: store.memberColumns))
        }
        return try inSnapshot {
            try compiled.map { target, query in
                let applied = suppress ? catalog.suppression(applyingTo: target.segmentName) : []
                try addSuppression(applied)
                let members = try store.members(of: query, suppressedBy: applied, in: suppression)
                return MaterializedAudience(segment: target.segmentName, members: members)
            }
        }
    }

    /// Materialises one target; see ``materialize(_:suppress:)``.
    public func materialize(_ target: EvaluationTarget, suppress: Bool = true) throws -> MaterializedAudience {
        let result = try materialize([target], suppress: suppress)
        guard let first = result.first else { preconditionFailure("one target gives one audience") }
        return first
    }

    /// Materialises every suppression segment and returns how many people each holds, for exports of the
    /// suppression list (``forEachSuppressedPerson(_:)``).
    public func materializeSuppression() throws -> [String: Int] {
        try inSnapshot {
            try addSuppression(catalog.suppressionNames)
            return suppression.counts
        }
    }

    /// Calls `body` for each living person of the suppression segments materialised so far, in person id order.
    public func forEachSuppressedPerson(_ body: (SuppressedPerson) throws -> Void) throws {
        try suppression.forEachPerson(body)
    }

    /// Materialises every audience of the catalog (the segments with `pinterest.audience`), with
    /// suppression, on one snapshot; see ``materialize(_:suppress:)``.
    public func materializeAudiences() throws -> [MaterializedAudience] {
        try materialize(catalog.audiences.map { .segment($0.name) })
    }

    /// Evaluates the suppression segments `names` that are not yet.
    private func addSuppression(_ names: [String]) throws {
        for name in names where suppression.counts[name] == nil {
            try suppression.add(name, query: try compile(rule(of: .segment(name))))
        }
    }

    /// Runs `body` on one snapshot of the store; when it fails, what it evaluated is gone with it.
    private func inSnapshot<T>(_ body: () throws -> T) throws -> T {
        do {
            return try store.snapshot(body)
        } catch {
            // The snapshot took back what was added inside it: the suppression evaluated so far starts again.
            suppression = store.makeSuppressionSets()
            throw error
        }
    }
}
