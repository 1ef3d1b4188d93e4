import Engine
import SegmentLanguage
import Testing

extension EngineHarness {
    /// The fixture people `text` selects at `now` through the Engine (real store, compiled SQL), after
    /// checking that the reference evaluator, interpreting the same rule over the fixture, agrees.
    func agreedMembers(
        _ text: String, fixture: Fixture, aliases: [String: [String]], at now: Int64 = Shop.now,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Set<Int64> {
        let catalog = try catalog()
        let rule = catalog.analyze(try Rule.parse(text)).rule
        let fromEngine = try members(text, at: now)
        var segments: [String: Condition] = [:]
        for name in catalog.names {
            segments[name] = catalog.resolvedRule(named: name)?.condition
        }
        let reference = ReferenceEvaluator(fixture: fixture, now: now, aliases: aliases, segments: segments)
        #expect(
            fromEngine == reference.members(rule.condition), "the Engine and the reference differ for \(text)",
            sourceLocation: sourceLocation)
        return fromEngine
    }
}
