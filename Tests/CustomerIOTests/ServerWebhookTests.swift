import Foundation
import Hummingbird
import HummingbirdTesting
import SegsyncTesting
import Testing

@testable import CustomerIO

/// `POST /webhooks/customerio`: the Data Pipelines Webhook destination, signed with a shared secret.
@Suite struct ServerWebhookTests {
    static let secret = "whsec-7Hq2"
    static let events =
        "[" + Message.track("Order Completed", user: "u9", id: "m-w1") + ","
        + Message.identify(user: "u9", id: "m-w2", traits: "{\"email\": \"u9@example.com\"}") + "]"

    @Test func theHMACSHA1OfTheBodyIsItsSignature() {
        // RFC 2202 test case 2.
        let signature = WebhookSignature(secret: "Jefe")
        #expect(
            signature.sign(Array("what do ya want for nothing?".utf8)) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(
            signature.isValid(
                "EFFCDF6AE5EB2FA2D27416D5F184DF9C259A7C79", for: Array("what do ya want for nothing?".utf8)))
        #expect(
            !signature.isValid(
                "effcdf6ae5eb2fa2d27416d5f184df9c259a7c7", for: Array("what do ya want for nothing?".utf8)))
    }

    @Test func aSignedArrayOfEventsIsStored() async throws {
        let harness = ServerHarness(webhookSecret: Self.secret)
        try await harness.withRouter { client, _ in
            let signature = WebhookSignature(secret: Self.secret).sign(Array(Self.events.utf8))
            let response = try await client.execute(
                uri: "/webhooks/customerio", method: .post,
                headers: Requests.headers(authorization: nil, extra: [("X-Signature", signature)]),
                body: Requests.body(Self.events))
            #expect(response.status == .ok)
            #expect(response.text == "{}")
        }
        #expect(try harness.strings("SELECT type FROM messages ORDER BY id") == ["track", "identify"])
        #expect(try harness.strings("SELECT source FROM rejected") == [])
    }

    @Test func oneSignedEventIsStored() async throws {
        let harness = ServerHarness(webhookSecret: Self.secret)
        let event = Message.track("Refunded", user: "u9", id: "m-w3")
        try await harness.withRouter { client, _ in
            let response = try await client.execute(
                uri: "/webhooks/customerio", method: .post,
                headers: Requests.headers(
                    authorization: nil,
                    extra: [("X-Signature", WebhookSignature(secret: Self.secret).sign(Array(event.utf8)))]),
                body: Requests.body(event))
            #expect(response.status == .ok)
        }
        #expect(try harness.strings("SELECT name FROM events") == ["Refunded"])
    }

    @Test(arguments: [nil, "", "0000000000000000000000000000000000000000", "not hex at all"])
    func aMissingOrWrongSignatureIs401(_ signature: String?) async throws {
        let harness = ServerHarness(webhookSecret: Self.secret)
        try await harness.withRouter { client, _ in
            var extra: [(String, String)] = []
            if let signature { extra.append(("X-Signature", signature)) }
            let response = try await client.execute(
                uri: "/webhooks/customerio", method: .post, headers: Requests.headers(extra: extra),
                body: Requests.body(Self.events))
            #expect(response.status == .unauthorized)
            #expect(response.code == "invalid_signature")
            #expect(response.isClientError)
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 0)
    }

    @Test func aSignatureOfAnotherBodyIs401() async throws {
        try await ServerHarness(webhookSecret: Self.secret).withRouter { client, _ in
            let signature = WebhookSignature(secret: Self.secret).sign(Array("[]".utf8))
            let response = try await client.execute(
                uri: "/webhooks/customerio", method: .post,
                headers: Requests.headers(authorization: nil, extra: [("X-Signature", signature)]),
                body: Requests.body(Self.events))
            #expect(response.status == .unauthorized)
        }
    }

    @Test func withoutASecretAWebhookNeedsAWriteKey() async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let anonymous = try await client.execute(
                uri: "/webhooks/customerio", method: .post, headers: Requests.headers(authorization: nil),
                body: Requests.body(Self.events))
            #expect(anonymous.status == .unauthorized)
            let keyed = try await client.execute(
                uri: "/webhooks/customerio", method: .post, headers: Requests.headers(),
                body: Requests.body(Self.events))
            #expect(keyed.status == .ok)
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 2)
    }

    @Test func moreThan1000EventsAre400() async throws {
        var limits = IngestLimits()
        limits.webhookEvents = 1000
        let harness = ServerHarness(webhookSecret: Self.secret, limits: limits)
        let body =
            "["
            + (0..<1001).map { Message.track("Product Viewed", user: "u\($0 % 7)", id: "m-many-\($0)") }
            .joined(separator: ",") + "]"
        try await harness.withRouter { client, _ in
            let response = try await client.execute(
                uri: "/webhooks/customerio", method: .post,
                headers: Requests.headers(
                    authorization: nil,
                    extra: [("X-Signature", WebhookSignature(secret: Self.secret).sign(Array(body.utf8)))]),
                body: Requests.body(body))
            #expect(response.status == .badRequest)
            #expect(
                response.text
                    == "{\"code\":\"too_many_events\",\"message\":\"the request holds 1001 events; the limit is 1000\"}"
            )
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 0)
    }
}
