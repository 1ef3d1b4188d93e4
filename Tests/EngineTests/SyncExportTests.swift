import Engine
import Foundation
import Pinterest
import Testing

/// `export suppression`: every suppressed person once, with identifiers and the segments that hold them.
@Suite struct SyncExportTests {
    static func export(_ fixture: SyncFixture, format: SuppressionExport.Format, hashing: SuppressionExport.Hashing)
        throws -> (lines: [String], summary: SuppressionExport.Summary)
    {
        var text = ""
        let summary = try SuppressionExport(store: fixture.store, catalog: try fixture.catalog())
            .write(at: SyncShop.t0, format: format, hashing: hashing) { text += $0 }
        return (text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), summary)
    }

    /// The shop plus a refund for the buyer (in both suppression segments) and a phone for a refunder.
    static let lines = SyncShop.messages() + [
        SyncShop.track("Refunded", user: "buyer", at: SyncShop.t0 - SyncShop.hour),
        SyncShop.identify("r1", at: SyncShop.t0 - SyncShop.day, traits: "{\"phone\": \"+1 (415) 555-0132\"}"),
        SyncShop.track("Refunded", user: "r1", at: SyncShop.t0 - SyncShop.day),
    ]

    @Test func csvHashedAsPinterestMatches() async throws {
        try await SyncFixture.with(lines: Self.lines) { fixture in
            let (lines, summary) = try Self.export(fixture, format: .csv, hashing: .sha256)
            #expect(summary.people == 2)
            #expect(summary.segments == ["purchased_14d": 1, "refunded": 2])
            let phone = try #require(PinterestHashing.hashed("+1 (415) 555-0132") { Identifiers.normalizedPhone($0) })
            #expect(lines == [
                "user_id,anonymous_id,email_sha256,phone_sha256,segments",
                "buyer,,\(SyncShop.hash("buyer")),,purchased_14d;refunded",
                "r1,,,\(phone),refunded",
                "",
            ])
        }
    }

    @Test func ndjsonAsStored() async throws {
        try await SyncFixture.with(lines: Self.lines) { fixture in
            let (lines, _) = try Self.export(fixture, format: .ndjson, hashing: .none)
            #expect(lines == [
                "{\"user_id\":\"buyer\",\"anonymous_id\":null,\"email\":\"buyer@Example.com\",\"phone\":null,"
                    + "\"segments\":[\"purchased_14d\",\"refunded\"]}",
                "{\"user_id\":\"r1\",\"anonymous_id\":null,\"email\":null,\"phone\":\"+1 (415) 555-0132\","
                    + "\"segments\":[\"refunded\"]}",
                "",
            ])
            for line in lines.dropLast() {
                #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
            }
        }
    }

    @Test func csvFieldsAreQuotedWhenTheyMustBe() async throws {
        let lines = [
            SyncShop.identify("o'hara, \\\"jr\\\"", at: SyncShop.t0 - SyncShop.day,
                              traits: "{\"email\": \"x@example.com\"}"),
            SyncShop.track("Refunded", user: "o'hara, \\\"jr\\\"", at: SyncShop.t0 - SyncShop.day),
        ]
        try await SyncFixture.with(lines: lines) { fixture in
            let (output, summary) = try Self.export(fixture, format: .csv, hashing: .none)
            #expect(summary.people == 1)
            #expect(output.dropFirst().first == "\"o'hara, \"\"jr\"\"\",,x@example.com,,refunded")
        }
    }
}
