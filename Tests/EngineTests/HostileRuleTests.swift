@testable import Store
import Engine
import SegmentLanguage
import Testing

/// Hostile rule text cannot reach SQL as text: quotes, semicolons and comment markers give an error or a
/// correct answer, very long or deeply nested rules an error or a correct answer, never a crash, and the
/// store is unchanged afterwards.
@Suite struct HostileRuleTests {
    static let now = Shop.now

    static func harness() throws -> EngineHarness {
        try EngineHarness(
            lines: [
                Shop.track("X", user: "u1", at: now - 1, id: "m1"),
                Shop.track("x'; DROP TABLE people; --", user: "u2", at: now - 1, id: "m2"),
                Shop.identify("u1", at: now - 2, traits: "{\"ltv\": \"'; DELETE FROM people; --\"}", id: "m3"),
            ],
            files: [("s.yml", "rule: X\n")])
    }

    /// Previews `text`: its members, or the error; checks the store kept its rows either way.
    private func outcome(_ text: String, in harness: EngineHarness) throws -> Result<[String], any Error> {
        let result: Result<[String], any Error>
        do {
            result = .success(try harness.preview(text).members ?? [])
        } catch {
            result = .failure(error)
        }
        #expect(try harness.store.database.count("SELECT count(*) FROM people") == 2)
        #expect(try harness.store.database.count("SELECT count(*) FROM events") == 2)
        #expect(try harness.store.database.count("SELECT count(*) FROM attributes") == 1)
        return result
    }

    @Test(arguments: [
        ("\"x'; DROP TABLE people; --\"", ["u2"]),
        ("\"x'; DROP TABLE people; --\" in last 1h", ["u2"]),
        ("\"Robert'); DROP TABLE events;--\"", []),
        ("ltv = \"'; DELETE FROM people; --\"", ["u1"]),
        ("ltv contains \"'\"", ["u1"]),
        ("ltv contains \"%\"", []),
        ("X where currency = \"\\\" OR 1=1 --\"", []),
        ("X # ; DROP TABLE people", ["u1"]),
        ("X AND NOT \"1 OR 1=1\"", ["u1"]),
        ("\"people\" OR \"events\" OR \"SELECT\"", []),
        ("in segment s", ["u1"]),
    ])
    func quotedHostileTextIsJustAValue(_ text: String, members: [String]) throws {
        let harness = try Self.harness()
        #expect(try outcome(text, in: harness).get() == members)
    }

    @Test(arguments: [
        "X; DROP TABLE people", "X -- comment", "X /* comment */", "X' OR '1'='1", "ltv = '1'", "X)", "(X",
        "in segment \"s\\\"; DROP TABLE people; --\"", "\u{0}", "X in last 99999999999999999999d",
        "count of X > 1e999999",
    ])
    func malformedTextIsAnError(_ text: String) throws {
        let harness = try Self.harness()
        let result = try outcome(text, in: harness)
        #expect(throws: (any Error).self, "\(text)") { try result.get() }
    }

    @Test func veryLongRulesAreAnsweredOrRefused() throws {
        let harness = try Self.harness()
        let many = (0..<499).map { "\"E\($0) '; --\" in last \($0 + 1)h" }.joined(separator: " OR ") + " OR X"
        #expect(try outcome(many, in: harness).get() == ["u1"])
        let tooMany = (0..<600).map { "E\($0)" }.joined(separator: " OR ")
        #expect(throws: RuleSyntaxError.self) { try outcome(tooMany, in: harness).get() }
        let longName = "\"" + String(repeating: "'; DROP TABLE people; ", count: 5_000) + "\""
        #expect(try outcome(longName, in: harness).get() == [])
    }

    @Test func deeplyNestedRulesAreAnsweredOrRefused() throws {
        let harness = try Self.harness()
        // 31 levels of NOT over (Y OR ...), answered in pieces of SQL shallow enough for SQLite.
        let deep = String(repeating: "NOT (Y OR ", count: 31) + "X" + String(repeating: ")", count: 31)
        #expect(try outcome(deep, in: harness).get() == ["u2"])  // 31 NOTs over X: NOT X
        let tooDeep = String(repeating: "(", count: 10_000) + "X" + String(repeating: ")", count: 10_000)
        #expect(throws: RuleSyntaxError.self) { try outcome(tooDeep, in: harness).get() }
        let nots = String(repeating: "NOT ", count: 20_000) + "X"
        #expect(throws: RuleSyntaxError.self) { try outcome(nots, in: harness).get() }
    }
}
