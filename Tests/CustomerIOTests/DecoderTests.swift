import Foundation
import SegsyncTesting
import Store
import Testing

@testable import CustomerIO

@Suite struct DecoderTests {
    let decoder = MessageDecoder(source: "feed.ndjson")

    func reasons(_ line: String) -> [String] {
        decoder.decode(line, line: 7).compactMap {
            if case .rejected(let rejection) = $0 { return rejection.reason }
            return nil
        }
    }

    @Test(arguments: [
        ("{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\", \"timestamp\": ",
         "bad JSON at byte 61: expected a value"),
        ("not json", "bad JSON at byte 1: expected a value"),
        ("{\"type\": \"track\", \"event\": \"A\", \"userId\": null, \"anonymousId\": null, "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "the message has neither \"userId\" nor \"anonymousId\""),
        ("{\"type\": \"track\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "a track message needs an \"event\" name"),
        ("{\"type\": \"track\", \"event\": \"\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "a track message needs an \"event\" name"),
        ("{\"type\": \"purchase\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "unknown message type \"purchase\": expected identify, track, page, screen, group or alias"),
        ("{\"event\": \"A\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "the message has no \"type\""),
        ("{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\", \"timestamp\": \"yesterday\"}",
         "the timestamp \"yesterday\" does not parse: expected ISO-8601 such as 2026-11-20T14:30:05.123Z"),
        ("{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\"}", "the message has no \"timestamp\""),
        ("{\"type\": \"alias\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "an alias needs both \"userId\" and \"previousId\""),
        ("{\"type\": \"track\", \"event\": \"A\", \"userId\": {\"id\": 1}, \"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "\"userId\" must be a string, a number or null"),
        ("{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\", \"properties\": [1], "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\"}",
         "\"properties\" must be an object"),
        ("42", "expected a message object, a {\"batch\": [...]} envelope or an array of messages"),
        ("{\"batch\": {}}", "\"batch\" must be an array of messages"),
        ("{\"a\": 1} {\"b\": 2}", "bad JSON at byte 10: expected end of the line"),
    ])
    func rejectsWithAReason(_ line: String, reason: String) {
        #expect(reasons(line) == [reason])
    }

    @Test func aRejectionKeepsItsLineSourceAndRawText() throws {
        let line = "{\"type\": \"track\", \"userId\": \"u\", \"messageId\": \"m-9\", \"timestamp\": \"2026-11-20T10:00:00Z\"}"
        let items = decoder.decode(line, line: 12)
        guard case .rejected(let rejection) = try #require(items.first) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection == Rejection(source: "feed.ndjson", line: 12, reason: "a track message needs an \"event\" name",
                                       messageId: "m-9", raw: line))
    }

    @Test func invalidUTF8IsRejectedNotRepaired() {
        var bytes = Array("{\"type\": \"track\", \"event\": \"Caf".utf8) + [0xE9] + Array("\", \"userId\": \"u\"}".utf8)
        var items: [IngestItem] = []
        bytes.withUnsafeMutableBufferPointer { decoder.decode(UnsafeBufferPointer($0), line: 1, into: &items) }
        guard case .rejected(let rejection) = items.first else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.reason == "the line is not valid UTF-8")
    }

    @Test func allThreeLineShapesCountEachMessage() {
        let one = Message.track("A", user: "u", id: "1")
        let two = Message.track("B", user: "u", id: "2")
        let bad = "{\"type\": \"track\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}"
        #expect(decoder.decode(one).count == 1)
        #expect(decoder.decode("{\"batch\": [\(one), \(two), \(bad)], \"sentAt\": \"2026-11-20T10:00:00Z\"}").count == 3)
        #expect(decoder.decode("[\(one), \(two)]").count == 2)
        #expect(decoder.decode("[]").isEmpty)
    }

    @Test func oneBadMessageInABatchCostsOnlyItself() {
        let items = decoder.decode("{\"batch\": [\(Message.track("A", user: "u")), 7, \(Message.track("B", user: "u"))]}")
        let kinds = items.map { if case .message = $0 { "ok" } else { "rejected" } }
        #expect(kinds == ["ok", "rejected", "ok"])
    }

    @Test func escapedStringsDecode() throws {
        let line = "{\"type\": \"track\", \"event\": \"Caf\\u00e9 \\\"Saved\\\" \\ud83d\\ude00\\n\", \"userId\": \"u\\/1\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\", \"messageId\": \"e\"}"
        guard case .message(let message) = try #require(decoder.decode(line).first) else {
            Issue.record("expected a message")
            return
        }
        #expect(message.eventName == "Café \"Saved\" 😀\n")
        #expect(message.userId == "u/1")
    }

    @Test func numericIdsAndEmptyStringsAreHandled() throws {
        let line = "{\"type\": \"track\", \"event\": \"A\", \"userId\": 42, \"anonymousId\": \"\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\", \"messageId\": \"n\"}"
        guard case .message(let message) = try #require(decoder.decode(line).first) else {
            Issue.record("expected a message")
            return
        }
        #expect(message.userId == "42")
        #expect(message.anonymousId == nil)
    }

    @Test func aMissingMessageIdGetsAStableOne() throws {
        let line = "{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\", \"timestamp\": \"2026-11-20T10:00:00Z\"}"
        guard case .message(let first) = try #require(decoder.decode(line).first),
            case .message(let second) = try #require(decoder.decode(line).first)
        else {
            Issue.record("expected messages")
            return
        }
        #expect(first.messageId == second.messageId)
        #expect(first.messageId.hasPrefix("derived-"))
    }

    @Test func serverCorrectsClockSkewFromSentAt() throws {
        let server = MessageDecoder(source: "/v1/batch", receivedAt: 1_000_000, correctsClockSkew: true)
        // The sender's clock is 10 s fast: it says it sent at 1970-01-01T00:16:50Z, 5 s after the event.
        let body = "{\"batch\": [{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\", \"messageId\": \"k\", "
            + "\"timestamp\": \"1970-01-01T00:16:45Z\"}], \"sentAt\": \"1970-01-01T00:16:50Z\"}"
        guard case .message(let message) = try #require(server.decode(body).first) else {
            Issue.record("expected a message")
            return
        }
        #expect(message.timestamp == 1_000_000 - 5_000)
        #expect(message.receivedAt == 1_000_000)
        // Files are taken as given.
        guard case .message(let fromFile) = try #require(decoder.decode(body).first) else {
            Issue.record("expected a message from the file decoder")
            return
        }
        #expect(fromFile.timestamp == 1_005_000)
    }

    @Test func hostileNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(reasons(deep).first?.contains("less deeply nested JSON") == true)
        let deepProperties = "{\"type\": \"track\", \"event\": \"A\", \"userId\": \"u\", \"properties\": "
            + String(repeating: "{\"a\":", count: 5000) + "1" + String(repeating: "}", count: 5000) + "}"
        #expect(reasons(deepProperties).first?.contains("less deeply nested JSON") == true)
    }
}
