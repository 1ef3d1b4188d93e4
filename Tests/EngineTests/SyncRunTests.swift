import Engine
import Foundation
import Pinterest
import PinterestStandIn
import Testing

/// The sync run through real HTTP to the Pinterest stand-in: creation, adoption, order, zero-call reruns, people
/// who change or go.
@Suite struct SyncRunTests {
    @Test func theFirstSyncCreatesTheListWithItsFirstBatchAndThenTheAudience() async throws {
        try await SyncFixture.with { fixture in
            let report = try await fixture.sync(audiences: ["carts"])
            let carts = try fixture.report(report)
            #expect(report.status == .ok)
            #expect(carts.status == .ok)
            #expect(carts.count == 26)
            #expect(carts.members == 25)
            #expect(carts.suppressed == 1)
            #expect(carts.suppressedBy == ["purchased_14d": 1, "refunded": 0])
            #expect(carts.matchable == 24)
            #expect((carts.add, carts.remove, carts.unchanged, carts.added) == (24, 0, 0, 24))
            // Find list, create it with 10, find audience, create it, then 2 more updates.
            #expect(carts.calls == 6)
            #expect(carts.warnings.first?.hasPrefix("TOO_SMALL: carts holds 24 matchable people") == true)

            let expected = SyncShop.expectedCarts(at: SyncShop.t0)
            #expect(expected.count == 24)
            #expect(try await fixture.listRecords() == expected)
            #expect(try fixture.ledger() == expected)
            let lists = await fixture.standIn.customerLists()
            let audiences = await fixture.standIn.audiences()
            #expect(lists.map(\.name) == ["Carts"])
            #expect(audiences.map(\.name) == ["Carts"])
            let record = try #require(try fixture.store.audience(named: "carts"))
            #expect(record.customerListId == lists.first?.id)
            #expect(record.audienceId == audiences.first?.id)
            #expect(record.pinterestName == "Carts")

            let operations = await fixture.standIn.requests().compactMap(\.operation)
            #expect(operations == [
                .listCustomerLists, .createCustomerList, .listAudiences, .createAudience, .updateCustomerList,
                .updateCustomerList,
            ])
            let history = try fixture.store.syncBatches(run: try #require(report.runID))
            #expect(history.map(\.operation.rawValue) == ["CREATE", "ADD", "ADD"])
            #expect(history.map(\.size) == [10, 10, 4])
            #expect(history.allSatisfy { $0.status == .acknowledged })
        }
    }

    @Test func anUnchangedAudienceCostsNoCallAtAll() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            await fixture.standIn.clearRequests()
            let again = try await fixture.sync()
            #expect(await fixture.standIn.requests().isEmpty)
            #expect(again.status == .ok)
            #expect(again.audiences.map(\.calls) == [0, 0])
            #expect(again.audiences.map(\.status) == [.ok, .ok])
            #expect(try fixture.report(again).unchanged == 24)
        }
    }

    @Test func removalsPrecedeAdditionsAndTheWindowsMove() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(batchSize: 3)
            await fixture.standIn.clearRequests()
            let later = SyncShop.t0 + 10 * SyncShop.hour
            let report = try await fixture.sync(at: later, batchSize: 3)
            let carts = try fixture.report(report)
            #expect((carts.add, carts.remove, carts.unchanged) == (10, 10, 14))
            #expect(carts.calls == 8)
            let updates = await fixture.standIn.requests(to: .updateCustomerList)
            #expect(updates.compactMap(\.operationType) == Array(repeating: "REMOVE", count: 4)
                + Array(repeating: "ADD", count: 4))
            #expect(updates.map { $0.records?.count ?? 0 } == [3, 3, 3, 1, 3, 3, 3, 1])
            #expect(await fixture.standIn.requests().count == 8)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: later))
            #expect(try fixture.ledger() == SyncShop.expectedCarts(at: later))
        }
    }

    @Test func aChangedEmailLeavesUnderTheOldHashAndComesBackUnderTheNew() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            await fixture.standIn.clearRequests()
            try fixture.test.ingest(
                SyncShop.identify("a3", at: SyncShop.t0 - 30 * 60_000, traits: "{\"email\": \"A3.New@Example.org\"}"))
            let report = try await fixture.sync()
            let carts = try fixture.report(report)
            #expect((carts.add, carts.remove) == (1, 1))
            let newHash = try #require(PinterestHashing.hashedEmail("a3.new@example.org"))
            let updates = await fixture.standIn.requests(to: .updateCustomerList)
            #expect(updates.map { "\($0.operationType ?? "") [\(($0.records ?? []).joined(separator: ","))]" } == [
                "REMOVE [\(SyncShop.hash("a3"))]", "ADD [\(newHash)]",
            ])
            var expected = SyncShop.expectedCarts(at: SyncShop.t0)
            expected.remove(SyncShop.hash("a3"))
            expected.insert(newHash)
            #expect(try await fixture.listRecords() == expected)
        }
    }

    @Test func aDeletedPersonIsRemovedUnderTheHashThatWasSent() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            try fixture.test.ingest(SyncShop.track("User Deleted", user: "a5", at: SyncShop.t0 - 10 * 60_000))
            let report = try await fixture.sync()
            #expect(try fixture.report(report).remove == 1)
            let updates = await fixture.standIn.requests(to: .updateCustomerList)
            #expect(updates.last?.operationType == "REMOVE")
            #expect(updates.last?.records == [SyncShop.hash("a5")])
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: SyncShop.t0)
                .subtracting([SyncShop.hash("a5")]))
        }
    }

    @Test func anExistingListAndAudienceOfTheNameAreAdoptedNotDuplicated() async throws {
        try await SyncFixture.with { fixture in
            let seeded: Set = [SyncShop.hash("a0"), SyncShop.hash("a1")]
            let listID = await fixture.standIn.seedCustomerList(named: "Carts", records: seeded, inAccount: syncAccount)
            let audience = try await fixture.client().createAudience(named: "Carts", customerListID: listID)
            await fixture.standIn.clearRequests()

            let report = try await fixture.sync(audiences: ["carts"])
            #expect(report.status == .ok)
            #expect(await fixture.standIn.requests(to: .createCustomerList).isEmpty)
            #expect(await fixture.standIn.requests(to: .createAudience).isEmpty)
            #expect(await fixture.standIn.customerLists().map(\.id) == [listID])
            let record = try #require(try fixture.store.audience(named: "carts"))
            #expect(record.customerListId == listID)
            #expect(record.audienceId == audience.id)
            #expect(await fixture.standIn.records(ofList: listID) == SyncShop.expectedCarts(at: SyncShop.t0))
        }
    }

    /// An audience of the name made of another list (an old one, say) targets other people: the list
    /// is adopted, the audience is not, and one made of the list is created.
    @Test func anAudienceOfTheNameOnAnotherListIsNotAdopted() async throws {
        try await SyncFixture.with { fixture in
            let listID = await fixture.standIn.seedCustomerList(
                named: "Carts", records: [SyncShop.hash("a0")], inAccount: syncAccount)
            let oldList = await fixture.standIn.seedCustomerList(
                named: "Carts (old)", records: [SyncShop.hash("a1")], inAccount: syncAccount)
            let stale = try await fixture.client().createAudience(named: "Carts", customerListID: oldList)

            let report = try await fixture.sync(audiences: ["carts"])
            #expect(report.status == .ok)
            let record = try #require(try fixture.store.audience(named: "carts"))
            #expect(record.customerListId == listID)
            #expect(record.audienceId != nil && record.audienceId != stale.id)
            let created = try await fixture.client().getAudience(id: record.audienceId ?? "")
            #expect(created.rule?.customerListID == listID)
        }
    }

    @Test func aFailedAudienceDoesNotStopTheOthersAndTheNextRunFinishesIt() async throws {
        try await SyncFixture.with { fixture in
            await fixture.standIn.inject(.forbidden, on: .createCustomerList)
            let report = try await fixture.sync()
            #expect(report.status == .failed)
            #expect(report.anyFailed)
            let carts = try fixture.report(report)
            #expect(carts.status == .failed)
            #expect(carts.error == "Pinterest 403 (code 29) on POST /ad_accounts/{id}/customer_lists: "
                + "You are not permitted to access that resource.")
            #expect(try fixture.report(report, "viewers").status == .ok)
            #expect(try fixture.ledger().isEmpty)
            let batches = try fixture.store.syncBatches(run: try #require(report.runID))
            #expect(batches.first?.status == .failed)
            #expect(batches.first?.error?.contains("403") == true)

            let next = try await fixture.sync()
            #expect(next.status == .ok)
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: SyncShop.t0))
            #expect(try await fixture.listRecords("viewers")?.count == 5)
        }
    }

    @Test func anAudienceWithNoMatchableMemberAndNoListIsSkipped() async throws {
        let files = SyncShop.segments
            + [("nobody.yml", "rule: Checkout Started in last 1d\npinterest:\n  audience: Nobody\n")]
        try await SyncFixture.with(files: files) { fixture in
            let report = try await fixture.sync(audiences: ["nobody"])
            let nobody = try fixture.report(report, "nobody")
            #expect(nobody.status == .skipped)
            #expect(nobody.reason?.contains("no matchable members yet") == true)
            #expect(nobody.calls == 0)
            #expect(await fixture.standIn.requests().isEmpty)
            #expect(report.status == .ok)
        }
    }
}

/// An audience whose segment file goes away keeps its people on Pinterest: the plan and the sync say so.
@Suite struct UnmanagedAudienceTests {
    @Test func anAudienceWhoseSegmentIsGoneIsReportedWithItsListAndPeople() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            let list = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            fixture.files.removeAll { $0.name == "carts.yml" }
            await fixture.standIn.clearRequests()

            let report = try await fixture.sync()
            #expect(report.status == .ok)
            #expect(report.audiences.map(\.name) == ["viewers"])
            #expect(report.unmanaged == [
                UnmanagedAudience(name: "carts", pinterestName: "Carts", customerListID: list, people: 24),
            ])
            #expect(report.text.contains(
                "warning: audience carts was synced before, but no segment file makes it an audience any more: "
                    + "its customer list \(list) (\"Carts\") still holds the 24 people last sent"))
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
            let unmanaged = try #require(json?["unmanaged_audiences"] as? [[String: Any]])
            #expect(unmanaged.first?["customer_list_id"] as? String == list)
            #expect(unmanaged.first?["people"] as? Int == 24)
            // No list is updated: the gone segment's list is left as it is.
            #expect(await fixture.standIn.requests(to: .updateCustomerList).isEmpty)

            // Named audiences only: the others are left out on purpose, so no warning.
            let named = try await fixture.sync(audiences: ["viewers"])
            #expect(named.unmanaged.isEmpty)
            let namedJSON = try #require(
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(named)) as? [String: Any])
            #expect(namedJSON["unmanaged_audiences"] == nil)
            #expect((namedJSON["audiences"] as? [[String: Any]])?.count == 1)
        }
    }
}

/// `--retire`: the people of an audience no segment makes any more leave its list, and the store forgets it.
@Suite struct RetiredAudienceTests {
    @Test func aRetiredAudienceIsEmptiedOnPinterestAndForgotten() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            let list = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            #expect(await fixture.standIn.records(ofList: list)?.count == 24)
            fixture.files.removeAll { $0.name == "carts.yml" }
            await fixture.standIn.clearRequests()

            let report = try await fixture.sync(retire: ["carts"])
            #expect(report.status == .ok)
            let carts = try fixture.report(report, "carts")
            #expect(carts.retiring == true)
            #expect((carts.remove, carts.removed, carts.add, carts.calls) == (24, 24, 0, 3))
            #expect(report.unmanaged.isEmpty)
            #expect(await fixture.standIn.records(ofList: list)?.isEmpty == true)
            #expect(await fixture.standIn.requests(to: .createAudience).isEmpty)
            #expect(try fixture.store.audience(named: "carts") == nil)
            #expect(try fixture.store.ledgerCount(audience: "carts") == 0)
            let history = try SyncHistory(store: fixture.store, limit: 1).text
            #expect(history.contains(
                "  carts: ok, +0 -24 of +0 -24 planned, 3 calls, retiring (its people leave its list)"))
            #expect(history.split(separator: "\n").filter { $0.contains("retiring") }.count == 1)

            // Forgotten: no warning any more. A command left with --retire in it goes on syncing the others.
            let next = try await fixture.sync()
            #expect(next.unmanaged.isEmpty && next.audiences.map(\.name) == ["viewers"])
            let again = try await fixture.sync(retire: ["carts"])
            #expect(again.status == .ok && again.audiences.map(\.name) == ["viewers"])
            #expect(again.warnings.first
                == "--retire carts: already retired, nothing is left of it; drop --retire carts")
            let typo = await #expect(throws: SyncError.self) { try await fixture.sync(retire: ["crats"]) }
            #expect(typo?.description == "--retire crats: the store holds no audience \"crats\" synced before")
        }
    }

    /// A segment renamed but keeping its `pinterest.audience` adopts the list; retiring the old name must
    /// not take the renamed audience's people off it.
    @Test func retiringAnAudienceWhoseListAnotherAdoptedKeepsThatOnesPeople() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            let list = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            fixture.files = fixture.files.map { $0.name == "carts.yml" ? ("basket.yml", $0.text) : $0 }
            let renamed = try await fixture.sync()
            #expect(renamed.unmanaged.map(\.sharedWith) == [["basket"]])
            #expect(renamed.warnings.contains { $0.contains("is also the list of basket, which keeps its own people") })

            let report = try await fixture.sync(retire: ["carts"])
            #expect(report.status == .ok)
            #expect(try fixture.store.audience(named: "basket")?.customerListId == list)
            #expect(try fixture.report(report, "carts").removed == 0)
            #expect(try fixture.store.audience(named: "carts") == nil)
            #expect(await fixture.standIn.records(ofList: list)?.count == 24)
            #expect(try fixture.store.ledgerCount(audience: "basket") == 24)
        }
    }

    @Test func theLastAudienceCanBeRetired() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            let lists = try fixture.store.audienceRecords().compactMap(\.customerListId)
            #expect(lists.count == 2)
            for list in lists { #expect(await fixture.standIn.records(ofList: list)?.isEmpty == false) }
            fixture.files.removeAll { $0.name == "carts.yml" || $0.name == "viewers.yml" }
            let report = try await fixture.sync(retire: ["carts", "viewers"])
            #expect(report.status == .ok)
            #expect(try fixture.store.audienceRecords().isEmpty)
            for list in lists { #expect(await fixture.standIn.records(ofList: list)?.isEmpty == true) }
        }
    }

    /// Stale data holds back the audiences evaluated from it, not a run that only retires.
    @Test func aRunThatOnlyRetiresIsNotHeldBackByStaleData() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            let weekLater = SyncShop.t0 + 7 * 24 * SyncShop.hour
            let day = try SyncDuration(parsing: "24h")
            fixture.files.removeAll { $0.name == "carts.yml" }
            let mixed = try await fixture.sync(at: weekLater, maxStaleness: day, retire: ["carts"])
            #expect(mixed.status == .refused)
            #expect(try fixture.store.ledgerCount(audience: "carts") == 24)

            fixture.files.removeAll { $0.name == "viewers.yml" }
            let only = try await fixture.sync(at: weekLater, maxStaleness: day, retire: ["carts", "viewers"])
            #expect(only.status == .ok)
            #expect(only.error == nil)
            #expect(try fixture.store.audienceRecords().isEmpty)
        }
    }

    @Test func anAudienceASegmentStillMakesIsNotRetired() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync()
            let error = await #expect(throws: SyncError.self) { try await fixture.sync(retire: ["carts"]) }
            #expect(error?.description.contains("segment \"carts\" still makes it an audience") == true)
            #expect(try fixture.store.ledgerCount(audience: "carts") == 24)
        }
    }
}

/// `pinterest.audience` changed after the list was made: Pinterest cannot rename a customer list.
@Suite struct RenamedAudienceTests {
    @Test func aRenamedAudienceKeepsItsListAndSaysSoUntilTheListIsMadeAgain() async throws {
        try await SyncFixture.with { fixture in
            try await fixture.sync(audiences: ["carts"])
            let list = try #require(try fixture.store.audience(named: "carts")?.customerListId)
            fixture.files = fixture.files.map { file in
                file.name == "carts.yml"
                    ? (file.name, "rule: Add to Cart in last 24h\npinterest:\n  audience: Cart Abandoners\n") : file
            }

            let later = SyncShop.t0 + 10 * SyncShop.hour
            let renamed = try await fixture.sync(at: later, audiences: ["carts"])
            let carts = try fixture.report(renamed)
            #expect(carts.status == .ok)
            #expect(carts.warnings.contains { $0.hasPrefix(
                "RENAMED: pinterest.audience of carts is now \"Cart Abandoners\", but its customer list \(list) "
                    + "on Pinterest is named \"Carts\"") })
            #expect(await fixture.standIn.customerLists().map(\.id) == [list])
            #expect(try await fixture.listRecords() == SyncShop.expectedCarts(at: later))

            // Deleted on Pinterest: the next syncs make the list under the new name, and the warning ends.
            await fixture.standIn.deleteCustomerList(id: list)
            _ = try await fixture.sync(at: later + SyncShop.hour, audiences: ["carts"])
            let remade = try await fixture.sync(at: later + SyncShop.hour, audiences: ["carts"])
            #expect(try fixture.report(remade).status == .ok)
            #expect(await fixture.standIn.customerLists().map(\.name) == ["Cart Abandoners"])
            #expect(try fixture.store.audience(named: "carts")?.pinterestName == "Cart Abandoners")
            let again = try await fixture.sync(at: later + SyncShop.hour, audiences: ["carts"])
            #expect(try fixture.report(again).warnings.allSatisfy { !$0.hasPrefix("RENAMED") })
        }
    }
}
