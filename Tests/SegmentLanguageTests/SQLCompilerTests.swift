import Testing

@testable import SegmentLanguage

/// The SQL text and bindings representative rules compile to (the shapes SQLite plans well), at
/// `now` = 2024-05-01T00:00:00Z.
@Suite struct SQLCompilerTests {
    private static let prefix = "SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND "
    private let aliases = ["Purchased": ["Order Completed", "Purchase"]]
    private let hour: Int64 = 3_600_000
    private let day: Int64 = 86_400_000

    /// Compiles `text` (every bare word an event unless it tests an attribute) and returns its condition part.
    private func compile(
        _ text: String, knownEvents: Set<String> = ["Purchased", "Refunded"]
    ) throws
        -> (sql: String, bindings: [SQLValue])
    {
        let query = try compiled(text, knownEvents: knownEvents, aliases: aliases)
        #expect(query.sql.hasPrefix(SQLCompilerTests.prefix))
        return (String(query.sql.dropFirst(SQLCompilerTests.prefix.count)), query.bindings)
    }

    private func events(_ names: String, _ conditions: String) -> String {
        "p.id IN (SELECT e.person_id FROM events e WHERE e.name \(names) AND \(conditions))"
    }

    @Test func wholeQuery() throws {
        let query = try compiled("Checkout Started in last 24h AND NOT Purchased", aliases: aliases)
        #expect(
            query.sql == """
                SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND (\
                p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts > ? AND e.ts <= ?) AND \
                NOT (p.id IN (SELECT e.person_id FROM events e WHERE e.name IN (?, ?) AND e.ts <= ?)))
                """)
        #expect(
            query.bindings == [
                .text("Checkout Started"), .integer(testNow - 24 * hour), .integer(testNow),
                .text("Order Completed"), .text("Purchase"), .integer(testNow),
            ])
    }

    @Test func windows() throws {
        let cases: [(String, String, [SQLValue])] = [
            ("Refunded", events("= ?", "e.ts <= ?"), [.text("Refunded"), .integer(testNow)]),
            ("Refunded ever", events("= ?", "e.ts <= ?"), [.text("Refunded"), .integer(testNow)]),
            (
                "Refunded in last 24h", events("= ?", "e.ts > ? AND e.ts <= ?"),
                [.text("Refunded"), .integer(testNow - 24 * hour), .integer(testNow)]
            ),
            (
                "Add to Cart between 6h and 24h ago", events("= ?", "e.ts > ? AND e.ts <= ?"),
                [.text("Add to Cart"), .integer(testNow - 24 * hour), .integer(testNow - 6 * hour)]
            ),
            (
                "Refunded more than 90d ago", events("= ?", "e.ts <= ?"),
                [.text("Refunded"), .integer(testNow - 90 * day)]
            ),
            (
                "Refunded since 2024-01-01", events("= ?", "e.ts >= ? AND e.ts <= ?"),
                [.text("Refunded"), .integer(1_704_067_200_000), .integer(testNow)]
            ),
            (
                "Refunded before 2024-01-01", events("= ?", "e.ts < ? AND e.ts <= ?"),
                [.text("Refunded"), .integer(1_704_067_200_000), .integer(testNow)]
            ),
            (
                "Purchased in last 7d", events("IN (?, ?)", "e.ts > ? AND e.ts <= ?"),
                [.text("Order Completed"), .text("Purchase"), .integer(testNow - 7 * day), .integer(testNow)]
            ),
        ]
        for (rule, sql, bindings) in cases {
            let result = try compile(rule)
            #expect(result.sql == sql, "\(rule)")
            #expect(result.bindings == bindings, "\(rule)")
        }
    }

    @Test func aliasesMatchOnlyTheirListAndDuplicatesOnce() throws {
        let query = try compiled(
            "Purchased OR Refunded", aliases: ["Purchased": ["Purchase", "Purchase"], "Refunded": []])
        #expect(
            query.sql == Self.prefix + "(p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?) OR "
                + "p.id IN (SELECT e.person_id FROM events e WHERE FALSE AND e.ts <= ?))")
        #expect(query.bindings == [.text("Purchase"), .integer(testNow), .integer(testNow)])
    }

    @Test(arguments: [
        ("Refunded at least 3 times", "IN", "COUNT(*) >= ?", Int64(3)),
        ("Refunded 3+ times", "IN", "COUNT(*) >= ?", 3),
        ("Refunded exactly 2 times", "IN", "COUNT(*) = ?", 2),
        ("Refunded at most 2 times", "NOT IN", "NOT (COUNT(*) <= ?)", 2),
        ("count of Refunded < 3", "NOT IN", "NOT (COUNT(*) < ?)", 3),
        ("count of Refunded > 2", "IN", "COUNT(*) > ?", 2),
    ])
    func counts(_ rule: String, membership: String, having: String, count: Int64) throws {
        let result = try compile(rule)
        #expect(
            result.sql == "p.id \(membership) (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ? "
                + "GROUP BY e.person_id HAVING \(having))")
        #expect(result.bindings == [.text("Refunded"), .integer(testNow), .integer(count)])
    }

    @Test(arguments: [
        ("Refunded exactly 0 times", "p.id NOT IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"),
        ("Refunded at most 0 times", "p.id NOT IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"),
        ("count of Refunded = 0", "p.id NOT IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"),
        ("count of Refunded < 1", "p.id NOT IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"),
        ("Refunded at least 1 times", "p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"),
        ("count of Refunded > 0", "p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"),
    ])
    func countsAgainstZero(_ rule: String, sql: String) throws {
        let result = try compile(rule)
        #expect(result.sql == sql)
        #expect(result.bindings == [.text("Refunded"), .integer(testNow)])
    }

    @Test func atLeastZeroTimesIsEveryone() throws {
        #expect(try compile("Refunded at least 0 times").sql == "TRUE")
    }

    @Test func followedBy() throws {
        let result = try compile("Checkout Started in last 24h followed by Purchased within 6h")
        #expect(
            result.sql == """
                p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts > ? AND e.ts <= ? AND \
                EXISTS (SELECT 1 FROM events f WHERE f.person_id = e.person_id AND f.name IN (?, ?) AND f.ts > e.ts \
                AND f.ts <= e.ts + ? AND f.ts <= ?))
                """)
        #expect(
            result.bindings == [
                .text("Checkout Started"), .integer(testNow - 24 * hour), .integer(testNow), .text("Order Completed"),
                .text("Purchase"), .integer(6 * hour), .integer(testNow),
            ])
    }

    @Test func notFollowedByWithFilterAndCount() throws {
        let result = try compile(
            "Checkout Started 2+ times in last 24h not followed by Purchased where value > 5 within 6h")
        #expect(
            result.sql == """
                p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts > ? AND e.ts <= ? AND e.ts <= ? \
                AND NOT EXISTS (SELECT 1 FROM events f WHERE f.person_id = e.person_id AND f.name IN (?, ?) \
                AND f.ts > e.ts AND f.ts <= e.ts + ? AND f.ts <= ? AND f.value > ?) \
                GROUP BY e.person_id HAVING COUNT(*) >= ?)
                """)
        #expect(
            result.bindings == [
                .text("Checkout Started"), .integer(testNow - 24 * hour), .integer(testNow),
                .integer(testNow - 6 * hour),
                .text("Order Completed"), .text("Purchase"), .integer(6 * hour), .integer(testNow), .real(5),
                .integer(2),
            ])
    }

    @Test func aggregates() throws {
        let sum = try compile("sum(value) of Purchased in last 365d > 300")
        #expect(
            sum.sql == """
                p.id IN (SELECT e.person_id FROM events e WHERE e.name IN (?, ?) AND e.ts > ? AND e.ts <= ? \
                GROUP BY e.person_id HAVING TOTAL(e.value) > ?)
                """)
        #expect(
            sum.bindings == [
                .text("Order Completed"), .text("Purchase"), .integer(testNow - 365 * day), .integer(testNow),
                .real(300),
            ])
        // 0 < 100 holds for people without purchases: compiled as the complement.
        #expect(
            try compile("sum(value) of Refunded < 100").sql == """
                p.id NOT IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ? \
                GROUP BY e.person_id HAVING NOT (TOTAL(e.value) < ?))
                """)
        let average = try compile("avg(price) of Refunded >= 2")
        #expect(
            average.sql == """
                p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ? GROUP BY e.person_id HAVING \
                AVG(segsync_num(CASE WHEN json_type(e.properties, ?) IN ('integer', 'real', 'text') \
                THEN json_extract(e.properties, ?) END)) >= ?)
                """)
        #expect(
            average.bindings == [
                .text("Refunded"), .integer(testNow), .text(#"$."price""#), .text(#"$."price""#), .real(2),
            ])
        // avg, min and max over no events are false, whatever the comparison.
        #expect(try compile("min(value) of Refunded < 1").sql.hasPrefix("p.id IN ("))
        #expect(try compile("max(value) of Refunded <= 0").sql.hasSuffix("HAVING MAX(e.value) <= ?)"))
    }

    @Test func attributeComparisons() throws {
        let attributes =
            "p.id IN (SELECT a.person_id FROM attributes a WHERE a.key_norm = ? AND a.value IS NOT NULL AND "
        let cases: [(String, String, [SQLValue])] = [
            ("LTV > $300", "a.num > ?)", [.text("ltv"), .real(300)]),
            ("ltv = \"300\"", "a.str = ?)", [.text("ltv"), .text("300")]),
            ("ltv != 5", "(a.num IS NULL OR a.num <> ?))", [.text("ltv"), .real(5)]),
            ("ltv <= 2024-01-01", "a.time_ms <= ?)", [.text("ltv"), .integer(1_704_067_200_000)]),
            ("vip = true", "json_type(a.value) = ?)", [.text("vip"), .text("true")]),
            ("vip != false", "NOT (json_type(a.value) = ?))", [.text("vip"), .text("false")]),
            ("vip > true", "FALSE)", [.text("vip")]),
            (
                "plan in (\"a\", 1, false)", "(a.num IN (?) OR a.str IN (?) OR json_type(a.value) = ?))",
                [.text("plan"), .real(1), .text("a"), .text("false")]
            ),
            (
                "plan not in (\"a\", \"b\", 2)",
                "((a.num IS NULL OR a.num NOT IN (?)) AND (a.str IS NULL OR a.str NOT IN (?, ?))))",
                [.text("plan"), .real(2), .text("a"), .text("b")]
            ),
            (
                "tags contains \"vip\"",
                "(COALESCE(instr(a.str, ?), 0) > 0 OR EXISTS (SELECT 1 FROM json_each(a.value) AS j "
                    + "WHERE json_type(a.value) = 'array' AND j.type = 'text' AND j.value = ?)))",
                [.text("tags"), .text("vip"), .text("vip")]
            ),
            (
                "tags not contains \"vip\"",
                "NOT (COALESCE(instr(a.str, ?), 0) > 0 OR EXISTS (SELECT 1 FROM json_each(a.value) AS j "
                    + "WHERE json_type(a.value) = 'array' AND j.type = 'text' AND j.value = ?)))",
                [.text("tags"), .text("vip"), .text("vip")]
            ),
            (
                "last_order_at more than 90d ago", "a.time_ms <= ?)",
                [.text("last_order_at"), .integer(testNow - 90 * day)]
            ),
            ("seen less than 7d ago", "a.time_ms > ?)", [.text("seen"), .integer(testNow - 7 * day)]),
            ("seen before 2024-01-01", "a.time_ms < ?)", [.text("seen"), .integer(1_704_067_200_000)]),
            ("seen after 30d ago", "a.time_ms > ?)", [.text("seen"), .integer(testNow - 30 * day)]),
            (
                "address.country = \"US\"",
                "(CASE WHEN json_type(a.value, ?) = 'text' THEN json_extract(a.value, ?) END) = ?)",
                [.text("address"), .text(#"$."country""#), .text(#"$."country""#), .text("US")]
            ),
        ]
        for (rule, sql, bindings) in cases {
            let result = try compile(rule)
            #expect(result.sql == attributes + sql, "\(rule)")
            #expect(result.bindings == bindings, "\(rule)")
        }
    }

    @Test func attributePresence() throws {
        let select = "SELECT a.person_id FROM attributes a WHERE a.key_norm = ? AND a.value IS NOT NULL"
        #expect(try compile("plan is set").sql == "p.id IN (\(select))")
        #expect(try compile("plan is not set").sql == "p.id NOT IN (\(select))")
        let nested = try compile("address.zip is not set")
        #expect(nested.sql == "p.id NOT IN (\(select) AND COALESCE(json_type(a.value, ?), 'null') <> 'null')")
        #expect(nested.bindings == [.text("address"), .text(#"$."zip""#)])
    }

    @Test func propertyFilters() throws {
        let result = try compile(#"Refunded where (items.0.sku = "a" or value >= 5 and gift = true)"#)
        #expect(
            result.sql
                == events(
                    "= ?",
                    "e.ts <= ? AND ((CASE WHEN json_type(e.properties, ?) = 'text' "
                        + "THEN json_extract(e.properties, ?) END) = ? "
                        + "OR (e.value >= ? AND json_type(e.properties, ?) = ?))"))
        #expect(
            result.bindings == [
                .text("Refunded"), .integer(testNow), .text(#"$."items"[0]."sku""#), .text(#"$."items"[0]."sku""#),
                .text("a"), .real(5), .text(#"$."gift""#), .text("true"),
            ])
        #expect(
            try compile("Refunded where value is not set").sql
                == events("= ?", "e.ts <= ? AND NOT (e.value IS NOT NULL)"))
        #expect(try compile(#"Refunded where value = "a""#).sql == events("= ?", "e.ts <= ? AND FALSE"))
        #expect(try compile(#"Refunded where value != "a""#).sql == events("= ?", "e.ts <= ? AND e.value IS NOT NULL"))
        #expect(
            try compile(#"Refunded where reason != "x""#).sql
                == events(
                    "= ?",
                    "e.ts <= ? AND (COALESCE(json_type(e.properties, ?), 'null') <> 'null' "
                        + "AND ((CASE WHEN json_type(e.properties, ?) = 'text' "
                        + "THEN json_extract(e.properties, ?) END) IS NULL "
                        + "OR (CASE WHEN json_type(e.properties, ?) = 'text' "
                        + "THEN json_extract(e.properties, ?) END) <> ?))"))
    }

    @Test func booleanStructure() throws {
        let atom = "p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts <= ?)"
        #expect(try compile("A OR B AND C", knownEvents: []).sql == "(\(atom) OR (\(atom) AND \(atom)))")
        #expect(try compile("NOT (A OR B)", knownEvents: []).sql == "NOT (\(atom) OR \(atom))")
        #expect(try compile("NOT NOT A", knownEvents: []).sql == "NOT (NOT (\(atom)))")
    }

    @Test func longChainsNestInGroupsOfEight() throws {
        let rule = (1...20).map { "E\($0)" }.joined(separator: " OR ")
        let sql = try compile(rule, knownEvents: []).sql
        #expect(sql.hasPrefix("(((p.id IN"))
        #expect(sql.components(separatedBy: " OR ").count == 20)
        let bindings = try compile(rule, knownEvents: []).bindings
        #expect(bindings.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) == (1...20).map { .text("E\($0)") })
    }

    @Test func eventOrAttributeFollowsTheKnownEvents() throws {
        #expect(try compile("Refunded more than 90d ago").sql.contains("FROM events e"))
        #expect(try compile("Refunded more than 90d ago", knownEvents: []).sql.contains("FROM attributes a"))
        // An alias declares its canonical name as an event even when the store has seen none.
        #expect(try compile("Purchased more than 90d ago", knownEvents: []).sql.contains("FROM events e"))
    }

    @Test func everyFormCompilesToPlaceholdersOnly() throws {
        for form in [
            "X", "X where a = 1", "X 2+ times", "X in last 1d followed by Y within 1h", "count of X > 1",
            "sum(v) of X < 3", "ltv > 1", "ltv is not set", "ltv contains \"q\"", "a.b in (1, \"s\", true, 2024-01-01)",
        ] {
            let query = try compiled(form)
            let placeholders = query.sql.filter { $0 == "?" }.count
            #expect(placeholders == query.bindings.count, "\(form)")
        }
    }
}

extension String {
    /// The pieces of the string between occurrences of `separator` (no Foundation in these tests).
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        var pieces: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            pieces.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        pieces.append(rest)
        return pieces
    }
}
