import Foundation
import Hummingbird
import HummingbirdTesting
import SegsyncTesting
import Store
import Testing

@testable import CustomerIO

/// What the server stores: the official client's requests replayed over HTTP, the single-message
/// endpoints, strict mode, duplicates and the clock-skew correction.
@Suite struct ServerIngestTests {
    /// The instant the fixture requests are replayed at: a little after the client sent the last one.
    static let replayedAt = Timestamp.parseISO8601("2026-11-29T05:28:37Z") ?? 0

    static let trackWithoutEvent =
        "{\"type\": \"track\", \"userId\": \"u1\", \"messageId\": \"m-bad\", \"timestamp\": \"\(Message.time(0))\"}"

    @Test func theOfficialClientsRequestsAreStoredAsTheyWouldBeFromAFile() async throws {
        let requests = try Fixtures.officialClientRequests()
        var harness = ServerHarness()
        let clock = TickingClock(from: Self.replayedAt, step: 10)
        harness.clock = { clock.read() }
        try await harness.withRouter { client, _ in
            for request in requests {
                let gzip = request.headers["Content-Encoding"] == "gzip"
                let response = try await client.execute(
                    uri: "/v1/batch", method: .post,
                    headers: Requests.headers(authorization: request.headers["Authorization"], gzip: gzip),
                    body: Requests.body(request.body, gzip: gzip))
                #expect(response.status == .ok)
                #expect(response.text == "{}")
            }
        }
        #expect(
            try harness.strings("SELECT user_id || ' ' || anonymous_id || ' ' || email FROM people")
                == ["u00042 anon-7f3a Jane.Doe@Example.com"])
        #expect(try harness.count("SELECT count(*) FROM events") == 12)
        #expect(try harness.count("SELECT count(*) FROM messages") == 18)
        #expect(try harness.count("SELECT count(*) FROM rejected") == 0)
        #expect(try harness.strings("SELECT coalesce(phone, 'none') FROM people") == ["none"])
        #expect(try harness.strings("SELECT num FROM attributes WHERE key_norm = 'ltv'") == ["312.5"])
        #expect(try harness.strings("SELECT value FROM identities WHERE kind = 'email'") == ["jane.doe@example.com"])
        #expect(try harness.strings("SELECT min(received_at) FROM events") == ["\(Self.replayedAt)"])
    }

    /// `timestamp = receivedAt - (sentAt - timestamp)`, per message, with the envelope's `sentAt`.
    @Test func eventTimesAreCorrectedForTheSendersClock() async throws {
        let requests = try Fixtures.officialClientRequests()
        var harness = ServerHarness()
        let clock = TickingClock(from: Self.replayedAt, step: 10)
        harness.clock = { clock.read() }
        try await harness.withRouter { client, _ in
            for request in requests {
                _ = try await client.execute(
                    uri: "/v1/batch", method: .post,
                    headers: Requests.headers(authorization: request.headers["Authorization"]),
                    body: Requests.body(request.body))
            }
        }
        let stamped = Timestamp.parseISO8601("2026-11-20T14:30:05.123Z") ?? 0
        var expected: [String] = []
        for (index, request) in requests.enumerated() {
            let receivedAt = Self.replayedAt + 10 * Int64(index)
            let object = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
            let sentAt = try #require((object?["sentAt"] as? String).flatMap { Timestamp.parseISO8601($0) })
            let type = ((object?["batch"] as? [[String: Any]])?.first?["type"] as? String) ?? ""
            if type == "track" || type == "page" { expected.append(String(receivedAt - (sentAt - stamped))) }
        }
        #expect(try harness.strings("SELECT ts FROM events ORDER BY id") == expected)
        #expect(expected.count == 12)
    }

    @Test func aSkewOfTenMinutesIsTakenOut() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            // The sender's clock is 10 minutes fast: it stamped the event at +10:00 and sent it at +10:05.
            let body = Requests.batch(
                [Message.track("Add to Cart", user: "u1", at: 600, id: "m-skew")],
                sentAt: Message.time(605))
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(body))
            #expect(response.status == .ok)
        }
        #expect(try harness.strings("SELECT ts FROM events") == ["\(ServerHarness.now - 5000)"])
        #expect(try harness.strings("SELECT received_at FROM events") == ["\(ServerHarness.now)"])
    }

    @Test func theSameMessageIdSentAgainIsADuplicate() async throws {
        let harness = ServerHarness()
        let body = Requests.batch([
            Message.track("Product Viewed", user: "u1", id: "m-1"), Message.track("Add to Cart", user: "u1", id: "m-2"),
        ])
        let totals = try await harness.withRouter { client, server in
            for _ in 0..<3 {
                let response = try await client.execute(
                    uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(body))
                #expect(response.status == .ok)
                #expect(response.text == "{}")
            }
            return server.metrics.totals
        }
        #expect(try harness.count("SELECT count(*) FROM events") == 2)
        #expect(totals.received == 6 && totals.stored == 2 && totals.duplicates == 4 && totals.rejected == 0)
    }

    @Test(arguments: IngestMessage.Kind.allCases)
    func aSingleMessageEndpointImpliesTheType(_ kind: IngestMessage.Kind) async throws {
        let harness = ServerHarness()
        let fields =
            switch kind {
            case .track: "\"event\": \"Signed Up\", \"userId\": \"u7\""
            case .alias: "\"previousId\": \"anon-1\", \"userId\": \"u7\""
            case .identify: "\"userId\": \"u7\", \"traits\": {\"plan\": \"pro\"}"
            case .page, .screen: "\"userId\": \"u7\", \"name\": \"Home\""
            case .group: "\"userId\": \"u7\", \"groupId\": \"g1\""
            }
        try await harness.withRouter { client, _ in
            let body = "{ \(fields), \"messageId\": \"m-\(kind.rawValue)\", \"timestamp\": \"\(Message.time(0))\"}"
            let response = try await client.execute(
                uri: "/v1/\(kind.rawValue)", method: .post, headers: Requests.headers(), body: Requests.body(body))
            #expect(response.status == .ok)
            #expect(response.text == "{}")
        }
        #expect(try harness.strings("SELECT type FROM messages") == [kind.rawValue])
        #expect(try harness.count("SELECT count(*) FROM rejected") == 0)
    }

    @Test func aSingleMessageWhoseTypeContradictsTheEndpointIsRejected() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/identify", method: .post, headers: Requests.headers(),
                body: Requests.body(Message.track("A", user: "u1", id: "m-wrong")))
            #expect(response.status == .ok)
        }
        #expect(
            try harness.strings("SELECT message_id || ': ' || reason FROM rejected")
                == ["m-wrong: the message's type \"track\" does not match the endpoint /v1/identify"])
    }

    @Test func aPartialBatchStoresTheGoodMessagesAndKeepsTheBadOnes() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let body = Requests.batch([
                Message.track("Product Viewed", user: "u1", id: "m-good-1"),
                Self.trackWithoutEvent,
                Message.track("Add to Cart", user: "u1", id: "m-good-2"),
            ])
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(body))
            #expect(response.status == .ok)
            #expect(response.text == "{}")
        }
        #expect(try harness.strings("SELECT message_id FROM events ORDER BY id") == ["m-good-1", "m-good-2"])
        #expect(
            try harness.strings("SELECT message_id || ': ' || reason FROM rejected")
                == ["m-bad: a track message needs an \"event\" name"])
    }

    @Test func strictModeAnswers400NamingTheBadMessagesAndStoresNothing() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let body = Requests.batch([
                Message.track("Product Viewed", user: "u1", id: "m-good"),
                Self.trackWithoutEvent,
                "{\"type\": \"purchase\", \"userId\": \"u1\", \"timestamp\": \"\(Message.time(0))\"}",
            ])
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(extra: [("X-Strict-Mode", "1")]),
                body: Requests.body(body))
            #expect(response.status == .badRequest)
            #expect(response.isClientError)
            #expect(response.code == "invalid_messages")
            let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            let rejected = try #require(object?["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["index"] as? Int } == [1, 2])
            #expect(rejected.first?["messageId"] as? String == "m-bad")
            #expect(rejected.first?["reason"] as? String == "a track message needs an \"event\" name")
            #expect(
                (object?["message"] as? String)?.hasPrefix("2 of 3 messages are invalid and nothing was stored") == true
            )
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 0)
        #expect(try harness.count("SELECT count(*) FROM rejected") == 0)
    }

    @Test func strictModeStoresAGoodBatch() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(extra: [("X-Strict-Mode", "1")]),
                body: Requests.body(Requests.batch([Message.track("Product Viewed", user: "u1", id: "m-strict")])))
            #expect(response.status == .ok)
            #expect(response.text == "{}")
        }
        #expect(try harness.strings("SELECT message_id FROM events") == ["m-strict"])
    }

    @Test(arguments: [false, true])
    func gzipBodiesAreReadWithOrWithoutTheHeader(header: Bool) async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let body = Requests.batch([Message.track("Product Viewed", user: "u1", id: "m-gz")])
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(gzip: header),
                body: Requests.body(body, gzip: true))
            #expect(response.status == .ok)
        }
        #expect(try harness.strings("SELECT message_id FROM events") == ["m-gz"])
    }

    @Test func anArrayOfMessagesIsABatchToo() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let body =
                "[" + Message.track("A", user: "u1", id: "m-a1") + "," + Message.track("B", user: "u1", id: "m-a2")
                + "]"
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(body))
            #expect(response.status == .ok)
        }
        #expect(try harness.count("SELECT count(*) FROM events") == 2)
    }
}
