import Foundation
import SegsyncTesting
import Testing

@testable import CustomerIO

/// Requests that stall or stop half-way, on a real socket: the server times them out or drops them,
/// stores nothing of them, and keeps answering everyone else meanwhile.
@Suite struct ServerConnectionTests {
    static var shortTimeouts: IngestLimits {
        var limits = IngestLimits()
        limits.idleTimeout = .seconds(1)
        limits.bodyTimeout = .seconds(2)
        return limits
    }

    static func request(body: String, declaredLength: Int? = nil) -> String {
        "POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(Requests.basic())\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(declaredLength ?? body.utf8.count)\r\n\r\n" + body
    }

    static let good = Requests.batch([Message.track("Product Viewed", user: "u1", id: "m-ok")])
    static let other = Requests.batch([Message.track("Add to Cart", user: "u2", id: "m-half")])

    @Test func headersThenSilenceIsClosedWhileOthersAreServed() async throws {
        let harness = ServerHarness(limits: Self.shortTimeouts)
        try await harness.withLiveServer { port, _ in
            let stalled = try RawConnection(port: port)
            try stalled.send("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(Requests.basic())\r\n")

            let normal = try RawConnection(port: port)
            try normal.send(Self.request(body: Self.good))
            normal.shutdownWrite()
            let answer = await normal.read()
            #expect(answer.text.hasPrefix("HTTP/1.1 200 OK"))
            #expect(answer.text.hasSuffix("\r\n\r\n{}"))

            let outcome = await stalled.read()
            #expect(outcome.closed)
        }
        #expect(try harness.strings("SELECT message_id FROM events") == ["m-ok"])
    }

    @Test func aBodyThatStopsHalfWayIsNeitherStoredNorKeptAndHoldsNoOne() async throws {
        let harness = ServerHarness(limits: Self.shortTimeouts)
        try await harness.withLiveServer { port, _ in
            let half = try RawConnection(port: port)
            let full = Self.request(body: Self.other)
            try half.send(String(full.prefix(full.utf8.count - 20)))

            let normal = try RawConnection(port: port)
            try normal.send(Self.request(body: Self.good))
            normal.shutdownWrite()
            #expect(await normal.read().text.hasPrefix("HTTP/1.1 200 OK"))

            let outcome = await half.read()
            #expect(outcome.closed)
            #expect(!outcome.text.contains("200 OK"))
        }
        #expect(try harness.strings("SELECT message_id FROM events") == ["m-ok"])
        #expect(try harness.count("SELECT count(*) FROM rejected") == 0)
    }

    @Test func aBodyCutShortByTheClientIsNotStored() async throws {
        let harness = ServerHarness(limits: Self.shortTimeouts)
        try await harness.withLiveServer { port, _ in
            let cut = try RawConnection(port: port)
            let full = Self.request(body: Self.other)
            try cut.send(String(full.prefix(full.utf8.count - 20)))
            cut.shutdownWrite()
            let outcome = await cut.read()
            #expect(outcome.closed)
            #expect(!outcome.text.contains("200 OK"))
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 0)
    }

    /// A body that keeps trickling, a byte every 200 ms, so the connection is never idle, still has
    /// to arrive within the body timeout: the answer is a 408 and the connection is closed.
    @Test func aTricklingBodyTimesOut() async throws {
        var limits = Self.shortTimeouts
        limits.idleTimeout = .seconds(5)
        limits.bodyTimeout = .seconds(1)
        let harness = ServerHarness(limits: limits)
        try await harness.withLiveServer { port, _ in
            let slow = try RawConnection(port: port)
            let full = Self.request(body: Self.other)
            try slow.send(String(full.prefix(full.utf8.count - Self.other.utf8.count)))
            let trickle = Thread {
                for character in Self.other {
                    guard (try? slow.send(String(character))) != nil else { return }
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
            trickle.start()
            let outcome = await slow.read()
            #expect(outcome.text.hasPrefix("HTTP/1.1 408 Request Timeout"))
            #expect(
                outcome.text.hasSuffix(
                    "{\"code\":\"request_timeout\",\"message\":\"the body did not arrive within the 1-second limit\"}"))
            #expect(outcome.closed)
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 0)
    }

    @Test func aHeaderBlockOverTheLimitIsRefused() async throws {
        // The default timeouts: on a loaded machine a 1-second idle limit can close the connection before the
        // oversized header is even read, and this test is about the header limit.
        var limits = IngestLimits()
        limits.headerBytes = 1024
        let harness = ServerHarness(limits: limits)
        try await harness.withLiveServer { port, _ in
            let connection = try RawConnection(port: port)
            try connection.send(
                "POST /v1/batch HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 4096))\r\n"
                    + "Authorization: \(Requests.basic())\r\nContent-Length: 2\r\n\r\n{}")
            let outcome = await connection.read()
            #expect(outcome.text.hasPrefix("HTTP/1.1 400 Bad Request"))
            #expect(outcome.closed)
        }
    }
}
