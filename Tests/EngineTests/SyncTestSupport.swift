import Engine
import Foundation
import Logging
import Pinterest
import PinterestStandIn
import SegsyncTesting
import Testing

/// The token the sync tests use: distinctive, so that a leak is easy to find in any text.
let syncToken = "pina_SYNC-SECRET-token-41c7"
let syncAccount = "549755885175"

/// A shop whose cart audience moves with the evaluation instant, for sync tests.
///
/// - `a0`…`a29`: an email each and a cart `k + 0.5` hours before ``t0``.
/// - `b0`…`b9`: an email each and a cart `j + 0.5` hours after ``t0`` (invisible at ``t0``).
/// - `nomail`: a cart an hour before ``t0`` and no email (never matchable).
/// - `buyer`: a cart two hours before ``t0`` and an order three hours before (suppressed by `purchased_14d`).
///
/// At ``t0`` the `carts` audience (`Add to Cart in last 24h`) holds `a0`…`a23`; ten hours later it holds `a0`…`a13`
/// and `b0`…`b9`: ten removals and ten additions.
enum SyncShop {
    /// 2024-05-01T00:00:00Z.
    static let t0: Int64 = 1_714_521_600_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    static let segments: [(name: String, text: String)] = [
        ("carts.yml", "rule: Add to Cart in last 24h\npinterest:\n  audience: Carts\n"),
        ("viewers.yml", "rule: Product Viewed in last 7d\npinterest:\n  audience: Viewers\n"),
        ("purchased_14d.yml", "rule: Order Completed in last 14d\nsuppression: true\n"),
        ("refunded.yml", "rule: Refunded in last 90d\nsuppression: true\n"),
    ]

    static func email(_ user: String) -> String { "\(user)@Example.com " }

    /// The hash Pinterest matches a shop email by, computed by the Pinterest target's own normalisation.
    static func hash(_ user: String) -> String { PinterestHashing.hashedEmail(email(user)) ?? "" }

    static func offset(_ halfHours: Int) -> Int64 { Int64(halfHours) * hour / 2 }

    /// The shop's messages.
    static func messages() -> [String] {
        var lines: [String] = []
        for k in 0..<30 {
            lines.append(identify("a\(k)", at: t0 - 2 * day, traits: "{\"email\": \"\(email("a\(k)"))\"}"))
            lines.append(track("Add to Cart", user: "a\(k)", at: t0 - offset(2 * k + 1)))
        }
        for j in 0..<10 {
            lines.append(identify("b\(j)", at: t0 - 2 * day, traits: "{\"email\": \"\(email("b\(j)"))\"}"))
            lines.append(track("Add to Cart", user: "b\(j)", at: t0 + offset(2 * j + 1)))
        }
        lines.append(track("Add to Cart", user: "nomail", at: t0 - hour))
        lines.append(identify("buyer", at: t0 - 2 * day, traits: "{\"email\": \"\(email("buyer"))\"}"))
        lines.append(track("Add to Cart", user: "buyer", at: t0 - 2 * hour))
        lines.append(track("Order Completed", user: "buyer", at: t0 - 3 * hour))
        for v in 0..<5 {
            lines.append(identify("v\(v)", at: t0 - 2 * day, traits: "{\"email\": \"\(email("v\(v)"))\"}"))
            lines.append(track("Product Viewed", user: "v\(v)", at: t0 - day))
        }
        return lines
    }

    /// What the `carts` list must hold at `now`, computed from the definitions above (not by segsync).
    static func expectedCarts(at now: Int64) -> Set<String> {
        let inWindow = { (ts: Int64) in ts > now - day && ts <= now }
        var users: [String] = []
        for k in 0..<30 where inWindow(t0 - offset(2 * k + 1)) { users.append("a\(k)") }
        for j in 0..<10 where inWindow(t0 + offset(2 * j + 1)) { users.append("b\(j)") }
        return Set(users.map(hash))
    }

    static func track(_ event: String, user: String, at ts: Int64) -> String {
        "{\"type\": \"track\", \"event\": \"\(event)\", \"userId\": \"\(user)\", \"properties\": {}, "
            + "\"timestamp\": \"\(Timestamp.format(ts))\", \"messageId\": \"\(UUID().uuidString)\"}"
    }

    static func identify(_ user: String, at ts: Int64, traits: String) -> String {
        "{\"type\": \"identify\", \"userId\": \"\(user)\", \"traits\": \(traits), "
            + "\"timestamp\": \"\(Timestamp.format(ts))\", \"messageId\": \"\(UUID().uuidString)\"}"
    }
}

/// A real temporary store holding ``SyncShop``, its segment files, and a Pinterest stand-in over real HTTP.
final class SyncFixture {
    let test: TestStore
    let standIn: PinterestStandIn
    let sleeps = SleepRecorder()
    let logs = LogStore()
    var files: [(name: String, text: String)]

    var store: Store { test.store }

    private init(test: TestStore, standIn: PinterestStandIn, files: [(name: String, text: String)]) {
        self.test = test
        self.standIn = standIn
        self.files = files
    }

    /// Runs `body` with a fresh fixture, and stops the stand-in however it ends.
    static func with<T>(
        lines: [String] = SyncShop.messages(), files: [(name: String, text: String)] = SyncShop.segments,
        _ body: (SyncFixture) async throws -> T
    ) async throws -> T {
        let test = try TestStore()
        if !lines.isEmpty {
            let counts = try test.ingest(lines: lines)
            #expect(counts.rejected == 0, "the fixture's messages must all be stored")
        }
        return try await PinterestStandIn.with(StandInConfiguration(accessToken: syncToken)) { standIn in
            try await body(SyncFixture(test: test, standIn: standIn, files: files))
        }
    }

    /// The segment files, loaded against what the store has seen.
    func catalog() throws -> SegmentCatalog {
        SegmentCatalog.load(files: files, source: "segments", vocabulary: try StoreVocabulary(store: store))
    }

    /// A client for the stand-in: no rate limit, quick retries whose waits are logged instead of slept.
    func client(
        token: String = syncToken, account: String = syncAccount, requestTimeout: Duration = .seconds(30),
        retryPolicy: RetryPolicy = RetryPolicy(
            maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(80))
    ) -> PinterestClient {
        let configuration = PinterestConfiguration(
            baseURL: standIn.baseURL, accessToken: AccessToken(token), adAccountID: account,
            retryPolicy: retryPolicy, requestsPerSecond: nil, requestTimeout: requestTimeout)
        let sleeps = self.sleeps
        return PinterestClient(
            configuration: configuration, logger: logs.logger(label: "test.pinterest"),
            sleep: { await sleeps.record($0) }, random: { 0.5 })
    }

    /// Plans and syncs at `now` with a job, as `segsync sync` does.
    @discardableResult
    func sync(
        at now: Int64 = SyncShop.t0, batchSize: Int = 10, maxStaleness: SyncDuration? = nil, audiences: [String] = [],
        retire: [String] = [], client: PinterestClient? = nil, stop: StopSignal = StopSignal(),
        hooks: SyncHooks = SyncHooks()
    ) async throws -> SyncReport {
        var settings = SyncSettings(batchSize: batchSize, maxStaleness: maxStaleness, audiences: audiences)
        settings.retire = retire
        let job = SyncJob(
            store: store, catalog: try catalog(), settings: settings, client: client ?? self.client(), stop: stop,
            hooks: hooks, logger: logs.logger(label: "test.sync"))
        return try await job.run(at: now)
    }

    /// What the stand-in's list of an audience holds; nil when the store records no list.
    func listRecords(_ audience: String = "carts") async throws -> Set<String>? {
        guard let id = try store.audience(named: audience)?.customerListId else { return nil }
        return await standIn.records(ofList: id)
    }

    /// The audience's ledger, as a set.
    func ledger(_ audience: String = "carts") throws -> Set<String> {
        Set(try store.ledgerHashes(audience: audience))
    }

    /// The report of an audience.
    func report(_ report: SyncReport, _ name: String = "carts") throws -> AudienceSyncReport {
        try #require(report.audiences.first { $0.name == name })
    }
}

/// The error a test hook throws to stop a run as a killed process would.
struct SimulatedCrash: Error {}
