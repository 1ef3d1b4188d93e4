import Engine
import Foundation
import Pinterest
import PinterestStandIn
import Testing

/// Crash safety: whatever fails or stops a run, the next run completes the list, and the ledger never claims a
/// batch Pinterest did not acknowledge.
@Suite struct SyncRecoveryTests {
    static let later = SyncShop.t0 + 10 * SyncShop.hour

    /// The second sync of the moving shop takes 8 batches (4 removals then 4 additions of at most 3).
    @Test("a stop requested between any two batches leaves the ledger at the last acknowledged batch", arguments: 0...8)
    func interruptedBetweenBatches(after batches: Int) async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(batchSize: 3, audiences: ["carts"])
            let stop = StopSignal()
            let hooks = SyncHooks(afterRecording: { event in
                if event.acknowledgedBefore + 1 == batches { await stop.request() }
            })
            if batches == 0 { await stop.request() }
            let interrupted = try await fixture.sync(
                at: Self.later, batchSize: 3, audiences: ["carts"], stop: stop, hooks: hooks)
            let carts = try fixture.report(interrupted)
            let sizes = [3, 3, 3, 1, 3, 3, 3, 1]
            if batches < 8 {
                #expect(interrupted.status == .interrupted)
                #expect(carts.status == .skipped)
            } else {
                #expect(interrupted.status == .ok)
            }
            #expect(carts.removed == sizes.prefix(min(batches, 4)).reduce(0, +))
            #expect(carts.added == sizes.prefix(batches).dropFirst(4).reduce(0, +))
            // The ledger holds exactly what the list holds: nothing unacknowledged, nothing lost.
            #expect(try await fixture.listRecords() == (try fixture.ledger()))

            let next = try await fixture.sync(at: Self.later, batchSize: 3, audiences: ["carts"])
            #expect(next.status == .ok)
            let resumed = try fixture.report(next)
            #expect(resumed.remove == 10 - carts.removed)
            #expect(resumed.add == 10 - carts.added)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: Self.later))
            #expect(try fixture.ledger() == SyncShop.expectedCarts(at: Self.later))

            await fixture.standIn.clearRequests()
            try await fixture.sync(at: Self.later, batchSize: 3, audiences: ["carts"])
            #expect(await fixture.standIn.requests().isEmpty)
        }
    }

    @Test("a crash after Pinterest applied a batch and before the ledger recorded it is resent", arguments: 0..<8)
    func crashBeforeRecording(at batch: Int) async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(batchSize: 3, audiences: ["carts"])
            let hooks = SyncHooks(beforeRecording: { event in
                if event.acknowledgedBefore == batch { throw SimulatedCrash() }
            })
            await #expect(throws: SimulatedCrash.self) {
                try await fixture.sync(at: Self.later, batchSize: 3, audiences: ["carts"], hooks: hooks)
            }
            let runs = try fixture.store.syncRuns(limit: 1)
            #expect(runs.first?.status == .running)
            let batches = try fixture.store.syncBatches(run: try #require(runs.first?.id))
            #expect(batches.last?.status == .sent)
            #expect(batches.filter { $0.status == .acknowledged }.count == batch)

            let next = try await fixture.sync(at: Self.later, batchSize: 3, audiences: ["carts"])
            #expect(next.status == .ok)
            #expect(try fixture.store.syncRuns(limit: 2).last?.status == .interrupted)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: Self.later))
            #expect(try fixture.ledger() == SyncShop.expectedCarts(at: Self.later))
        }
    }

    static let faults: [StandInFault] = [
        .rateLimited(), .rateLimited(retryAfter: 1), .internalServerError, .serviceUnavailable, .unauthorized,
        .slow(.milliseconds(1600)), .dropConnectionAfterApplying,
    ]

    @Test("after each kind of fault on every call, the next complete run leaves exactly the expected list",
          arguments: faults)
    func faultThenCompletion(_ fault: StandInFault) async throws {
        try await SyncFixture.with { fixture in
            let client = fixture.client(requestTimeout: .seconds(1))
            await fixture.standIn.inject(fault, on: .listCustomerLists)
            // A slow creation that the stand-in applies after the client gave up on it cannot be told from a lost
            // one: the client's retry makes the list, the late original a twin (as on Pinterest). Only reads and
            // idempotent updates get slow answers here.
            if fault != .slow(.milliseconds(1600)) {
                await fixture.standIn.inject(fault, on: .createCustomerList)
                await fixture.standIn.inject(fault, on: .createAudience)
            }
            await fixture.standIn.inject(fault, on: .updateCustomerList)
            let first = try await Self.syncUntilOK(fixture, at: SyncShop.t0, client: client)
            #expect(first.runs <= 5)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: SyncShop.t0))

            await fixture.standIn.inject(fault, on: .updateCustomerList, times: 2)
            let second = try await Self.syncUntilOK(fixture, at: Self.later, client: client)
            #expect(second.runs <= 3)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: Self.later))
            #expect(try fixture.ledger() == SyncShop.expectedCarts(at: Self.later))
            #expect(await fixture.standIn.customerLists().count == 1)
            #expect(await fixture.standIn.audiences().count == 1)
            #expect(await fixture.standIn.pendingFaultCount() == 0)
        }
    }

    /// Syncs `carts` until a run ends ok, at most six times; returns the last report and how many runs it took.
    static func syncUntilOK(_ fixture: SyncFixture, at now: Int64, client: PinterestClient) async throws
        -> (report: SyncReport, runs: Int)
    {
        var runs = 0
        while true {
            runs += 1
            let report = try await fixture.sync(at: now, batchSize: 5, audiences: ["carts"], client: client)
            if report.status == .ok || runs == 6 { return (report, runs) }
            #expect(report.status == .failed)
        }
    }
}

/// A customer list deleted on Pinterest: the next call on it answers 404.
@Suite struct DeletedListTests {
    @Test func aListDeletedOnPinterestIsForgottenAndTheNextSyncSendsEveryoneToANewOne() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(audiences: ["carts"])
            let old = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            await fixture.standIn.deleteCustomerList(id: old)

            // The windows move, so there is something to send: the first call on the list fails.
            let later = SyncShop.t0 + 10 * SyncShop.hour
            let failed = try await fixture.sync(at: later, audiences: ["carts"])
            let carts = try fixture.report(failed)
            #expect(failed.status == .failed)
            #expect(carts.status == .failed)
            let message = try #require(carts.error)
            #expect(message.hasPrefix("Pinterest 404"))
            #expect(message.contains("The customer list \(old) no longer exists on Pinterest"))
            #expect(message.contains("forgot it and the 24 people its ledger held there"))
            #expect(carts.customerListID == nil)
            #expect(try fixture.ledger().isEmpty)
            let record = try #require(try fixture.store.audience(named: "carts"))
            #expect(record.customerListId == nil && record.audienceId == nil)

            let recovered = try await fixture.sync(at: later, audiences: ["carts"])
            #expect(recovered.status == .ok)
            let expected = SyncShop.expectedCarts(at: later)
            #expect(try fixture.report(recovered).added == expected.count)
            let new = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            #expect(new != old)
            #expect(try await fixture.listRecords() == expected)
            #expect(try fixture.ledger() == expected)
            #expect(await fixture.standIn.audiences().map(\.customerListID) == [new])
        }
    }

    /// The list went before its audience was made (say the audience's creation failed, and then the list was
    /// deleted): making the audience answers 400, and the list is forgotten as after a 404 on an update.
    @Test func aListDeletedBeforeItsAudienceWasMadeIsForgottenToo() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(audiences: ["carts"])
            var record = try #require(try fixture.store.audience(named: "carts"))
            let old = try #require(record.customerListId)
            record.audienceId = nil
            try fixture.store.save(record)
            await fixture.standIn.deleteCustomerList(id: old)

            let failed = try await fixture.sync(audiences: ["carts"])
            let carts = try fixture.report(failed)
            #expect(carts.status == .failed)
            #expect(carts.error?.hasPrefix("Pinterest 400") == true)
            #expect(carts.error?.contains("The customer list \(old) no longer exists on Pinterest") == true)
            #expect(try fixture.ledger().isEmpty)

            let recovered = try await fixture.sync(audiences: ["carts"])
            #expect(recovered.status == .ok)
            let new = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            #expect(new != old)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: SyncShop.t0))
            #expect(await fixture.standIn.audiences().map(\.customerListID) == [new])
        }
    }

    @Test func aChangedAdAccountWhereTheListIsUnknownKeepsTheLedger() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(audiences: ["carts"])
            let ledger = try fixture.ledger()
            let list = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            #expect(try fixture.store.audience(named: "carts")?.adAccountId == syncAccount)
            // Another account that answers, and holds no such list: every update there is a 404.
            let later = SyncShop.t0 + 10 * SyncShop.hour
            let other = fixture.client(account: "549755880001")
            let failed = try await fixture.sync(at: later, audiences: ["carts"], client: other)
            let carts = try fixture.report(failed)
            #expect(carts.status == .failed)
            #expect(carts.error?.hasPrefix("Pinterest 404") == true)
            #expect(carts.error?.contains("no longer exists") == false)
            #expect(try fixture.ledger() == ledger)
            #expect(try fixture.store.audience(named: "carts")?.customerListId == list)

            // Back in the right account, the list is kept true.
            let fixed = try await fixture.sync(at: later, audiences: ["carts"])
            #expect(fixed.status == .ok)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: later))
        }
    }

    @Test func a404FromAnAccountThatDoesNotAnswerKeepsTheLedger() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(audiences: ["carts"])
            let ledger = try fixture.ledger()
            let list = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            // Every call fails with 404, the listing of the account's lists too: nothing proves the list gone.
            await fixture.standIn.inject(.error(status: 404, code: 404, message: "Ad account not found."), times: 100)
            let later = SyncShop.t0 + 10 * SyncShop.hour
            let failed = try await fixture.sync(at: later, audiences: ["carts"])
            let carts = try fixture.report(failed)
            #expect(carts.status == .failed)
            #expect(carts.error?.hasPrefix("Pinterest 404") == true)
            #expect(carts.error?.contains("Ad account not found.") == true)
            #expect(carts.error?.contains("no longer exists") == false)
            #expect(try fixture.ledger() == ledger)
            #expect(try fixture.store.audience(named: "carts")?.customerListId == list)
        }
    }
}
