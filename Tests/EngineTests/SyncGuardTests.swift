import Engine
import Foundation
import Pinterest
import PinterestStandIn
import SegsyncTesting
import Testing

/// What keeps a sync from doing harm: the lock, the staleness guard, the secrecy of the token, clean stops.
@Suite struct SyncGuardTests {
    @Test func oneSyncAndOneConversionsRunAtATimeEachBesideTheOther() throws {
        let directory = TemporaryDirectory("segsync-lock")
        let path = directory.path("store.sqlite")
        var sync: StoreLock? = try StoreLock(store: path, for: .sync)
        let error = #expect(throws: StoreLockError.self) { try StoreLock(store: path, for: .sync) }
        #expect(error?.description.hasPrefix("cannot sync: another sync is running against this store (pid ") == true)
        #expect(error?.description.hasSuffix("lock file \(path).sync-lock") == true)

        let conversions = try StoreLock(store: path, for: .conversions)
        let refused = #expect(throws: StoreLockError.self) { try StoreLock(store: path, for: .conversions) }
        #expect(refused?.description.hasPrefix(
            "cannot send conversions: another conversions run is sending from this store (pid ") == true)
        #expect(refused?.description.hasSuffix("lock file \(path).conversions-lock") == true)
        withExtendedLifetime(conversions) {}

        withExtendedLifetime(sync) {}
        sync = nil
        #expect(throws: Never.self) { _ = try StoreLock(store: path, for: .sync) }
    }

    @Test func staleDataIsRefusedRecordedAndNothingIsSent() async throws {
        try await SyncFixture.with { fixture in
            // The newest event is b9's cart, 9.5 hours after t0; 40 hours after t0 it is 30.5 hours old.
            let now = SyncShop.t0 + 40 * SyncShop.hour
            let limit = try SyncDuration(parsing: "24h")
            let report = try await fixture.sync(at: now, maxStaleness: limit)
            #expect(report.status == .refused)
            #expect(report.error == "refusing to sync: the newest stored event (2024-05-01T09:30:00Z) is 30h 30m old "
                + "at 2024-05-02T16:00:00Z, more than --max-staleness 24h; check that the Customer.io feed still "
                + "arrives, or pass a larger --max-staleness")
            #expect(report.audiences.allSatisfy { $0.status == .skipped && $0.reason == "the data is stale" })
            #expect(report.staleness.age == 30 * SyncShop.hour + SyncShop.hour / 2)
            #expect(await fixture.standIn.requests().isEmpty)
            #expect(try fixture.store.syncRuns(limit: 1).first?.status == .refused)

            let within = try await fixture.sync(at: now, maxStaleness: try SyncDuration(parsing: "31h"))
            #expect(within.status == .ok)
        }
    }

    @Test func aStoreWithoutEventsIsStale() {
        let staleness = Staleness(newestEvent: nil, now: SyncShop.t0, limit: SyncSettings.defaultMaxStaleness)
        #expect(staleness.error?.description.hasPrefix("refusing to sync: the store holds no event") == true)
        #expect(Staleness(newestEvent: nil, now: 0, limit: nil).error == nil)
        #expect(Staleness(newestEvent: 1000, now: 86_401_000, limit: SyncSettings.defaultMaxStaleness).error == nil)
        #expect(Staleness(newestEvent: 1000, now: 86_401_001, limit: SyncSettings.defaultMaxStaleness).error != nil)
    }

    @Test func theTokenShowsNowhereNorDoEmailsOrHashes() async throws {
        try await SyncFixture.with { fixture in
            await fixture.standIn.inject(.rateLimited(retryAfter: 0), on: .createCustomerList)
            await fixture.standIn.inject(.internalServerError, on: .updateCustomerList)
            await fixture.standIn.inject(.error(status: 400, code: 1, message: "token \(syncToken) refused"),
                                         on: .createAudience)
            let failed = try await fixture.sync()
            #expect(failed.anyFailed)
            let wrong = try await fixture.sync(client: fixture.client(token: syncToken + "-wrong"))
            #expect(try fixture.report(wrong).error?.hasPrefix("Pinterest 401 (code 2)") == true)
            let history = try SyncHistory(store: fixture.store, limit: 10)
            let encoder = JSONEncoder()
            let texts = [
                String(decoding: try encoder.encode(failed), as: UTF8.self), failed.text,
                String(decoding: try encoder.encode(wrong), as: UTF8.self), wrong.text,
                String(decoding: try encoder.encode(history), as: UTF8.self), history.text,
            ] + fixture.logs.all
            #expect(texts.contains { $0.contains("[redacted]") })
            let hashes = SyncShop.expectedCarts(at: SyncShop.t0)
            for text in texts {
                #expect(!text.contains("SYNC-SECRET"), "the token leaked into: \(text)")
                #expect(!text.lowercased().contains("@example.com"), "an email leaked into: \(text)")
                #expect(!hashes.contains { text.contains($0) }, "a hash leaked into: \(text)")
            }
        }
    }

    @Test func aScheduledSyncRunsAtOnceThenEachPeriodUntilAStopIsRequested() async throws {
        let stop = StopSignal()
        // Each reading of the clock is a period later than the one before: no run waits.
        let clock = SteppingClock(step: 900_000)
        let schedule = ScheduledSync(every: try SyncDuration(parsing: "15m"), stop: stop, clock: { clock.read() })
        let plan = SyncPlan(
            asOf: 0, staleness: Staleness(newestEvent: nil, now: 0, limit: nil), batchSize: 1, audiences: [],
            elapsedMilliseconds: 0)
        var instants: [Int64] = []
        let runs = try await schedule.run({ now in
            instants.append(now)
            return plan.report
        }, report: { _ in
            if instants.count == 3 { Task { await stop.request() } }
        })
        #expect(runs >= 3)
        #expect(Array(instants.prefix(3)) == [0, 1_800_000, 3_600_000])
    }

    @Test func aStopRequestedBeforeTheFirstRunMeansNoRun() async throws {
        let stop = StopSignal()
        await stop.request()
        let runs = try await ScheduledSync(every: try SyncDuration(parsing: "15m"), stop: stop).run({ _ in
            Issue.record("no run expected")
            throw CancellationError()
        }, report: { _ in })
        #expect(runs == 0)
    }

    @Test func aStopEndsAWaitEarly() async {
        let stop = StopSignal()
        async let stopped = stop.sleep(for: .seconds(3600))
        await stop.request()
        #expect(await stopped)
        #expect(await stop.sleep(for: .seconds(3600)))
    }

    @Test func historyShowsRunsAndBatchesNewestFirst() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(audiences: ["carts"])
            try await fixture.sync(at: SyncShop.t0 + 10 * SyncShop.hour, audiences: ["carts"])
            let history = try SyncHistory(store: fixture.store, limit: 10)
            #expect(history.runs.map(\.record.status.rawValue) == ["ok", "ok"])
            #expect(history.runs.map { $0.batches.map(\.operation.rawValue) } == [["REMOVE", "ADD"], ["CREATE", "ADD", "ADD"]])
            #expect(history.text.contains("carts: ok, +10 -10 of +10 -10 planned, 2 calls"))
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(history)) as? [String: Any]
            let runs = try #require(json?["runs"] as? [[String: Any]])
            #expect(runs.first?["status"] as? String == "ok")
            let audiences = try #require(runs.first?["audiences"] as? [[String: Any]])
            #expect(audiences.first?["added"] as? Int == 10)
            let only = try SyncHistory(store: fixture.store, limit: 10, run: history.runs.last?.record.id)
            #expect(only.runs.count == 1)
        }
    }
}

/// A clock that moves `step` milliseconds at each reading.
///
/// `@unchecked Sendable`: `now` is only touched while holding `lock`.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Int64 = 0
    private let step: Int64

    init(step: Int64) {
        self.step = step
    }

    func read() -> Int64 {
        lock.withLock {
            defer { now += step }
            return now
        }
    }
}
