import Foundation
import SegsyncTesting
@testable import Store
import Testing

@testable import CustomerIO

/// Bulk loads drop the query indexes while they write and build them again; the store they leave is the
/// store a row-by-row load leaves, and no way a load ends leaves the indexes missing for long.
@Suite struct BulkLoadTests {
    /// Anonymous browsing later identified (by identify and by alias), orders, duplicates, a shared email
    /// an anonymous person gives up, User Deleted and bad lines.
    static func mixedFile(people: Int = 120) -> String {
        var lines: [String] = []
        for n in 0..<people {
            let user = "user-\(n)"
            let anonymous = "anon-\(n)"
            let time = Double(n * 10)
            lines.append(Message.track(
                "Product Viewed", anonymous: anonymous, at: time, id: "pv-\(n)",
                properties: "{\"product_id\": \"sku-\(n % 9)\", \"price\": \(n % 50)}"))
            lines.append(Message.identify(
                user: user, anonymous: n % 3 == 0 ? anonymous : nil, at: time + 1, id: "id-\(n)",
                traits: "{\"email\": \"person.\(n)@example.com\", \"ltv\": \(n * 3), \"phone\": \"+1 555 01\(n)\"}"))
            if n % 3 != 0 { lines.append(Message.alias(previous: anonymous, user: user, at: time + 2, id: "al-\(n)")) }
            let order = Message.track(
                "Order Completed", user: user, at: time + 3, id: "oc-\(n)",
                properties: "{\"order_id\": \"o-\(n)\", \"value\": \(n).5, \"currency\": \"USD\"}")
            lines.append(order)
            if n % 10 == 0 { lines.append(order) }
            if n % 13 == 0 {
                lines.append(Message.identify(
                    anonymous: "shared-\(n)", at: time + 4, id: "sh-\(n)",
                    traits: "{\"email\": \"person.\(n + 1)@example.com\"}"))
            }
            if n % 17 == 0 {
                lines.append(Message.track("User Deleted", user: user, at: time + 5, id: "del-\(n)"))
                // Older than the deletion: rejected, and its id stays free (a resend is rejected again).
                let late = Message.track("Product Viewed", user: user, at: time + 4.5, id: "late-\(n)")
                lines += [late, late]
            }
            if n % 29 == 0 { lines.append("{not json") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every row of the tables ingest writes, and every index with its SQL.
    static func dump(_ test: TestStore) throws -> [String] {
        let tables = [
            "SELECT json_array(id, user_id, anonymous_id, email, email_hash, phone, created_at, deleted_at) "
                + "FROM people ORDER BY id",
            "SELECT json_array(kind, value, person_id) FROM identities ORDER BY kind, value",
            "SELECT json_array(person_id, key_norm, key, value, num, str, time_ms, ts) FROM attributes "
                + "ORDER BY person_id, key_norm",
            "SELECT json_array(id, person_id, name, ts, type, message_id, value, currency, order_id, properties, "
                + "context, received_at) FROM events ORDER BY id",
            "SELECT json_array(id, id_hash, message_id, type) FROM messages ORDER BY id",
            "SELECT json_array(source, line, reason, message_id, raw) FROM rejected ORDER BY id",
            "SELECT json_array(type, name, tbl_name, sql) FROM sqlite_master WHERE type = 'index' ORDER BY name",
            "SELECT json_array(name, sql) FROM suspended_indexes ORDER BY name",
        ]
        return try tables.flatMap { sql in try test.strings(sql) }
    }

    /// What a bulk load drops: the query indexes and the index of message ids.
    static let dropped = [
        "attributes_key_num_value", "attributes_key_str", "attributes_key_time_value", "events_name_ts",
        "messages_id_hash", "people_email_hash",
    ]

    func indexes(_ test: TestStore) throws -> [String] {
        try test.strings(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    }

    @Test func aBulkLoadLeavesTheStoreARowByRowLoadLeaves() throws {
        let directory = TemporaryDirectory()
        let file = Self.mixedFile()
        let path = try directory.write("mixed.ndjson", file)
        // Both stores already hold the file's first messages: the load finds them as duplicates.
        let first = file.split(separator: "\n").prefix(60).map(String.init)
        let rowByRow = try TestStore()
        let before = try rowByRow.ingest(lines: first)
        var keeping = FileIngestor(store: rowByRow.store)
        keeping.bulkLoadMinimum = .max
        let kept = try keeping.ingestReporting(paths: [path])
        #expect(kept.rebuiltIndexes.isEmpty && kept.rebuildSeconds == nil)

        let bulk = try TestStore()
        try bulk.ingest(lines: first)
        var loading = FileIngestor(store: bulk.store)
        loading.bulkLoadMinimum = 0
        loading.batchSize = 50
        loading.commitEvery = 200
        let loaded = try loading.ingestReporting(paths: [path])
        #expect(loaded.rebuiltIndexes == Self.dropped)
        #expect(loaded.rebuildSeconds != nil)
        #expect(loaded.counts == kept.counts)
        #expect(kept.counts.duplicates >= before.stored + 10)
        // Eight deletions, each with a late message sent twice; the first one also in the first lines.
        #expect(try rowByRow.count("SELECT count(*) FROM rejected WHERE message_id LIKE 'late-%'") == 18)

        let expected = try Self.dump(rowByRow)
        #expect(expected.count > 1000)
        #expect(try Self.dump(bulk) == expected)
    }

    @Test func theIndexesOfALoadThatDiedAreBuiltByTheNextOpen() throws {
        let test = try TestStore()
        try test.ingest(Message.identify(user: "u1", traits: "{\"email\": \"one@example.com\", \"ltv\": 5}"))
        let before = try Self.dump(test)
        var load = try test.store.beginBulkLoad(expectedMessages: 10, minimum: 0)
        #expect(load?.indexes == Self.dropped)
        #expect(try indexes(test) == ["conversion_events_cart", "conversion_events_collapsed_into",
                                      "conversion_events_status", "events_person_name_ts", "identities_person",
                                      "sync_batches_run"])
        #expect(try test.strings("SELECT name FROM suspended_indexes ORDER BY name") == Self.dropped)
        // The process dies: the lock goes with it, the indexes are not built.
        load = nil
        let reopened = try Store.open(path: test.store.path)
        #expect(try reopened.database.count("SELECT count(*) FROM suspended_indexes") == 0)
        #expect(try Self.dump(test) == before)
    }

    @Test func aRunningBulkLoadKeepsItsIndexesFromOthers() throws {
        let test = try TestStore()
        let load = try #require(try test.store.beginBulkLoad(expectedMessages: 10, minimum: 0))
        // Another process's open leaves them to the load, and its own load keeps the indexes.
        let other = try Store.open(path: test.store.path)
        #expect(try other.database.count("SELECT count(*) FROM suspended_indexes") == 6)
        #expect(try other.beginBulkLoad(expectedMessages: 10, minimum: 0) == nil)
        try load.finish()
        #expect(try indexes(test).count == 12)
        #expect(try test.count("SELECT count(*) FROM suspended_indexes") == 0)
        #expect(try load.finish() == 0)
    }

    @Test func aSmallLoadIntoALargerStoreKeepsTheIndexes() throws {
        let test = try TestStore()
        try test.ingest(lines: (0..<300).map { Message.track("Product Viewed", user: "u\($0 % 5)", id: "m-\($0)") })
        #expect(try test.store.beginBulkLoad(expectedMessages: 140, minimum: 0) == nil)
        #expect(try test.store.beginBulkLoad(expectedMessages: 20_000, minimum: 50_000) == nil)
        #expect(try test.store.beginBulkLoad(expectedMessages: 160, minimum: 0)?.finish() != nil)
    }

    @Test func aLoadThatFailsPartWayBuildsTheIndexesBeforeItReports() throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("big.ndjson", Self.mixedFile(people: 2000))
        let cut = try FileIngestTests().truncatedGzip(of: path, in: directory)
        let test = try TestStore()
        var ingestor = FileIngestor(store: test.store)
        ingestor.bulkLoadMinimum = 0
        ingestor.batchSize = 100
        let error = #expect(throws: PartialIngestError.self) { try ingestor.ingest(paths: [cut]) }
        #expect((error?.counts.stored ?? 0) > 0)
        #expect(try indexes(test).count == 12)
        #expect(try test.count("SELECT count(*) FROM suspended_indexes") == 0)
    }

    /// A writer (a running `serve`) holds the bulk-load lock shared: no load drops indexes under it.
    @Test func aStoreThatWritesKeepsBulkLoadsAway() throws {
        let writer = try TestStore()
        try writer.ingest(Message.track("Product Viewed", user: "u1"))
        let other = try Store.open(path: writer.store.path)
        #expect(try other.beginBulkLoad(expectedMessages: 10, minimum: 0) == nil)
        #expect(try indexes(writer).count == 12)
    }

    /// An ingest that starts while a bulk load runs waits for it, then writes with the indexes back.
    @Test func anIngestWaitsForARunningBulkLoad() throws {
        let test = try TestStore()
        let load = try #require(try test.store.beginBulkLoad(expectedMessages: 10, minimum: 0))
        let path = test.store.path
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Thread {
            result.set(Result { try TestStore.ingest(Message.track("Viewed", user: "u1", id: "w-1"), into: path) })
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 0.5) == .timedOut)
        try load.finish()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(try result.get() == IngestCounts(read: 1, stored: 1))
        #expect(try indexes(test).count == 12)
    }

    /// What a load that died dropped is built by the next open even while writers hold the lock shared.
    @Test func anOpenBuildsADeadLoadsIndexesBesideWriters() throws {
        let writer = try TestStore()
        try writer.ingest(Message.track("Product Viewed", user: "u1"))
        try writer.store.database.execute("""
            INSERT INTO suspended_indexes SELECT name, sql, 0 FROM sqlite_master WHERE name = 'events_name_ts';
            DROP INDEX events_name_ts;
            """)
        _ = try Store.open(path: writer.store.path)
        #expect(try indexes(writer).count == 12)
        #expect(try writer.count("SELECT count(*) FROM suspended_indexes") == 0)
    }

    @Test func theSizeOfAFileEstimatesItsMessages() throws {
        let directory = TemporaryDirectory()
        let path = try directory.write("sized.ndjson", String(repeating: "x", count: 25_000))
        #expect(FileIngestor.expectedMessages(try ByteSource(path: path)) == 25)
    }
}

/// The outcome of work on another thread.
final class ResultBox: @unchecked Sendable {
    // @unchecked: `value` is written once by the worker before it signals, and read after the wait.
    private var value: Result<IngestCounts, any Error>?
    func set(_ result: Result<IngestCounts, any Error>) { value = result }
    func get() throws -> IngestCounts? { try value?.get() }
}

extension TestStore {
    /// Opens the store at `path` and ingests `line` into it (for a writer on another thread).
    static func ingest(_ line: String, into path: String) throws -> IngestCounts {
        let store = try Store.open(path: path)
        return try store.ingest(MessageDecoder(source: "thread").decode(line))
    }
}
