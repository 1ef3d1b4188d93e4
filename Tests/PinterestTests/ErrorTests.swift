import SegsyncTesting
import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("Errors that are not retried")
struct ErrorTests {
    @Test(
        "400, 401, 403, 404, 409 and 422 are not retried and carry status, code and message",
        arguments: [(400, 1), (401, 2), (403, 29), (404, 404), (409, 7), (422, 42)]
    )
    func notRetried(status: Int, code: Int) async throws {
        try await withStandIn { standIn in
            let sleeps = SleepRecorder()
            let client = makeClient(standIn, sleeps: sleeps)
            let list = try await client.createCustomerList(named: "x", records: ["a"])
            await standIn.inject(
                .error(status: status, code: code, message: "Refused for the test."), on: .updateCustomerList
            )
            let error = await #expect(throws: PinterestError.self) {
                try await client.updateCustomerList(id: list.id, operation: .add, records: ["b"])
            }
            #expect(error?.kind == .http)
            #expect(error?.status == status)
            #expect(error?.code == code)
            #expect(error?.message == "Refused for the test.")
            #expect(error?.attempts == 1)
            #expect(error?.isTransient == false)
            #expect(
                error?.description
                    == "Pinterest \(status) (code \(code)) on PATCH /ad_accounts/{id}/customer_lists/{id}: "
                    + "Refused for the test."
            )
            #expect(await standIn.requests(to: .updateCustomerList).count == 1)
            #expect(await sleeps.durations.isEmpty)
            #expect(await standIn.records(ofList: list.id) == ["a"])
        }
    }

    @Test("the stand-in's own 401 for a wrong token is Pinterest's shape, not retried")
    func wrongToken() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn, token: "pina_wrong-token")
            let error = await #expect(throws: PinterestError.self) { try await client.listCustomerLists() }
            #expect(error?.status == 401)
            #expect(error?.code == 2)
            #expect(error?.message == "Authentication failed.")
            #expect(await standIn.requests().count == 1)
        }
    }

    @Test("a 401 fault is not retried either")
    func unauthorizedFault() async throws {
        try await withStandIn { standIn in
            await standIn.inject(.unauthorized)
            let error = await #expect(throws: PinterestError.self) {
                try await makeClient(standIn).listAudiences()
            }
            #expect(
                error?.description
                    == "Pinterest 401 (code 2) on GET /ad_accounts/{id}/audiences: Authentication failed."
            )
        }
    }

    @Test("a real validation 400 from the stand-in: uppercase emails are refused, once")
    func validation400() async throws {
        try await withStandIn { standIn in
            let error = await #expect(throws: PinterestError.self) {
                try await makeClient(standIn).createCustomerList(named: "x", records: ["Someone@Example.com"])
            }
            #expect(error?.status == 400)
            #expect(error?.code == 1)
            #expect(error?.message.contains("lowercase") == true)
            #expect(await standIn.requests().count == 1)
        }
    }

    @Test("a 403 for an ad account the token may not use")
    func forbiddenAccount() async throws {
        try await withStandIn({ $0.adAccountIDs = ["111"] }) { standIn in
            let error = await #expect(throws: PinterestError.self) {
                try await makeClient(standIn).listCustomerLists()
            }
            #expect(error?.status == 403)
            #expect(error?.code == 29)
        }
    }

    @Test("no server at all: connection refused is retried, then reported without the URL's secrets")
    func noServer() async throws {
        // Port 9 (discard), outside the ephemeral range: a stopped stand-in's port could be handed to another
        // test's stand-in, whose faults and request counts these calls would then disturb.
        let configuration = PinterestConfiguration(
            baseURL: try #require(URL(string: "http://127.0.0.1:9/v5")), accessToken: AccessToken(testToken),
            adAccountID: testAccount, retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1)),
            requestsPerSecond: nil
        )
        let client = PinterestClient(configuration: configuration)
        let error = await #expect(throws: PinterestError.self) { try await client.listAudiences() }
        #expect(error?.kind == .connectionLost)
        #expect(error?.attempts == 2)
        #expect(error?.description.hasPrefix("Pinterest connection lost on GET /ad_accounts/{id}/audiences") == true)
    }

    @Test("configuration from the environment names the variable at fault, never its value")
    func environment() throws {
        let configuration = try PinterestConfiguration.fromEnvironment([
            "PINTEREST_ACCESS_TOKEN": testToken, "PINTEREST_AD_ACCOUNT_ID": testAccount,
            "PINTEREST_API_BASE": "http://127.0.0.1:9/v5",
        ])
        #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:9/v5")
        #expect(configuration.adAccountID == testAccount)
        let defaults = try PinterestConfiguration.fromEnvironment([
            "PINTEREST_ACCESS_TOKEN": testToken, "PINTEREST_AD_ACCOUNT_ID": testAccount,
        ])
        #expect(defaults.baseURL.absoluteString == "https://api.pinterest.com/v5")
        #expect(throws: PinterestConfigurationError(variable: "PINTEREST_ACCESS_TOKEN", problem: "is not set")) {
            try PinterestConfiguration.fromEnvironment(["PINTEREST_AD_ACCOUNT_ID": testAccount])
        }
        let bad = #expect(throws: PinterestConfigurationError.self) {
            try PinterestConfiguration.fromEnvironment([
                "PINTEREST_ACCESS_TOKEN": testToken, "PINTEREST_AD_ACCOUNT_ID": "act_12",
            ])
        }
        #expect(bad?.description == "PINTEREST_AD_ACCOUNT_ID must be 1 to 18 digits")
    }
}
