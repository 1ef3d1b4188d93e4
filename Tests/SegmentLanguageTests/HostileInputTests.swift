import SegsyncTesting
import Testing

@testable import SegmentLanguage

/// Hostile rule text: quotes, semicolons, comment markers, huge and deeply nested rules. Each gets an
/// error or a correct tree, never a crash, and no rule text reaches the SQL.
@Suite struct HostileInputTests {
    /// The quoted SQL text the dialect itself writes; anything else quoted would be rule text.
    private static let dialectConstants = ["'integer'", "'real'", "'text'", "'null'", "'array'"]

    /// Fails unless `sql` holds only our own SQL: no quotes but the dialect's constants, no statement or
    /// comment markers, and none of `literals`.
    private func expectNoRuleText(
        _ sql: String, literals: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var stripped = sql
        for constant in HostileInputTests.dialectConstants { stripped = stripped.replacingAll(constant, with: "") }
        #expect(!stripped.contains("'"), sourceLocation: sourceLocation)
        #expect(!sql.contains(";") && !sql.contains("--") && !sql.contains("/*"), sourceLocation: sourceLocation)
        for literal in literals where !literal.isEmpty {
            #expect(!sql.contains(literal), "\(literal) reached the SQL", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        #"'; DROP TABLE people; --"#, #"Robert'); DROP TABLE events;--"#, #"/* comment */"#, #"a" OR 1=1 --"#,
        #"x\"; DELETE FROM attributes; SELECT \"y"#, "\u{0}nul", "😀 emoji", "-- trailing", "$(rm -rf /)",
    ])
    func literalsAreBound(_ payload: String) throws {
        let quoted = "\"" + payload.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        let text = """
            \(quoted) in last 1d AND plan = \(quoted) AND tags contains \(quoted) \
            AND X where note in (\(quoted), 1) AND in segment \(quoted)
            """
        let rule = try Rule.parse(text)
        let decoded = payload
        #expect(rule.references.events.contains(decoded))
        #expect(rule.references.segments == [decoded])
        let segment = ResolvedRule(
            resolving: Rule(
                name: decoded,
                condition: .attribute(
                    AttributeCondition(attribute: "vip", test: .value(.compare(.equal, .string(decoded)))))),
            knownEvents: [])
        let query = try SQLCompiler().compile(
            ResolvedRule(resolving: rule, knownEvents: []), now: testNow
        ) { $0 == decoded ? segment : nil }
        expectNoRuleText(query.sql, literals: [payload, "DROP", "DELETE", "rm -rf"])
        #expect(query.bindings.filter { $0 == .text(decoded) }.count >= 5)
        #expect(query.sql.filter { $0 == "?" }.count == query.bindings.count)
    }

    @Test(arguments: [
        "Purchased; DROP TABLE people", "Purchased -- comment", "Purchased /* x */", "plan = 'gold'",
        "Purchased\"; DROP TABLE people; --", "`ltv` > 1", "ltv > 1 ) OR (1 = 1", "ltv = \"a\" \" OR 1=1",
    ])
    func unquotedSQLIsASyntaxError(_ text: String) {
        #expect(throws: RuleSyntaxError.self) { try Rule.parse(text) }
    }

    @Test func hundredKilobyteQuotedNameIsBound() throws {
        let name = String(repeating: "abc'; ", count: 17_000)
        let rule = try Rule.parse("\"\(name)\" in last 7d")
        #expect(rule.condition.normalizingRanges() == AST.event(name, .inLast(AST.days(7))))
        let query = try SQLCompiler().compile(ResolvedRule(resolving: rule, knownEvents: []), now: testNow)
        #expect(query.bindings.first == .text(name))
        expectNoRuleText(query.sql, literals: ["abc"])
    }

    @Test func hundredKilobyteBareNameAndComment() throws {
        let words = Array(repeating: "Word", count: 20_000).joined(separator: " ")
        #expect(try parsed(words) == AST.event(words))
        let commented = "# " + String(repeating: "x", count: 100_000) + "\nPurchased"
        #expect(try parsed(commented) == AST.event("Purchased"))
    }

    @Test func hundredKilobyteRuleOfConditionsIsRefused() {
        let text = Array(repeating: "Purchased in last 7d", count: 5_000).joined(separator: " OR ")
        #expect(text.utf8.count > 100_000)
        #expect(syntaxError(text)?.hasPrefix("error: the rule has too many conditions") == true)
        let filters = "X where (" + Array(repeating: "a = 1", count: 20_000).joined(separator: " and ") + ")"
        #expect(syntaxError(filters)?.hasPrefix("error: the rule has too many conditions") == true)
        let list = "plan in (" + Array(repeating: "1", count: 50_000).joined(separator: ", ") + ")"
        #expect(syntaxError(list)?.hasPrefix("error: the rule has too many values in lists") == true)
    }

    @Test func tenThousandNestedParenthesesAreRefused() throws {
        let text = String(repeating: "(", count: 10_000) + "X" + String(repeating: ")", count: 10_000)
        let error = try #require(throws: RuleSyntaxError.self) { try Rule.parse(text) }
        #expect(error.message == "the rule is nested too deeply")
        #expect(error.label == "at most 64 levels of parentheses and NOT")
        #expect(error.location.column == 65)
        let nots = String(repeating: "NOT ", count: 10_000) + "X"
        #expect(syntaxError(nots)?.hasPrefix("error: the rule is nested too deeply") == true)
        let mixed = String(repeating: "NOT (", count: 5_000) + "X" + String(repeating: ")", count: 5_000)
        #expect(syntaxError(mixed)?.hasPrefix("error: the rule is nested too deeply") == true)
    }

    @Test func nestingUpToTheLimitParsesAndCompiles() throws {
        let text = String(repeating: "(", count: 64) + "X" + String(repeating: ")", count: 64)
        #expect(try parsed(text) == AST.event("X"))
        let nots = String(repeating: "NOT (A OR ", count: 32) + "B" + String(repeating: ")", count: 32)
        let query = try compiled(nots)
        #expect(query.sql.filter { $0 == "?" }.count == query.bindings.count)
        let wide = Array(repeating: "ltv > 1", count: 500).joined(separator: " AND ")
        #expect(try compiled(wide).bindings.count == 1_000)
    }

    /// Random token soup: every input parses or fails with a syntax error; what parses compiles to SQL
    /// with exactly one binding per placeholder and no rule text.
    @Test func randomTokenSoupNeverCrashes() throws {
        let pieces = [
            "Purchased", "Add to Cart", "\"x'y\"", "ltv", "a.b", "AND", "OR", "NOT", "(", ")", "in", "last", "7d",
            "6 hours", "between", "and", "ago", "more", "than", "since", "before", "2024-01-01", "at", "least", "most",
            "exactly", "3", "+", "times", "where", "value", "=", "!=", ">", "<=", "$5", "true", "is", "set", "contains",
            "followed", "by", "within", "sum(value)", "count", "of", "segment", "seg_1", ",", "#c\n", ";", "'", "--",
            "ever", "after", "less", "the", "-2", "1.5", "\"", "€3", "3D", "\\",
        ]
        var generator = SplitMix64(seed: 20_240_501)
        var parsedCount = 0
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 12) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined(separator: " ")
            guard let rule = try? Rule.parse(text) else { continue }
            parsedCount += 1
            let resolved = ResolvedRule(resolving: rule, knownEvents: ["Purchased"])
            let segment = ResolvedRule(resolving: Rule(name: "seg_1", condition: AST.event("Z")), knownEvents: [])
            let query = try SQLCompiler().compile(resolved, now: testNow) { _ in segment }
            #expect(query.sql.filter { $0 == "?" }.count == query.bindings.count, "\(text)")
            expectNoRuleText(query.sql, literals: ["x'y"])
            _ = rule.analyze(knownEvents: ["Purchased"], knownAttributes: ["ltv"])
        }
        #expect(parsedCount > 10)
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation in these tests).
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
