import Foundation
import Hummingbird
import HummingbirdTesting
import SegsyncTesting
import Testing

@testable import CustomerIO

/// Write keys: HTTP Basic (key as user, empty password) in both base64 alphabets, and Bearer.
@Suite struct ServerAuthTests {
    static let track = Requests.batch([Message.track("Product Viewed", user: "u1", id: "m-auth")])

    @Test(arguments: [
        Requests.basic(),
        Requests.basic(padded: false),
        "Bearer \(ServerHarness.bearerKey)",
        "bearer   \(ServerHarness.bearerKey)",
        "Basic " + Data("\(ServerHarness.key):ignored".utf8).base64EncodedString(),
    ])
    func acceptsAKeyInEveryFormTheClientsUse(_ authorization: String) async throws {
        try await ServerHarness().withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(authorization: authorization),
                body: Requests.body(Self.track))
            #expect(response.status == .ok)
            #expect(response.text == "{}")
        }
    }

    /// `wk?>>~~:` encodes with both `/` and `+` in the standard alphabet, `_` and `-` in the URL-safe one.
    @Test(arguments: [false, true])
    func acceptsBothBase64Alphabets(urlSafe: Bool) async throws {
        let key = "wk?>>~~"
        let authorization = Requests.basic(key, urlSafe: urlSafe)
        #expect(authorization.contains(urlSafe ? "_" : "/") && authorization.contains(urlSafe ? "-" : "+"))
        try await ServerHarness(extraKeys: [key]).withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(authorization: authorization),
                body: Requests.body(Self.track))
            #expect(response.status == .ok)
        }
    }

    @Test(arguments: [
        (
            nil as String?,
            "no write key: send it as the HTTP Basic user with an empty password, or as Authorization: Bearer KEY"
        ),
        ("", "no write key: send it as the HTTP Basic user with an empty password, or as Authorization: Bearer KEY"),
        (Requests.basic("WRONGKEY"), "the write key is not one of this server's keys"),
        ("Bearer pk_us_wrong", "the write key is not one of this server's keys"),
        ("Basic !!!not-base64!!!", "the Authorization header is neither Basic credentials nor a Bearer token"),
        (
            "Basic " + Data(":WRITEKEY".utf8).base64EncodedString(),
            "the Authorization header is neither Basic credentials nor a Bearer token"
        ),
        ("Token WRITEKEY", "the Authorization header is neither Basic credentials nor a Bearer token"),
        ("Bearer", "the Authorization header is neither Basic credentials nor a Bearer token"),
    ])
    func refusesAMissingOrWrongKeyWith401(_ authorization: String?, message: String) async throws {
        let harness = ServerHarness()
        try await harness.withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(authorization: authorization),
                body: Requests.body(Self.track))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Basic realm=\"segsync\"")
            #expect(response.text == "{\"code\":\"unauthorized\",\"message\":\"\(message)\"}")
        }
        #expect(try harness.count("SELECT count(*) FROM messages") == 0)
        #expect(try harness.count("SELECT count(*) FROM rejected") == 0)
    }

    @Test func theKeyNeverAppearsInAnAnswer() async throws {
        try await ServerHarness().withRouter { client, _ in
            let response = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(authorization: "Bearer sk_eu_secret123"),
                body: Requests.body(Self.track))
            #expect(response.status == .unauthorized)
            #expect(!response.text.contains("secret123"))
        }
    }

    @Test func keysAreComparedWhole() {
        let keys = WriteKeys(["WRITEKEY"])
        #expect(keys.accepts("WRITEKEY"))
        #expect(!keys.accepts("WRITEKE"))
        #expect(!keys.accepts("WRITEKEYS"))
        #expect(!keys.accepts("writekey"))
    }
}
