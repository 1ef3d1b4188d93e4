import Engine
import Testing

@Suite struct CommandLineInstantTests {
    @Test func flagsTakeISOOrUnixSeconds() throws {
        #expect(try CommandLineInstant.parse("1795185005", flag: "--since") == 1_795_185_005_000)
        #expect(try CommandLineInstant.parse("2026-11-20T14:30:05Z", flag: "--since") == 1_795_185_005_000)
        #expect(try CommandLineInstant.parse("2026-11-20T15:30:05.250+01:00", flag: "--now") == 1_795_185_005_250)
        // As a message timestamp: no zone is UTC.
        #expect(try CommandLineInstant.parse("2026-11-20T14:30:05", flag: "--since") == 1_795_185_005_000)
        #expect(throws: CommandLineInstantError(flag: "--since", text: "soon")) {
            try CommandLineInstant.parse("soon", flag: "--since")
        }
        #expect(throws: CommandLineInstantError(flag: "--as-of", text: "99999999999999999999")) {
            try CommandLineInstant.parse("99999999999999999999", flag: "--as-of")
        }
    }

    /// Every flag that takes a time says the same thing when it cannot read one, naming itself.
    @Test(arguments: ["--as-of", "--since", "--now"])
    func everyFlagHasTheSameError(flag: String) {
        do {
            let parsed = try CommandLineInstant.parse("yesterday", flag: flag)
            Issue.record("'yesterday' read as \(parsed)")
        } catch {
            #expect(error.description
                == "\(flag) 'yesterday' is not an instant: use ISO-8601 such as 2026-11-29T12:00:00Z or Unix seconds.")
        }
    }

    @Test func noAsOfIsNow() throws {
        let before = Store.wallClockMillis()
        let instant = try CommandLineInstant.evaluationInstant(nil)
        #expect(instant >= before && instant <= Store.wallClockMillis())
        #expect(try CommandLineInstant.evaluationInstant("1795185005") == 1_795_185_005_000)
    }
}
