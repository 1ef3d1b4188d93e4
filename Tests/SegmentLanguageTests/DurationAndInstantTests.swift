import Testing

@testable import SegmentLanguage

@Suite struct DurationTests {
    @Test(arguments: [
        ("24h", 86_400), ("6 hours", 21_600), ("14 days", 1_209_600), ("2w", 1_209_600), ("30m", 1_800),
        ("30 min", 1_800), ("1 mins", 60), ("5 minute", 300), ("5 minutes", 300), ("3 hr", 10_800),
        ("3hrs", 10_800), ("1 hour", 3_600), ("1d", 86_400), ("1 day", 86_400), ("2 wk", 1_209_600),
        ("1 week", 604_800), ("3 weeks", 1_814_400), ("0m", 0), ("24H", 86_400), ("2 Days", 172_800),
        ("  7d ", 604_800),
    ])
    func durations(_ text: String, seconds: Int) throws {
        #expect(try RuleDuration(parsing: text).seconds == seconds)
    }

    @Test(arguments: ["", "h", "24", "24x", "1.5h", "-3d", "24 h ago", "2 months", "99999999999999999w"])
    func notDurations(_ text: String) {
        #expect(throws: RuleValueError(text: text, expected: .duration)) { try RuleDuration(parsing: text) }
    }

    @Test func milliseconds() throws {
        #expect(try RuleDuration(parsing: "6h").milliseconds == 21_600_000)
    }

    @Test(arguments: [(AST.weeks(2), "2w"), (AST.days(3), "3d"), (AST.hours(36), "36h"), (AST.minutes(90), "90m")])
    func descriptions(_ duration: RuleDuration, text: String) {
        #expect(duration.description == text)
    }
}

@Suite struct InstantTests {
    @Test(arguments: [
        ("2024-05-01", 1_714_521_600_000),
        ("2024-05-01T09:30Z", 1_714_555_800_000),
        ("2024-05-01T09:30:00Z", 1_714_555_800_000),
        ("2024-05-01T09:30:00.5Z", 1_714_555_800_500),
        ("2024-05-01T09:30:00.123456789Z", 1_714_555_800_123),
        ("2024-05-01T11:30:00+02:00", 1_714_555_800_000),
        ("2024-05-01T04:00:00-0530", 1_714_555_800_000),
        ("2024-05-01t09:30:00z", 1_714_555_800_000),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1_000),
        ("2000-02-29", 951_782_400_000),
        ("1714555800", 1_714_555_800_000),
        ("1714555800.25", 1_714_555_800_250),
        (" 2024-05-01 ", 1_714_521_600_000),
    ])
    func instants(_ text: String, milliseconds: Int64) throws {
        #expect(try RuleInstant(parsing: text).milliseconds == milliseconds)
    }

    @Test(arguments: [
        "", "2024-5-1", "2024-13-01", "2024-02-30", "2023-02-29", "2024-05-01T25:00Z", "2024-05-01T09:30",
        "2024-05-01T09:60Z", "2024-05-01T09:30:00.1234567890Z", "yesterday", "1714555800.", "-5", "2024-05-01Z",
    ])
    func notInstants(_ text: String) {
        #expect(throws: RuleValueError(text: text, expected: .instant)) { try RuleInstant(parsing: text) }
    }

    @Test func description() {
        #expect(RuleInstant(milliseconds: 1_714_555_800_250).description == "2024-05-01T09:30:00.250Z")
        #expect(RuleInstant(milliseconds: 1_714_521_600_000).description == "2024-05-01")
        #expect(RuleInstant(milliseconds: -1_000).description == "1969-12-31T23:59:59Z")
    }

    @Test func calendarRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = ISO8601.civilFromDays(days)
            #expect(ISO8601.daysFromCivil(year: year, month: month, day: day) == days)
        }
    }

    @Test func errorDescription() {
        #expect(
            RuleValueError(text: "soon", expected: .instant).description
                == "\"soon\" is not an instant; write an ISO-8601 date or date-time such as 2024-05-01 or "
                + "2024-05-01T09:30:00Z, or Unix seconds such as 1714555800")
    }
}
