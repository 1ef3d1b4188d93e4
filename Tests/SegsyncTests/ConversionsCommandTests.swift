import Foundation
import PinterestStandIn
import SegsyncTesting
import Testing

/// `segsync conversions send` and `status`, run as the built binary against a stand-in.
@Suite struct ConversionsCommandTests {
    static let token = "conversions-cli-token"

    /// A store with a buyer's cart, checkout and order an hour ago, and one event too old to send.
    static func store(_ directory: TemporaryDirectory) async throws -> String {
        let at = Message.millis(ago: 3600)
        let file = try directory.write("feed.ndjson", [
            Message.identify(user: "u1", atMillis: at - 60_000, traits: "{\"email\": \"test@gmail.com\"}"),
            Message.track("Add to Cart", user: "u1", atMillis: at, id: "cart", properties: Message.cartProperties()),
            Message.track("Add to Cart", user: "u1", atMillis: at + 60_000, id: "cart-again",
                          properties: Message.cartProperties()),
            Message.track("Checkout Started", user: "u1", atMillis: at + 120_000, id: "checkout",
                          properties: Message.orderProperties()),
            Message.track("Order Completed", user: "u1", atMillis: at + 180_000, id: "order",
                          properties: Message.orderProperties(currency: nil)),
            Message.track("Product Viewed", user: "u1", atMillis: Message.millis(ago: 9 * 86_400), id: "old"),
        ].joined(separator: "\n"))
        let db = directory.path("s.sqlite")
        let ingest = try await Self.run(["ingest", "--db", db, file])
        #expect(ingest.status == 0)
        return db
    }

    /// Runs the binary on a thread of its own: the stand-in answers on the test process's cooperative threads,
    /// which a blocking wait must not hold.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws
        -> CommandRunner.Result
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try CommandRunner.run(arguments, environment: environment) })
            }
        }
    }

    static func environment(_ standIn: PinterestStandIn) -> [String: String] {
        [
            "PINTEREST_ACCESS_TOKEN": token, "PINTEREST_AD_ACCOUNT_ID": "549755885175",
            "PINTEREST_API_BASE": standIn.baseURL.absoluteString,
        ]
    }

    @Test func sendPrintsTheContractAndARerunSendsNothing() async throws {
        let directory = TemporaryDirectory()
        let db = try await Self.store(directory)
        try await PinterestStandIn.with(StandInConfiguration(accessToken: Self.token)) { standIn in
            let result = try await Self.run(["conversions", "send", "--db", db, "--json"],
                environment: Self.environment(standIn))
            #expect(result.status == 0, "\(result.stderr)")
            let json = try result.json()
            #expect(json["considered"] as? Int == 5)
            #expect(json["sent"] as? Int == 2)
            #expect(json["processed"] as? Int == 2)
            #expect(json["failed"] as? Int == 0)
            #expect(json["collapsed"] as? Int == 1)
            #expect(json["skipped"] as? [String: Int] == ["unmatchable": 0, "too_old": 1, "incomplete_purchase": 1])
            #expect(json["requests"] as? Int == 1)
            #expect(!result.stdout.dropLast().contains("\n"))
            #expect(await standIn.conversionEvents().map(\.eventID) == ["cart", "checkout"])

            let again = try await Self.run(["conversions", "send", "--db", db, "--json"],
                environment: Self.environment(standIn))
            #expect(try again.json()["sent"] as? Int == 0)
            #expect(try again.json()["considered"] as? Int == 1)

            let released = try await Self.run(
                ["conversions", "send", "--db", db, "--json", "--allow-incomplete-purchases"],
                environment: Self.environment(standIn)
            )
            #expect(try released.json()["processed"] as? Int == 1)

            let status = try await Self.run(["conversions", "status", "--db", db, "--json"])
            #expect(status.status == 0)
            let summary = try status.json()
            #expect(summary["sent"] as? Int == 3)
            #expect(summary["processed"] as? Int == 3)
            #expect(summary["collapsed"] as? Int == 1)
            #expect(summary["skipped"] as? [String: Int] == ["unmatchable": 0, "too_old": 1, "incomplete_purchase": 0])
            #expect(summary["pending"] as? Int == 0)
            #expect((summary["last_run"] as? [String: Any])?["status"] as? String == "ok")

            let text = try await Self.run(["conversions", "status", "--db", db])
            #expect(text.stdout.contains("sent 3 (processed 3, failed 0)"))
        }
    }

    @Test func dryRunNeedsNoTokenAndRecordsNothing() async throws {
        let directory = TemporaryDirectory()
        let db = try await Self.store(directory)
        let result = try await Self.run(["conversions", "send", "--db", db, "--dry-run", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["dry_run"] as? Bool == true)
        #expect(json["batched"] as? Int == 2)
        #expect(json["sent"] as? Int == 0)
        let status = try await Self.run(["conversions", "status", "--db", db, "--json"])
        #expect(try status.json()["pending"] as? Int == 5)
        #expect(try status.json()["sent"] as? Int == 0)
    }

    @Test func aConfigurationFileChangesTheMap() async throws {
        let directory = TemporaryDirectory()
        let db = try await Self.store(directory)
        let config = try directory.write("conversions.yml", "events:\n  Order Completed: checkout\n")
        let result = try await Self.run(
            ["conversions", "send", "--db", db, "--dry-run", "--json", "--config", config,
             "--allow-incomplete-purchases"]
        )
        #expect(try result.json()["considered"] as? Int == 1)
        #expect(try result.json()["batched"] as? Int == 1)

        let bad = try directory.write("bad.yml", "events:\n  Order Completed: purchase\n")
        let failed = try await Self.run(["conversions", "send", "--db", db, "--dry-run", "--config", bad])
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains("Error: \(bad):2: 'purchase' (for Order Completed) is not a Pinterest event name")
        )
    }

    @Test func flagsAndEnvironmentAreChecked() async throws {
        let directory = TemporaryDirectory()
        let db = directory.path("s.sqlite")
        let since = try await Self.run(["conversions", "send", "--db", db, "--since", "yesterday"])
        #expect(since.status == 64)
        #expect(since.stderr.contains("--since 'yesterday' is not an instant"))
        let both = try await Self.run(["conversions", "send", "--db", db, "--test", "--dry-run"])
        #expect(both.status == 64)
        let noToken = try await Self.run(
            ["conversions", "send", "--db", db], environment: ["PINTEREST_ACCESS_TOKEN": ""]
        )
        #expect(noToken.status == 1)
        #expect(noToken.stderr.contains("Error: PINTEREST_ACCESS_TOKEN is not set"))
    }

    @Test func testModeSendsWithTheFlagAndRecordsNothing() async throws {
        let directory = TemporaryDirectory()
        let db = try await Self.store(directory)
        try await PinterestStandIn.with(StandInConfiguration(accessToken: Self.token)) { standIn in
            let result = try await Self.run(["conversions", "send", "--db", db, "--test", "--json"],
                environment: Self.environment(standIn))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try result.json()["processed"] as? Int == 2)
            #expect(try result.json()["test"] as? Bool == true)
            #expect(await standIn.requests(to: .sendEvents).first?.query == ["test": "true"])
            #expect(await standIn.conversionEvents().isEmpty)
            let status = try await Self.run(["conversions", "status", "--db", db, "--json"])
            #expect(try status.json()["sent"] as? Int == 0)
            #expect(try status.json()["pending"] as? Int == 5)
        }
    }
}
