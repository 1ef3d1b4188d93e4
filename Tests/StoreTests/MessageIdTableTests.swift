import Foundation
import SegsyncTesting
import Testing

@testable import Store

@Suite struct MessageIdTableTests {
    /// `table.insert` outside the expectation macro, which cannot take a mutating call.
    static func add(_ table: inout MessageIdTable, hash: Int64, rowID: Int64) -> Bool {
        table.insert(hash: hash, rowID: rowID)
    }

    @Test func idsThatShareAHashAreAllFoundAndRemovedOneByOne() {
        var table = MessageIdTable(entries: 10, minimumSlots: 16)
        let shared: Int64 = 0x1234_5678_0000_0003
        #expect(Self.add(&table, hash: shared, rowID: 7))
        #expect(Self.add(&table, hash: shared, rowID: 9))
        // Same slot, other tag.
        #expect(Self.add(&table, hash: 0x7777_0000_0000_0003, rowID: 11))
        var seen: [Int64] = []
        #expect(!table.contains(hash: shared) { seen.append($0); return false })
        #expect(seen == [7, 9])
        #expect(table.contains(hash: shared) { $0 == 9 })
        table.remove(hash: shared, rowID: 7)
        seen = []
        #expect(!table.contains(hash: shared) { seen.append($0); return false })
        #expect(seen == [9])
        #expect(table.contains(hash: 0x7777_0000_0000_0003) { $0 == 11 })
        #expect(!table.contains(hash: 0x5555_0000_0000_0004) { _ in true })
    }

    @Test func aFullTableRefusesMore() {
        var table = MessageIdTable(entries: 1, minimumSlots: 8)
        #expect(table.limit == 5)
        for row in 1...5 { #expect(Self.add(&table, hash: Int64(row) * 0x1_0000_0001, rowID: Int64(row))) }
        #expect(!Self.add(&table, hash: 99, rowID: 6))
        for row in 1...5 { #expect(table.contains(hash: Int64(row) * 0x1_0000_0001) { $0 == Int64(row) }) }
    }

    @Test func theTableIsSizedForItsEntriesWithinBounds() {
        #expect(MessageIdTable(entries: 10).limit == (1 << 16) * 7 / 10)
        #expect(MessageIdTable(entries: 1_000_000).limit == (1 << 21) * 7 / 10)
        #expect(MessageIdTable(entries: 100_000_000).limit == (1 << 22) * 7 / 10)
    }

    /// A load whose table fills builds the index of message ids in its transaction and goes on with it:
    /// duplicates before and after are still found, and the store is the one a row-by-row load leaves.
    @Test func aLoadWhoseTableFillsGoesOnWithTheIndex() throws {
        // Ten ids twice before the table (22 ids) fills, thirty new ones, then each of the forty again.
        let ids = (0..<80).map { $0 < 20 ? $0 % 10 : $0 % 40 }
        let lines = ids.map { Message.track("Product Viewed", user: "u\($0 % 3)", id: "m-\($0)") }
        let rowByRow = try TestStore()
        let expected = try rowByRow.ingest(lines: lines)
        #expect(expected == IngestCounts(read: 80, stored: 40, duplicates: 40))

        let test = try TestStore()
        let load = try #require(try test.store.beginBulkLoad(expectedMessages: 1, minimum: 0))
        #expect(load.indexes.contains("messages_id_hash"))
        test.store.messageIds = MessageIdTable(entries: 1, minimumSlots: 32)
        let items = MessageDecoderProbe.items(lines)
        var chunks = stride(from: 0, to: items.count, by: 4).map { Array(items[$0..<min($0 + 4, items.count)]) }
        let counts = try test.store.ingest(commitEvery: 8) { chunks.isEmpty ? nil : chunks.removeFirst() }
        #expect(counts == expected)
        #expect(test.store.messageIds == nil)
        #expect(try test.strings("SELECT name FROM suspended_indexes WHERE name = 'messages_id_hash'").isEmpty)
        #expect(try test.count("SELECT count(*) FROM sqlite_master WHERE name = 'messages_id_hash'") == 1)
        try load.finish()
        let messages = "SELECT message_id FROM messages ORDER BY id"
        #expect(try test.strings(messages) == rowByRow.strings(messages))
    }

    /// A load dropped before it finished (its process died) leaves its indexes to the next writer, and the
    /// store writes as any other writer.
    @Test func theNextWriteBuildsWhatAnUnfinishedLoadDropped() throws {
        let test = try TestStore()
        var load = try test.store.beginBulkLoad(expectedMessages: 1, minimum: 0)
        #expect(test.store.bulkLoading && test.store.messageIds != nil)
        load = nil
        #expect(!test.store.bulkLoading && test.store.messageIds == nil)
        try test.ingest(Message.track("Product Viewed", user: "u1", id: "after"))
        #expect(try test.count("SELECT count(*) FROM suspended_indexes") == 0)
        #expect(try test.count("SELECT count(*) FROM sqlite_master WHERE name = 'messages_id_hash'") == 1)
        #expect(try test.ingest(Message.track("Product Viewed", user: "u1", id: "after")).duplicates == 1)
        _ = load
    }
}
