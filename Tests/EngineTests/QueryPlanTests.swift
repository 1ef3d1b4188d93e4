import Engine
import SegmentLanguage
import Testing

/// The query shapes on the real store: a windowed event condition is a range scan of the
/// `(name, ts, person_id)` index, a sequence probes `(person_id, name, ts)`, an attribute comparison is a
/// range scan of its typed index, and people are looked up by id, never scanned, when the rule starts
/// from events.
@Suite struct QueryPlanTests {
    private func plan(_ text: String) throws -> [String] {
        let harness = try EngineHarness(
            lines: [Shop.track("Checkout Started", user: "u", at: Shop.now - 1, id: "m1")],
            aliases: ["Purchased": ["Order Completed", "Purchase"]])
        let catalog = try harness.catalog()
        let evaluator = try SegmentEvaluator(store: harness.store, catalog: catalog, now: Shop.now)
        let rule = catalog.analyze(try Rule.parse(text)).rule
        return try evaluator.queryPlan(of: .rule(rule))
    }

    @Test func windowedEventConditionsAreIndexRangeScans() throws {
        let lines = try plan("Checkout Started in last 24h AND NOT Purchased in last 24h")
        #expect(lines.filter { $0.contains("USING COVERING INDEX events_name_ts (name=? AND ts>? AND ts<?)") }.count
            == 2, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)") })
        #expect(!lines.contains { $0.contains("SCAN e") || $0.contains("SCAN events") })
    }

    @Test func sequencesProbeThePersonIndex() throws {
        let lines = try plan("Checkout Started in last 24h not followed by Purchased within 6h")
        #expect(lines.contains { $0.contains("events_person_name_ts (person_id=? AND name=? AND ts>? AND ts<?)") },
                "\(lines.joined(separator: "\n"))")
    }

    @Test func attributeComparisonsAreIndexRangeScans() throws {
        let lines = try plan("LTV > $300")
        // 0002's covering index: no read of the attributes table per person.
        #expect(lines.contains { $0.contains("USING COVERING INDEX attributes_key_num_value (key_norm=? AND num>?)") },
                "\(lines.joined(separator: "\n"))")
    }
}
