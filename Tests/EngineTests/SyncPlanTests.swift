@testable import Store
import Engine
import Foundation
import Testing

/// The pure parts of planning (batches, the step machine, durations) and the planner over a real store.
@Suite struct SyncPlanTests {
    @Test func removalsComeFirstAndOnlyTheLastBatchOfAnOperationIsShort() {
        let schedule = BatchSchedule(remove: 3, add: 5, batchSize: 2)
        #expect(schedule.batches.map(\.description) == [
            "REMOVE 1 (2 records)", "REMOVE 2 (1 records)", "ADD 1 (2 records)", "ADD 2 (2 records)",
            "ADD 3 (1 records)",
        ])
        #expect(BatchSchedule(remove: 0, add: 0, batchSize: 1000).count == 0)
        let big = BatchSchedule(remove: 50_000, add: 50_001, batchSize: 1000)
        #expect((big.removeBatches, big.addBatches, big.count) == (50, 51, 101))
        #expect(big.batch(at: 100) == PlannedBatch(operation: .add, number: 51, size: 1))
    }

    @Test func aNewAudienceIsLookedUpCreatedWithItsFirstBatchThenGetsItsAudience() {
        var machine = AudienceSyncMachine(
            listID: nil, audienceID: nil, schedule: BatchSchedule(remove: 0, add: 5, batchSize: 2))
        var steps: [AudienceSyncMachine.Step] = []
        while true {
            let step = machine.next()
            steps.append(step)
            switch step {
            case .findList: machine.listFound(nil)
            case .createList: machine.listCreated("L")
            case .findAudience: machine.audienceFound(nil)
            case .createAudience: machine.audienceCreated("A")
            case .send, .forgetRemovals: machine.batchDone()
            case .done: break
            }
            if step == .done { break }
        }
        #expect(steps == [
            .findList, .createList(PlannedBatch(operation: .add, number: 1, size: 2)), .findAudience(listID: "L"),
            .createAudience(listID: "L"), .send(PlannedBatch(operation: .add, number: 2, size: 2), listID: "L"),
            .send(PlannedBatch(operation: .add, number: 3, size: 1), listID: "L"), .done,
        ])
    }

    @Test func anAdoptedListGetsEveryBatchAsAnUpdateAndRemovalsFirst() {
        var machine = AudienceSyncMachine(
            listID: nil, audienceID: nil, schedule: BatchSchedule(remove: 1, add: 1, batchSize: 10))
        #expect(machine.next() == .findList)
        machine.listFound("L")
        #expect(machine.next() == .findAudience(listID: "L"))
        machine.audienceFound("A")
        #expect(machine.next() == .send(PlannedBatch(operation: .remove, number: 1, size: 1), listID: "L"))
        machine.batchDone()
        #expect(machine.next() == .send(PlannedBatch(operation: .add, number: 1, size: 1), listID: "L"))
        machine.batchDone()
        #expect(machine.next() == .done)
    }

    @Test func removalsForAListThatDoesNotExistAreDroppedWithoutACall() {
        var machine = AudienceSyncMachine(
            listID: nil, audienceID: nil, schedule: BatchSchedule(remove: 2, add: 0, batchSize: 10))
        #expect(machine.next() == .findList)
        machine.listFound(nil)
        let step = machine.next()
        #expect(step == .forgetRemovals(PlannedBatch(operation: .remove, number: 1, size: 2)))
        #expect(!step.callsPinterest)
        machine.batchDone()
        #expect(machine.next() == .done)
    }

    @Test(arguments: [
        (nil, nil, 0, 0, 0), ("L", "A", 0, 0, 0), ("L", "A", 2500, 1, 4), ("L", nil, 0, 0, 2), (nil, nil, 0, 2500, 6),
        (nil, nil, 1, 0, 1),
    ] as [(String?, String?, Int, Int, Int)])
    func predictedCalls(list: String?, audience: String?, remove: Int, add: Int, calls: Int) {
        let schedule = BatchSchedule(remove: remove, add: add, batchSize: 1000)
        #expect(AudienceSyncMachine.predictedCalls(listID: list, audienceID: audience, schedule: schedule) == calls)
    }

    @Test(arguments: [("15m", 900_000), ("24h", 86_400_000), ("90s", 90_000), ("2 days", 172_800_000),
                      ("45 sec", 45_000), ("1w", 604_800_000)] as [(String, Int64)])
    func durations(_ text: String, milliseconds: Int64) throws {
        #expect(try SyncDuration(parsing: text).milliseconds == milliseconds)
    }

    @Test(arguments: ["", "soon", "15", "-5m", "1.5h", "10 parsecs"])
    func notDurations(_ text: String) {
        #expect(throws: SyncDurationError.self) { try SyncDuration(parsing: text) }
    }

    @Test func theBatchSizeComesFromTheEnvironment() throws {
        #expect(try SyncSettings.fromEnvironment([:]).batchSize == 1000)
        #expect(try SyncSettings.fromEnvironment(["SEGSYNC_BATCH_SIZE": "250"]).batchSize == 250)
        let error = #expect(throws: SyncSettingsError.self) {
            try SyncSettings.fromEnvironment(["SEGSYNC_BATCH_SIZE": "0"])
        }
        #expect(error?.description == "SEGSYNC_BATCH_SIZE must be a whole number from 1 to 100000; unset it for "
            + "the default")
    }

    @Test func thePlanChangesNothingAndCallsNothing() async throws {
        try await SyncFixture.with { fixture in
            let settings = SyncSettings(batchSize: 10, maxStaleness: nil)
            let planner = SyncPlanner(store: fixture.store, catalog: try fixture.catalog(), settings: settings)
            let planned = try planner.plan(at: SyncShop.t0)
            let report = planned.plan.report
            #expect(report.status == .planned)
            #expect(report.audiences.map(\.name) == ["carts", "viewers"])
            #expect(report.audiences.map(\.add) == [24, 5])
            #expect(report.audiences.map(\.calls) == [6, 4])
            #expect(try fixture.store.syncRuns(limit: 10).isEmpty)
            #expect(try fixture.ledger().isEmpty)
            #expect(await fixture.standIn.requests().isEmpty)
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            for key in ["\"as_of\"", "\"audiences\"", "\"name\"", "\"members\"", "\"suppressed\"", "\"add\"",
                        "\"remove\"", "\"unchanged\"", "\"calls\"", "\"status\""] {
                #expect(json.contains(key))
            }
            // The store holds the diff, in hash order, removals and additions apart.
            let first = try planned.hashes.batch(audience: "carts", operation: .add, after: nil, limit: 10)
            let rest = try planned.hashes.batch(audience: "carts", operation: .add, after: first.last, limit: 100)
            #expect(first == first.sorted())
            #expect(Set(first + rest) == SyncShop.expectedCarts(at: SyncShop.t0))
        }
    }

    @Test func unknownAudiencesAreRefusedWithSuggestions() async throws {
        try await SyncFixture.with { fixture in
            let catalog = try fixture.catalog()
            let typo = SyncPlanner(store: fixture.store, catalog: catalog, settings: SyncSettings(audiences: ["cart"]))
            #expect(throws: SyncError(.unknownAudience("cart", suggestions: ["carts"]))) {
                try typo.plan(at: SyncShop.t0)
            }
            let suppression = SyncPlanner(
                store: fixture.store, catalog: catalog, settings: SyncSettings(audiences: ["refunded"]))
            #expect(throws: SyncError(.notAnAudience("refunded"))) { try suppression.plan(at: SyncShop.t0) }
        }
    }

    @Test func theDiffRunsInSQLOverIndexes() async throws {
        try await SyncFixture.with { fixture in
            let plan = try fixture.store.database.queryPlan(
                "SELECT 1 FROM ledger l WHERE l.audience = ? AND l.hash = ?", ["carts", "x"])
            #expect(plan.joined().contains("USING PRIMARY KEY"))
        }
    }
}
