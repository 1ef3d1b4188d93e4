import Foundation
import Hummingbird
import HummingbirdTesting
import SegsyncTesting
import Testing

@testable import CustomerIO

/// Every error answer is a 4xx with `{"code": ..., "message": ...}`, the shape the clients stop retrying on.
@Suite struct ServerErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var uri = "/v1/batch"
        var headers = Requests.headers()
        var body: ByteBuffer
        var status: Int
        var code: String
        var message: String
    }

    static let oversizeProperties = "{\"blob\": \"" + String(repeating: "x", count: 33 * 1024) + "\"}"

    static let bigMessage = Message.track("A", user: "u", properties: oversizeProperties)
    static let bigBatch = Requests.batch(
        Array(
            repeating: Message.track(
                "A", user: "u", properties: "{\"blob\": \"\(String(repeating: "y", count: 20_000))\"}"),
            count: 26))

    static let cases: [Case] = [
        Case(
            description: "not JSON", body: Requests.body("{\"batch\": [{\"type\": "), status: 400,
            code: "invalid_json", message: "bad JSON at byte 21: expected a value"),
        Case(
            description: "not UTF-8", body: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D]), status: 400,
            code: "invalid_json", message: "the body is not valid UTF-8"),
        Case(
            description: "a number", body: Requests.body("42"), status: 400, code: "invalid_request",
            message: "expected a message object, a {\"batch\": [...]} envelope or an array of messages"),
        Case(
            description: "batch not an array", body: Requests.body("{\"batch\": {}}"), status: 400,
            code: "invalid_request", message: "\"batch\" must be an array of messages"),
        Case(
            description: "a batch to a single endpoint", uri: "/v1/track",
            body: Requests.body(Requests.batch([Message.track("A", user: "u")])), status: 400,
            code: "invalid_request", message: "/v1/track takes one message object; send batches to /v1/batch"),
        Case(
            description: "an array to a single endpoint", uri: "/v1/identify", body: Requests.body("[]"),
            status: 400, code: "invalid_request",
            message: "/v1/identify takes one message object; send batches to /v1/batch"),
        Case(
            description: "a message over 32 KB", uri: "/v1/track",
            body: Requests.body(bigMessage), status: 413, code: "payload_too_large",
            message: "the message is \(bigMessage.utf8.count) bytes; the limit is 32768 bytes"),
        Case(
            description: "a batch over 500 KB",
            body: Requests.body(bigBatch), status: 413, code: "payload_too_large",
            message: "the batch is \(bigBatch.utf8.count) bytes; the limit is 512000 bytes"),
        Case(
            description: "a gzip batch over 500 KB once decompressed",
            headers: Requests.headers(gzip: true),
            body: Requests.body(
                Requests.batch(
                    Array(
                        repeating: Message.track(
                            "A", user: "u", properties: "{\"blob\": \"\(String(repeating: "z", count: 30_000))\"}"),
                        count: 20)), gzip: true),
            status: 413, code: "payload_too_large",
            message: "the batch (decompressed) is too large: the limit is 512000 bytes"),
        Case(
            description: "corrupt gzip", headers: Requests.headers(gzip: true),
            body: ByteBuffer(bytes: [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]), status: 400, code: "invalid_request",
            message: "the gzip body cannot be decompressed: the gzip data ends early"),
        Case(
            description: "truncated gzip", headers: Requests.headers(gzip: true),
            body: ByteBuffer(
                bytes: Array(
                    Gzip.compress(Array(Requests.batch([Message.track("A", user: "u")]).utf8))
                        .dropLast(12))),
            status: 400, code: "invalid_request",
            message: "the gzip body cannot be decompressed: the gzip data ends early"),
        Case(
            description: "an unknown encoding", headers: Requests.headers(extra: [("Content-Encoding", "br")]),
            body: Requests.body("{}"), status: 415, code: "unsupported_encoding",
            message: "Content-Encoding br is not supported: send gzip or none"),
        Case(
            description: "an unknown endpoint", uri: "/v1/purchase", body: Requests.body("{}"), status: 404,
            code: "not_found", message: "no endpoint POST /v1/purchase"),
    ]

    @Test(arguments: cases)
    func answersWithTheErrorTheClientsUnderstand(_ test: Case) async throws {
        try await ServerHarness().withRouter { client, _ in
            let response = try await client.execute(
                uri: test.uri, method: .post, headers: test.headers, body: test.body)
            #expect(response.status.code == test.status)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.isClientError)
            #expect(response.code == test.code)
            #expect(response.text == "{\"code\":\"\(test.code)\",\"message\":\(JSONText.quoted(test.message))}")
        }
    }

    @Test func aGetOnAnIngestEndpointIsAJSONError() async throws {
        try await ServerHarness().withRouter { client, _ in
            let response = try await client.execute(uri: "/v1/batch", method: .get, headers: Requests.headers())
            #expect(response.status == .notFound)
            #expect(response.isClientError)
        }
    }

    @Test func aBodyThatIsNotJSONIsKeptAsARejection() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body("{\"batch\": [oops"))
            #expect(response.status == .badRequest)
        }
        #expect(
            try harness.strings("SELECT source || ' | ' || reason || ' | ' || raw FROM rejected")
                == ["/v1/batch | bad JSON at byte 12: expected a value | {\"batch\": [oops"])
    }

    @Test func aMessageOver32KBInABatchIsRejectedAndTheOthersStored() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let body = Requests.batch([
                Message.track("Product Viewed", user: "u1", id: "m-small-1"),
                Message.track("Product Viewed", user: "u1", id: "m-big", properties: Self.oversizeProperties),
                Message.track("Add to Cart", user: "u1", id: "m-small-2"),
            ])
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(body))
            #expect(response.status == .ok)
            #expect(response.text == "{}")
        }
        #expect(try harness.strings("SELECT message_id FROM events ORDER BY message_id") == ["m-small-1", "m-small-2"])
        let size = Message.track("Product Viewed", user: "u1", id: "m-big", properties: Self.oversizeProperties).utf8
            .count
        #expect(
            try harness.strings("SELECT message_id || ': ' || reason FROM rejected")
                == ["m-big: the message is \(size) bytes; a message may have at most 32768 bytes"])
    }

    @Test func gunzipReadsSeveralMembersAndStopsAtTheLimit() throws {
        let members = Gzip.compress(Array("{\"a\":".utf8)) + Gzip.compress(Array("1}".utf8))
        #expect(try Gunzip.inflate(members, limit: 100) == Array("{\"a\":1}".utf8))
        let bomb = Gzip.compress([UInt8](repeating: 0x20, count: 10_000_000))
        #expect(bomb.count < 20_000)
        #expect(throws: Gunzip.Failure.tooLarge(limit: 512_000)) { try Gunzip.inflate(bomb, limit: 512_000) }
        #expect(throws: Gunzip.Failure.corrupt("incorrect header check")) {
            try Gunzip.inflate(Array("{}".utf8), limit: 100)
        }
    }
}
