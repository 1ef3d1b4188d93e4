import Foundation
import Logging
import SegsyncTesting
import ServiceLifecycle
@testable import Store
import Testing

@testable import CustomerIO

/// The writer: group commit, and nothing answered before it is committed.
@Suite struct ServerWriterTests {
    /// Requests queued while the writer is busy (here: not started yet) share one transaction.
    @Test func requestsWaitingTogetherShareOneCommit() async throws {
        let directory = TemporaryDirectory("segsync-writer")
        let store = try Store.open(path: directory.path("w.sqlite"), durability: .disk)
        let metrics = IngestMetrics()
        let writer = IngestWriter(store: store, metrics: metrics, logger: Logger(label: "test.writer"))
        let decoder = MessageDecoder(source: "/v1/batch", receivedAt: Message.base)
        let requests = (0..<10).map { index in
            decoder.decode(
                Requests.batch((0..<5).map { Message.track("E", user: "u\(index)", id: "m-\(index)-\($0)") }))
        }
        let group = ServiceGroup(configuration: .init(services: [writer], logger: Logger(label: "test.writer.group")))
        let counts = try await withThrowingTaskGroup(of: IngestCounts.self) { tasks in
            for items in requests { tasks.addTask { try await writer.submit(items) } }
            while writer.queuedMessages < 50 { await Task.yield() }
            tasks.addTask {
                try await group.run()
                return IngestCounts()
            }
            var all: [IngestCounts] = []
            for _ in 0..<10 {
                if let counts = try await tasks.next() { all.append(counts) }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return all
        }
        #expect(counts.count == 10)
        #expect(counts.allSatisfy { $0 == IngestCounts(read: 5, stored: 5) })
        #expect(metrics.prometheusText(queuedMessages: 0).contains("segsync_commits_total 1\n"))
        #expect(try Store.open(path: directory.path("w.sqlite")).database.count("SELECT count(*) FROM events") == 50)
    }

    @Test func aWriterThatIsStoppingAnswers503() async throws {
        let directory = TemporaryDirectory("segsync-writer")
        let store = try Store.open(path: directory.path("w.sqlite"), durability: .disk)
        let writer = IngestWriter(store: store, metrics: IngestMetrics(), logger: Logger(label: "test.writer"))
        writer.stop()
        await #expect(throws: IngestHTTPError.unavailable("the server is shutting down")) {
            try await writer.submit([])
        }
        #expect(!writer.isAccepting)
    }

    @Test func aWriterTooFarBehindAnswers503() async throws {
        let directory = TemporaryDirectory("segsync-writer")
        let store = try Store.open(path: directory.path("w.sqlite"), durability: .disk)
        let writer = IngestWriter(
            store: store, metrics: IngestMetrics(), maximumQueued: 0,
            logger: Logger(label: "test.writer"))
        let error = await #expect(throws: IngestHTTPError.self) { try await writer.submit([]) }
        #expect(error?.status == 503)
        #expect(error?.code == "unavailable")
    }
}
