import SegmentLanguage
import Store

/// `segsync preview`: evaluates one rule or segment at an instant and counts its people.
public struct SegmentPreview {
    public let store: any SegmentStore
    public let catalog: SegmentCatalog

    public init(store: any SegmentStore, catalog: SegmentCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// Previews `ruleOrName`: the segment of that name when the catalog has one, else a rule.
    ///
    /// - Parameters:
    ///   - ruleOrName: a segment name, such as `cart_abandoners_6_24h`, or a rule, such as
    ///     `Checkout Started in last 24h AND NOT Purchased`.
    ///   - now: the evaluation instant in milliseconds (the wall clock, or `--as-of`).
    ///   - suppress: false to skip suppression.
    ///   - listMembers: true to list the people (before suppression).
    /// - Throws: ``SegmentLanguage/RuleSyntaxError`` when the text is no segment name and does not parse;
    ///   ``EvaluationError`` when the catalog has errors, the rule has semantic errors, or it cannot be
    ///   compiled; store errors.
    public func preview(_ ruleOrName: String, at now: Int64, suppress: Bool = true, listMembers: Bool = false)
        throws -> PreviewResult
    {
        let resolved = try resolve(ruleOrName)
        return try evaluate(resolved.target, text: resolved.text, at: now, suppress: suppress,
                            listMembers: listMembers, warnings: resolved.warnings)
    }

    /// Previews the segment `name`.
    ///
    /// - Throws: ``EvaluationError`` (`unknownSegment`, with the closest names) when the catalog has no such
    ///   segment, and as ``preview(_:at:suppress:listMembers:)`` does.
    public func preview(segment name: String, at now: Int64, suppress: Bool = true, listMembers: Bool = false)
        throws -> PreviewResult
    {
        let resolved = try resolve(segment: name)
        return try evaluate(resolved.target, text: resolved.text, at: now, suppress: suppress,
                            listMembers: listMembers, warnings: resolved.warnings)
    }

    /// The query plan the store chooses for `ruleOrName`, read as ``preview(_:at:suppress:listMembers:)`` reads
    /// it (`preview --explain`, for the benchmark): one line a step.
    public func queryPlan(_ ruleOrName: String, at now: Int64) throws -> [String] {
        let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
        return try evaluator.queryPlan(of: try resolve(ruleOrName).target)
    }

    /// What to evaluate for `ruleOrName`: the segment of that name when the catalog has one, else the rule
    /// it is, with the warnings to show beside its counts.
    private func resolve(_ ruleOrName: String) throws -> (target: EvaluationTarget, text: String, warnings: [Warning]) {
        if catalog.segment(named: ruleOrName) != nil { return try resolve(segment: ruleOrName) }
        let rule = try Rule.parse(ruleOrName, name: "rule")
        let analysis = catalog.analyze(rule)
        if let error = analysis.diagnostics.first(where: { $0.severity == .error }) {
            throw EvaluationError(.invalidRule(rule: "\"\(ruleOrName)\"", message: error.message))
        }
        let warnings = analysis.diagnostics.map {
            Warning(line: $0.description, rendered: $0.rendered(source: rule.source, name: rule.name))
        }
        return (.rule(analysis.rule), ruleOrName, warnings)
    }

    private func resolve(segment name: String) throws
        -> (target: EvaluationTarget, text: String, warnings: [Warning])
    {
        guard let segment = catalog.segment(named: name) else {
            throw EvaluationError(
                .unknownSegment(name, suggestions: Suggestions.closest(to: name, among: catalog.names)))
        }
        let warnings = catalog.issues.filter { $0.file == segment.file }.map {
            Warning(line: $0.description, rendered: $0.rendered)
        }
        return (.segment(name), segment.rule.source, warnings)
    }

    /// Previews every segment of the catalog, in name order, one evaluator and one read transaction for
    /// all of them (suppression segments are evaluated once); each result's time is its own share.
    public func previewAll(at now: Int64, suppress: Bool = true) throws -> PreviewAllReport {
        let clock = ContinuousClock()
        let start = clock.now
        let segments = try previewEach(at: now, suppress: suppress)
        return PreviewAllReport(asOf: now, elapsedMilliseconds: (clock.now - start).milliseconds, segments: segments)
    }

    private func previewEach(at now: Int64, suppress: Bool) throws -> [PreviewResult] {
        let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
        var results: [PreviewResult] = []
        for name in catalog.names {
            guard let segment = catalog.segment(named: name) else { continue }
            let clock = ContinuousClock()
            let start = clock.now
            let audience = try evaluator.materialize(.segment(name), suppress: suppress)
            results.append(PreviewResult(
                rule: segment.rule.source, segment: name, asOf: now, counts: audience.counts, members: nil,
                elapsedMilliseconds: (clock.now - start).milliseconds, warnings: []))
        }
        return results
    }

    private func evaluate(
        _ target: EvaluationTarget, text: String, at now: Int64, suppress: Bool, listMembers: Bool,
        warnings: [Warning]
    ) throws -> PreviewResult {
        let clock = ContinuousClock()
        let start = clock.now
        let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
        let audience = try evaluator.materialize(target, suppress: suppress)
        let members = listMembers ? try evaluator.memberIdentifiers(of: audience) : nil
        let elapsed = (clock.now - start).milliseconds
        return PreviewResult(
            rule: text, segment: target.segmentName, asOf: now, counts: audience.counts, members: members,
            elapsedMilliseconds: elapsed, warnings: warnings.map(\.line), renderedWarnings: warnings.map(\.rendered))
    }

    private struct Warning {
        var line: String
        var rendered: String
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((Double(attoseconds) / 1e15).rounded())
    }
}
