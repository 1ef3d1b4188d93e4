import Testing

@testable import SegmentLanguage

/// `in segment NAME`: inlining, missing segments, cycles and runaway references.
@Suite struct SegmentReferenceTests {
    private func compile(_ name: String, in segments: [String: String]) throws(SQLCompileError) -> CompiledQuery {
        var rules: [String: ResolvedRule] = [:]
        for (segment, text) in segments {
            guard let rule = try? Rule.parse(text, name: segment) else {
                Issue.record("the test rule of \(segment) does not parse: \(text)")
                continue
            }
            rules[segment] = ResolvedRule(resolving: rule, knownEvents: [])
        }
        guard let root = rules[name] else { throw SQLCompileError(.unknownSegment(name, referencedBy: "test")) }
        return try SQLCompiler().compile(root, now: testNow) { rules[$0] }
    }

    @Test func referencedRuleIsInlined() throws {
        let query = try compile("lapsed", in: ["lapsed": "X AND NOT in segment vip", "vip": "ltv > 1000"])
        #expect(
            query.sql == """
                SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND (\
                p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?) AND \
                NOT (p.id IN (SELECT a.person_id FROM attributes a WHERE a.key_norm = ? \
                AND a.value IS NOT NULL AND a.num > ?)))
                """)
        #expect(query.bindings == [.text("X"), .integer(testNow), .text("ltv"), .real(1000)])
    }

    @Test func missingSegmentIsNamed() {
        #expect(throws: SQLCompileError(.unknownSegment("vip_manual", referencedBy: "b"))) {
            try compile("a", in: ["a": "in segment b", "b": "X OR in segment vip_manual"])
        }
        let error = SQLCompileError(.unknownSegment("vip_manual", referencedBy: "b"))
        #expect(error.description == #"segment "vip_manual" does not exist (referenced by "b")"#)
    }

    @Test func cyclesAreNamed() {
        #expect(throws: SQLCompileError(.segmentCycle(["a", "b", "c", "a"]))) {
            try compile("a", in: ["a": "X AND in segment b", "b": "in segment c", "c": "Y OR in segment a"])
        }
        #expect(throws: SQLCompileError(.segmentCycle(["b", "c", "b"]))) {
            try compile("a", in: ["a": "in segment b", "b": "in segment c", "c": "in segment b"])
        }
        #expect(throws: SQLCompileError(.segmentCycle(["a", "a"]))) { try compile("a", in: ["a": "in segment a"]) }
        #expect(
            SQLCompileError(.segmentCycle(["a", "b", "a"])).description
                == "segments refer to each other in a cycle: a -> b -> a")
    }

    @Test func theSameSegmentTwiceIsNoCycle() throws {
        let query = try compile("a", in: ["a": "in segment b OR NOT in segment b", "b": "X"])
        #expect(query.bindings == [.text("X"), .integer(testNow), .text("X"), .integer(testNow)])
    }

    @Test func longChainsAreRefused() {
        var segments: [String: String] = [:]
        for index in 0..<30 { segments["s\(index)"] = "in segment s\(index + 1)" }
        segments["s30"] = "X"
        #expect(throws: SQLCompileError(.segmentsTooDeep((0...17).map { "s\($0)" }))) {
            try compile("s0", in: segments)
        }
    }

    @Test func exponentialInliningIsRefused() {
        var segments: [String: String] = [:]
        for index in 0..<15 { segments["s\(index)"] = "in segment s\(index + 1) OR NOT in segment s\(index + 1)" }
        segments["s15"] = "X"
        #expect(throws: SQLCompileError(.tooLarge(rule: "s0", limit: SQLCompiler.maximumConditions))) {
            try compile("s0", in: segments)
        }
    }

    @Test func rulesComposeThroughSegmentReferences() throws {
        let audience = ResolvedRule(resolving: try Rule.parse("X in last 1d", name: "audience"), knownEvents: [])
        let suppression = ResolvedRule(resolving: try Rule.parse("Y", name: "purchased_14d"), knownEvents: [])
        let members = Condition.and([audience.condition, .not(.segment(SegmentReference(name: "purchased_14d")))])
        let query = try SQLCompiler().compile(
            ResolvedRule(resolving: Rule(name: "audience", condition: members), knownEvents: []), now: testNow
        ) { $0 == "purchased_14d" ? suppression : nil }
        #expect(
            query.sql == "SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND (p.id IN (SELECT e.person_id "
                + "FROM events e WHERE e.name = ? AND e.ts > ? AND e.ts <= ?) AND NOT (p.id IN (SELECT e.person_id "
                + "FROM events e WHERE e.name = ? AND e.ts <= ?)))")
        #expect(
            query.bindings == [
                .text("X"), .integer(testNow - 86_400_000), .integer(testNow), .text("Y"), .integer(testNow),
            ])
    }

    @Test func deepRulesAreSplitIntoCommonTables() throws {
        let text = String(repeating: "NOT (A OR ", count: 6) + "B" + String(repeating: ")", count: 6)
        let query = try compiled(text)
        let event = "p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"
        #expect(
            query.sql == """
                WITH c1 AS (SELECT p.id FROM people p WHERE NOT (\(event) OR NOT (\(event) OR \(event)))) \
                SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND NOT (\(event) OR NOT (\(event) OR \
                NOT (\(event) OR NOT (\(event) OR p.id IN (SELECT id FROM c1)))))
                """)
        let names = query.bindings.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(names == ["A", "A", "B", "A", "A", "A", "A"].map { SQLValue.text($0) })
    }
}
