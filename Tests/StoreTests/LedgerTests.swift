import SegsyncTesting
import Testing

@testable import Store

@Suite struct LedgerTests {
    @Test func anAcknowledgedBatchChangesTheLedgerAndTheBatchTogether() throws {
        let test = try TestStore()
        let store = test.store
        try store.save(AudienceRecord(name: "carts", pinterestName: "Carts", customerListId: "l1"))
        let run = try store.beginSyncRun(asOf: 1000)
        let add = try store.recordBatchSent(run: run, audience: "carts", operation: .add, size: 3)
        try store.recordBatchAcknowledged(add, audience: "carts", operation: .add, hashes: ["a", "b", "c"])
        let remove = try store.recordBatchSent(run: run, audience: "carts", operation: .remove, size: 1)
        try store.recordBatchAcknowledged(remove, audience: "carts", operation: .remove, hashes: ["b"])
        #expect(try test.strings("SELECT hash FROM ledger ORDER BY hash") == ["a", "c"])
        #expect(try test.strings("SELECT status FROM sync_batches ORDER BY id") == ["acknowledged", "acknowledged"])
        #expect(try store.ledgerCount(audience: "carts") == 2)
        #expect(try store.audience(named: "carts")?.customerListId == "l1")
    }

    @Test func aFailedBatchLeavesTheLedgerAlone() throws {
        let test = try TestStore()
        try test.store.save(AudienceRecord(name: "carts", pinterestName: "Carts"))
        let run = try test.store.beginSyncRun(asOf: 0)
        let batch = try test.store.recordBatchSent(run: run, audience: "carts", operation: .add, size: 1)
        try test.store.recordBatchFailed(batch, error: "Pinterest 500")
        #expect(try test.count("SELECT count(*) FROM ledger") == 0)
        #expect(try test.strings("SELECT status || ' ' || error FROM sync_batches") == ["failed Pinterest 500"])
    }

    @Test func anAcknowledgementThatFailsToCommitChangesNothing() throws {
        let test = try TestStore()
        try test.store.save(AudienceRecord(name: "carts", pinterestName: "Carts"))
        let run = try test.store.beginSyncRun(asOf: 0)
        let batch = try test.store.recordBatchSent(run: run, audience: "carts", operation: .add, size: 2)
        try test.store.database.execute(
            "CREATE TRIGGER boom BEFORE UPDATE ON sync_batches BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        #expect(throws: DatabaseError.self) {
            try test.store.recordBatchAcknowledged(batch, audience: "carts", operation: .add, hashes: ["a", "b"])
        }
        #expect(try test.count("SELECT count(*) FROM ledger") == 0)
    }
}
