import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import SegsyncTesting
import Testing

@testable import CustomerIO

/// Logs say what happened with codes, counts and routes: never a key, an email or a message's contents.
@Suite struct ServerLoggingTests {
    @Test func logsHoldNoKeysEmailsOrMessageContents() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test.serve") { _ in handler }
        logger.logLevel = .trace
        var harness = ServerHarness(webhookSecret: "whsec-secret-42")
        harness.logger = logger
        let secrets = ["Ada.Secret@Example.com", "sku-secret-991", "WRONGKEY-secret", "whsec-secret-42", "u-secret-7"]
        try await harness.withRouter { client, _ in
            let good = Requests.batch([
                Message.identify(user: "u-secret-7", traits: "{\"email\": \"Ada.Secret@Example.com\"}"),
                Message.track("Product Viewed", user: "u-secret-7", properties: "{\"product_id\": \"sku-secret-991\"}"),
            ])
            let responses = [
                try await client.execute(
                    uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(good)),
                try await client.execute(
                    uri: "/v1/batch", method: .post, headers: Requests.headers(authorization: "Bearer WRONGKEY-secret"),
                    body: Requests.body(good)),
                try await client.execute(
                    uri: "/v1/batch", method: .post, headers: Requests.headers(),
                    body: Requests.body("{\"batch\": [\"Ada.Secret@Example.com\"")),
                try await client.execute(
                    uri: "/webhooks/customerio", method: .post,
                    headers: Requests.headers(extra: [("X-Signature", "00")]),
                    body: Requests.body(good)),
            ]
            #expect(responses.map(\.status.code) == [200, 401, 400, 401])
        }
        let entries = handler.entries
        #expect(entries.contains { "\($0.message)" == "ingest.request.refused" })
        #expect(entries.contains { "\($0.message)" == "http.request" })
        for entry in entries {
            let text = "\(entry.message) \(entry.metadata)"
            for secret in secrets {
                #expect(!text.contains(secret), "a log entry holds \(secret): \(entry.message)")
            }
        }
    }
}
