import SegmentLanguage
import Store

/// `segsync preview`: evaluates one rule or segment at an instant and counts its people.
public struct SegmentPreview {
    public let store: Store
    public let catalog: SegmentCatalog

    public init(store: Store, catalog: SegmentCatalog) {
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
        if catalog.segment(named: ruleOrName) != nil {
            return try preview(segment: ruleOrName, at: now, suppress: suppress, listMembers: listMembers)
        }
        let rule = try Rule.parse(ruleOrName, name: "rule")
        let analysis = catalog.analyze(rule)
        if let error = analysis.diagnostics.first(where: { $0.severity == .error }) {
            throw EvaluationError(.invalidRule(rule: "\"\(ruleOrName)\"", message: error.message))
        }
        let warnings = analysis.diagnostics.map {
            Warning(line: $0.description, rendered: $0.rendered(source: rule.source, name: rule.name))
        }
        return try evaluate(.rule(analysis.rule), text: ruleOrName, at: now, suppress: suppress,
                            listMembers: listMembers, warnings: warnings)
    }

    /// Previews the segment `name` of the catalog.
    public func preview(segment name: String, at now: Int64, suppress: Bool = true, listMembers: Bool = false)
        throws -> PreviewResult
    {
        guard let segment = catalog.segment(named: name) else {
            throw EvaluationError(
                .unknownSegment(name, suggestions: Suggestions.closest(to: name, among: catalog.names)))
        }
        let warnings = catalog.issues.filter { $0.file == segment.file }.map {
            Warning(line: $0.description, rendered: $0.rendered)
        }
        return try evaluate(.segment(name), text: segment.rule.source, at: now, suppress: suppress,
                            listMembers: listMembers, warnings: warnings)
    }

    /// Previews every segment of the catalog, in name order, one evaluator and one read transaction for
    /// all of them (suppression segments are evaluated once); each result's time is its own share.
    public func previewAll(at now: Int64, suppress: Bool = true) throws -> [PreviewResult] {
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
