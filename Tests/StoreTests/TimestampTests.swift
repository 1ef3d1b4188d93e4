import SegsyncTesting
import Testing

@testable import Store

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-20T14:30:05.123+00:00", 1_795_185_005_123),
        ("2026-11-20T14:30:05.123Z", 1_795_185_005_123),
        ("2026-11-20T14:30:05.123456+00:00", 1_795_185_005_123),
        ("2026-11-20T14:30:05.123000+00:00", 1_795_185_005_123),
        ("2026-11-20T14:30:05Z", 1_795_185_005_000),
        ("2026-11-20T14:30Z", 1_795_185_000_000),
        ("2026-11-20T15:30:05.1+01:00", 1_795_185_005_100),
        ("2026-11-20T09:30:05.123-0500", 1_795_185_005_123),
        ("2026-11-20 14:30:05", 1_795_185_005_000),
        ("2026-11-20", 1_795_132_800_000),
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ] as [(String, Int64)])
    func parses(_ text: String, millis: Int64) {
        #expect(Timestamp.parseISO8601(text) == millis)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29T00:00:00Z", "2026-11-20T25:00:00Z",
                      "2026-11-20T14:30:05.Z", "2026-11-20T14:30:05+5", "2026-11-20T14:30:05Zjunk", "20261120"])
    func rejects(_ text: String) {
        #expect(Timestamp.parseISO8601(text) == nil)
    }

    @Test func formatsWhatItParses() {
        for millis: Int64 in [0, 1_795_185_005_123, 1_795_185_005_000, 951_782_400_000, -86_400_000] {
            #expect(Timestamp.parseISO8601(Timestamp.format(millis)) == millis)
        }
        #expect(Timestamp.format(1_795_185_005_000) == "2026-11-20T14:30:05Z")
        #expect(Timestamp.format(1_795_185_005_123) == "2026-11-20T14:30:05.123Z")
    }

    @Test(arguments: [("300", 300.0), ("-1.5", -1.5), ("1e3", 1000.0), ("0.25", 0.25), ("+7", 7.0)] as [(String, Double)])
    func numericText(_ text: String, value: Double) {
        #expect(NumericText.parse(text) == value)
    }

    @Test(arguments: ["", "abc", "300 ", " 300", "1e", "inf", "nan", "0x10", "1,000", "$300", "."])
    func notNumericText(_ text: String) {
        #expect(NumericText.parse(text) == nil)
    }

    @Test func sqlFunctionsFollowTheSameRules() throws {
        let directory = TemporaryDirectory()
        let database = try Database(path: directory.path("functions.sqlite"))
        #expect(try database.scalar("SELECT segsync_num('300')") == .real(300))
        #expect(try database.scalar("SELECT segsync_num('gold')") == .null)
        #expect(try database.scalar("SELECT segsync_num(json_extract('{\"a\": 12}', '$.a'))") == .real(12))
        #expect(try database.scalar("SELECT segsync_time('2026-11-20T14:30:05.123Z')") == .integer(1_795_185_005_123))
        #expect(try database.scalar("SELECT segsync_time(1795185005)") == .integer(1_795_185_005_000))
        #expect(try database.scalar("SELECT segsync_time('soon')") == .null)
    }
}
