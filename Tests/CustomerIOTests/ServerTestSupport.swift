import SegmentLanguage
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SegsyncTesting
import ServiceLifecycle
@testable import Store

@testable import CustomerIO

/// A server on a fresh `.disk` store in its own temporary directory, with two write keys, an
/// optional webhook secret, and a fixed clock (2026-11-20T12:00:00Z) unless told otherwise.
struct ServerHarness {
    static let key = "WRITEKEY"
    static let bearerKey = "pk_us_TESTKEY"
    static let now = Message.base

    let directory = TemporaryDirectory("segsync-serve")
    var configuration: IngestServerConfiguration
    var clock: @Sendable () -> Int64 = { ServerHarness.now }
    var logger = Logger(label: "test.serve")

    init(webhookSecret: String? = nil, limits: IngestLimits = IngestLimits(), extraKeys: [String] = []) {
        configuration = IngestServerConfiguration(
            host: "127.0.0.1", port: 0, writeKeys: [Self.key, Self.bearerKey] + extraKeys, webhookSecret: webhookSecret,
            limits: limits)
    }

    var path: String { directory.path("serve.sqlite") }

    func makeServer() throws -> IngestServer {
        let store = try Store.open(path: path, durability: .disk)
        return IngestServer(
            configuration: configuration, store: store, logger: logger, clock: clock)
    }

    /// Runs `body` against the router (no sockets), with the writer running; the store is closed after.
    @discardableResult
    func withRouter<Value: Sendable>(
        _ body: @Sendable (any TestClientProtocol, IngestServer) async throws -> Value
    ) async throws -> Value {
        let server = try makeServer()
        return try await server.makeApplication().test(.router) { client in try await body(client, server) }
    }

    /// Runs `body` with the server listening on a loopback port, then shuts it down gracefully.
    @discardableResult
    func withLiveServer<Value: Sendable>(
        _ body: @Sendable (Int, IngestServer) async throws -> Value
    ) async throws -> Value {
        let server = try makeServer()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.makeApplication { _, port in continuation.yield(port) }
        let group = ServiceGroup(
            configuration: .init(services: [application], logger: Logger(label: "test.serve.group")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw HarnessError(description: "the server did not start") }
            do {
                let value = try await body(port, server)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// The store, opened anew (after the server has closed it, or beside it: WAL lets both read).
    func openStore() throws -> Store { try Store.open(path: path) }

    func count(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try openStore().database.count(sql, values)
    }

    func strings(_ sql: String, _ values: [SQLValue] = []) throws -> [String] {
        try openStore().database.query(sql, values) { $0.string(0) ?? "NULL" }
    }
}

/// A clock for the server that moves on by `step` milliseconds each time it is read, as the wall
/// clock does between the requests of a replay.
final class TickingClock: @unchecked Sendable {
    // @unchecked: `next` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var next: Int64
    private let step: Int64

    init(from start: Int64, step: Int64) {
        next = start
        self.step = step
    }

    func read() -> Int64 {
        lock.withLock {
            defer { next += step }
            return next
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}
