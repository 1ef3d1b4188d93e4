import Foundation
import Pinterest
import PinterestStandIn
import SegsyncTesting
import Store
import Testing

/// `segsync plan`, `sync`, `history` and `export suppression` as a person or a script runs them, against a
/// Pinterest stand-in started by the test and named by PINTEREST_API_BASE.
@Suite struct SyncCommandTests {
    @Test func retireIsNotRepeatedByEvery() throws {
        let result = try CommandRunner.run(["sync", "--every", "15m", "--retire", "old_carts"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--retire is done once"))
    }

    static let token = "pina_CLI-SECRET-token-93d1"
    static let account = "549755885175"
    /// 2026-11-20T12:00:00Z, the instant the shared message helpers count from.
    static let asOf = "2026-11-20T12:00:00Z"

    /// A directory with segment files and a store of 12 shoppers with carts (ingested with `segsync ingest`), one of
    /// whom bought (suppressed) and one without an email; and a stand-in.
    static func shop(_ body: (SyncShell, PinterestStandIn) async throws -> Void) async throws {
        let directory = TemporaryDirectory("segsync-sync-cli")
        var lines: [String] = []
        for index in 0..<12 {
            let user = "user-\(index)"
            if index != 11 {
                lines.append(Message.identify(user: user, at: -86_400, traits: "{\"email\": \"\(user)@example.com\"}"))
            }
            lines.append(Message.track("Add to Cart", user: user, at: -Double(index + 1) * 600))
        }
        lines.append(Message.track("Order Completed", user: "user-0", at: -300))
        try directory.write("shop.ndjson", lines.joined(separator: "\n") + "\n")
        try FileManager.default.createDirectory(
            at: directory.url.appendingPathComponent("segments"), withIntermediateDirectories: true)
        try directory.write("segments/carts.yml", "rule: Add to Cart in last 24h\npinterest:\n  audience: Carts\n")
        try directory.write("segments/purchased_14d.yml", "rule: Order Completed in last 14d\nsuppression: true\n")
        try await PinterestStandIn.with(StandInConfiguration(accessToken: token)) { standIn in
            let shell = SyncShell(directory: directory, environment: [
                "SEGSYNC_DB": directory.path("s.sqlite"), "PINTEREST_ACCESS_TOKEN": token,
                "PINTEREST_AD_ACCOUNT_ID": account, "PINTEREST_API_BASE": standIn.baseURL.absoluteString,
            ])
            let ingest = try await shell.run("ingest", "shop.ndjson")
            #expect(ingest.status == 0, "\(ingest.stderr)")
            try await body(shell, standIn)
        }
    }

    /// The hashes the Carts list must hold: users 1 to 10 (0 bought, 11 has no email).
    static let expected = Set((1...10).compactMap { PinterestHashing.hashedEmail("user-\($0)@example.com") })

    @Test func planThenSyncPrintTheContractAndARerunCostsNothing() async throws {
        try await Self.shop { shell, standIn in
            let plan = try await shell.run("plan", "--as-of", Self.asOf, "--json")
            #expect(plan.status == 0, "\(plan.stderr)")
            let planned = try plan.json()
            #expect(planned["as_of"] as? String == Self.asOf)
            #expect(planned["newest_event"] as? String == "2026-11-20T11:55:00Z")
            #expect(planned["newest_event_age_seconds"] as? Int == 300)
            let audience = try #require((planned["audiences"] as? [[String: Any]])?.first)
            #expect(Set(audience.keys).isSuperset(of: [
                "name", "members", "suppressed", "add", "remove", "unchanged", "calls", "status",
            ]))
            #expect(audience["name"] as? String == "carts")
            #expect(audience["members"] as? Int == 11)
            #expect(audience["suppressed"] as? Int == 1)
            #expect(audience["add"] as? Int == 10)
            #expect(audience["calls"] as? Int == 4)
            #expect(plan.stderr.contains("warning: TOO_SMALL: carts holds 10 matchable people"))
            #expect(await standIn.requests().isEmpty)

            let sync = try await shell.run("sync", "--as-of", Self.asOf, "--json")
            #expect(sync.status == 0, "\(sync.stderr)")
            let synced = try sync.json()
            #expect(synced["status"] as? String == "ok")
            let carts = try #require((synced["audiences"] as? [[String: Any]])?.first)
            #expect(carts["status"] as? String == "ok")
            #expect(carts["added"] as? Int == 10)
            let list = try #require(await standIn.customerLists().first)
            #expect(list.name == "Carts")
            #expect(await standIn.records(ofList: list.id) == Self.expected)
            #expect(await standIn.audiences().map(\.name) == ["Carts"])

            await standIn.clearRequests()
            let again = try await shell.run("sync", "--as-of", Self.asOf, "--json")
            #expect(again.status == 0)
            #expect((try again.json()["audiences"] as? [[String: Any]])?.first?["calls"] as? Int == 0)
            #expect(await standIn.requests().isEmpty)

            let history = try await shell.run("history", "--json")
            #expect(history.status == 0)
            let runs = try #require(try history.json()["runs"] as? [[String: Any]])
            #expect(runs.count == 2)
            #expect((runs.last?["batches"] as? [[String: Any]])?.first?["operation"] as? String == "CREATE")
            let text = try await shell.run("history")
            #expect(text.stdout.contains("batch carts CREATE 10: acknowledged"))
        }
    }

    @Test func aFailedAudienceExitsWithStatus1AndTheTokenNeverShows() async throws {
        try await Self.shop { shell, standIn in
            await standIn.inject(
                .error(status: 400, code: 1, message: "bad token \(Self.token)"), on: .createCustomerList)
            let failed = try await shell.run("sync", "--as-of", Self.asOf, "--json")
            #expect(failed.status == 1)
            let audience = try #require((try failed.json()["audiences"] as? [[String: Any]])?.first)
            #expect(audience["status"] as? String == "failed")
            #expect((audience["error"] as? String)?.contains("[redacted]") == true)

            var environment = shell.environment
            environment["PINTEREST_ACCESS_TOKEN"] = Self.token + "-wrong"
            environment["SEGSYNC_LOG_LEVEL"] = "trace"
            let wrong = try await SyncShell(directory: shell.directory, environment: environment)
                .run("sync", "--as-of", Self.asOf)
            #expect(wrong.status == 1)
            #expect(wrong.stdout.contains("Pinterest 401 (code 2)"))
            let history = try await shell.run("history", "--json")
            for output in [failed, wrong, history] {
                for text in [output.stdout, output.stderr] {
                    #expect(!text.contains("CLI-SECRET"), "the token leaked into: \(text)")
                    #expect(!text.contains("@example.com"))
                    #expect(!Self.expected.contains { text.contains($0) })
                }
            }
        }
    }

    @Test func aSecondSyncAgainstTheStoreExitsWithAClearMessage() async throws {
        try await Self.shop { shell, _ in
            let lock = try StoreLock(store: shell.directory.path("s.sqlite"), for: .sync)
            let blocked = try await shell.run("sync", "--as-of", Self.asOf)
            #expect(blocked.status == 1)
            #expect(blocked.stderr.contains("Error: cannot sync: another sync is running against this store (pid "))
            withExtendedLifetime(lock) {}
        }
    }

    @Test func staleDataIsRefusedWithStatus1() async throws {
        try await Self.shop { shell, standIn in
            let stale = try await shell.run("sync", "--as-of", "2026-11-22T12:00:00Z", "--json")
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("Error: refusing to sync: the newest stored event (2026-11-20T11:55:00Z) is "
                + "2d 0h old at 2026-11-22T12:00:00Z, more than --max-staleness 24h"))
            #expect(try stale.json()["status"] as? String == "refused")
            #expect(await standIn.requests().isEmpty)
            let allowed = try await shell.run("sync", "--as-of", "2026-11-22T12:00:00Z", "--max-staleness", "3d")
            #expect(allowed.status == 0, "\(allowed.stderr)")
        }
    }

    @Test func badFlagsAndSettingsAreClearErrors() async throws {
        try await Self.shop { shell, _ in
            #expect(try await shell.run("sync", "--every", "15m", "--as-of", Self.asOf).status == 64)
            #expect(try await shell.run("sync", "--every", "soon").status == 64)
            #expect(try await shell.run("plan", "--max-staleness", "a while").status == 64)
            let unknown = try await shell.run("plan", "cart")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no segment \"cart\"; did you mean \"carts\"?"))
            var environment = shell.environment
            environment["SEGSYNC_BATCH_SIZE"] = "0"
            environment["PINTEREST_ACCESS_TOKEN"] = nil
            let bad = try await SyncShell(directory: shell.directory, environment: environment)
                .run("plan", "--as-of", Self.asOf)
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("SEGSYNC_BATCH_SIZE must be a whole number from 1 to 100000"))
            environment["SEGSYNC_BATCH_SIZE"] = nil
            let noToken = try await SyncShell(directory: shell.directory, environment: environment)
                .run("sync", "--as-of", Self.asOf)
            #expect(noToken.status == 1)
            #expect(noToken.stderr.contains("PINTEREST_ACCESS_TOKEN is not set"))
        }
    }

    @Test func exportSuppressionWritesEachSuppressedPersonOnce() async throws {
        try await Self.shop { shell, _ in
            let csv = try await shell.run("export", "suppression", "--as-of", Self.asOf)
            #expect(csv.status == 0, "\(csv.stderr)")
            let hash = try #require(PinterestHashing.hashedEmail("user-0@example.com"))
            #expect(csv.stdout == "user_id,anonymous_id,email_sha256,phone_sha256,segments\n"
                + "user-0,,\(hash),,purchased_14d\n")
            let file = shell.directory.path("suppression.ndjson")
            let ndjson = try await shell.run(
                "export", "suppression", "--as-of", Self.asOf, "--format", "ndjson", "--hash", "none", "--output",
                file, "--json")
            #expect(ndjson.status == 0, "\(ndjson.stderr)")
            #expect(try ndjson.json()["people"] as? Int == 1)
            #expect(try String(contentsOfFile: file, encoding: .utf8)
                == "{\"user_id\":\"user-0\",\"anonymous_id\":null,"
                + "\"email\":\"user-0@example.com\",\"phone\":null,\"segments\":[\"purchased_14d\"]}\n")
            #expect(try await shell.run("export", "suppression", "--json").status == 64)
        }
    }

    @Test func everySyncsAtOnceAndSIGTERMEndsItCleanly() async throws {
        try await Self.shop { shell, standIn in
            // The shop's data is from 2026-11-20: at the wall clock it takes a month's window and a generous
            // staleness limit.
            try shell.directory.write(
                "segments/month.yml",
                "rule: Add to Cart in last 5000d\npinterest:\n  audience: Carts ever\n")
            let process = try SyncShell.Background(
                shell, ["sync", "--every", "1h", "--json", "--max-staleness", "520w"])
            let first = try await process.firstLine()
            #expect(first.contains("\"status\":\"ok\""), "\(first)")
            process.signal(SIGTERM)
            let result = try await process.wait()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("segsync sync: stopping after the batch in flight"))
            #expect(await standIn.customerLists().map(\.name) == ["Carts ever"])
        }
    }

    @Test func theDemoRunsTheMainJobAgainstAStandInOfItsOwn() async throws {
        let directory = TemporaryDirectory("segsync-demo")
        let shell = SyncShell(directory: directory, environment: [:])
        let demo = try await shell.run(
            "demo", "--people", "400", "--now", "2026-11-29T12:00:00Z", "--db", directory.path("demo.sqlite"), "--json")
        #expect(demo.status == 0, "\(demo.stderr)")
        let json = try demo.json()
        #expect(json["ingest"] is [String: Any])
        let steps = try #require(json["sync"] as? [[String: Any]])
        #expect(steps.count == 3)
        let reports = steps.compactMap { $0["report"] as? [String: Any] }
        #expect(reports.map { $0["status"] as? String } == ["ok", "ok", "ok"])
        #expect(reports.map { $0["as_of"] as? String } == [
            "2026-11-29T12:00:00Z", "2026-11-29T12:00:00Z", "2026-11-30T12:00:00Z",
        ])
        #expect((steps[0]["requests"] as? Int ?? 0) > 0)
        #expect(steps[1]["requests"] as? Int == 0)
        let second = try #require(reports[1]["audiences"] as? [[String: Any]])
        #expect(second.allSatisfy { $0["calls"] as? Int == 0 && $0["add"] as? Int == 0 && $0["remove"] as? Int == 0 })
        let third = try #require(reports[2]["audiences"] as? [[String: Any]])
        #expect(third.contains { ($0["remove"] as? Int ?? 0) > 0 })
    }
}
