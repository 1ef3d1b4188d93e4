import SegsyncTesting
import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("The access token never shows")
struct TokenSecrecyTests {
    @Test("not in descriptions, dumps or mirrors of the token, the configuration or the client")
    func descriptions() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            var dumped = ""
            dump(client, to: &dumped)
            dump(client.configuration, to: &dumped)
            let texts = [
                "\(AccessToken(testToken))", String(reflecting: AccessToken(testToken)), "\(client)",
                String(reflecting: client), "\(client.configuration)", String(reflecting: client.configuration),
                dumped,
            ]
            for text in texts {
                #expect(!text.contains(testToken), "token leaked into: \(text)")
                #expect(!text.contains("TEST-SECRET"))
            }
        }
    }

    @Test("not in any log line or error of a run with faults, retries and failures; nor emails or hashes")
    func logsAndErrors() async throws {
        try await withStandIn { standIn in
            let logs = LogStore()
            let client = makeClient(standIn, logs: logs)
            var errors: [String] = []
            let records = hashedEmails(0..<5)
            await standIn.inject(.rateLimited(retryAfter: 0), on: .createCustomerList)
            await standIn.inject(.dropConnectionAfterApplying, on: .createCustomerList)
            let list = try await client.createCustomerList(named: "secret-test", records: records)
            await standIn.inject(.internalServerError, on: .updateCustomerList)
            _ = try await client.updateCustomerList(id: list.id, operation: .remove, records: records)
            await standIn.inject(.unauthorized)
            do { _ = try await client.listAudiences() } catch { errors.append("\(error)") }
            await standIn.inject(.error(status: 400, code: 1, message: "token \(testToken) is odd"))
            do { _ = try await client.getCustomerList(id: list.id) } catch { errors.append("\(error)") }
            do {
                _ = try await makeClient(standIn, token: testToken + "-wrong", logs: logs).listCustomerLists()
            } catch { errors.append("\(error)") }

            #expect(errors.count == 3)
            #expect(errors[1].contains("[redacted]"))
            let lines = logs.all
            #expect(lines.contains { $0.contains("pinterest.retry") })
            #expect(lines.contains { $0.contains("pinterest.customer_list.adopted") })
            for text in lines + errors {
                #expect(!text.contains("TEST-SECRET"), "token leaked into: \(text)")
                #expect(!text.contains("@example.com"))
                #expect(!records.contains { text.contains($0) }, "a hash leaked into: \(text)")
            }
        }
    }

    @Test("the token goes only into the Authorization header, which the stand-in does not record")
    func onlyInTheHeader() async throws {
        try await withStandIn { standIn in
            _ = try await makeClient(standIn).listCustomerLists()
            let request = try #require(await standIn.requests().first)
            #expect(request.headers["authorization"] == nil)
            #expect(!request.path.contains("TEST-SECRET"))
            #expect(!request.query.values.contains { $0.contains("TEST-SECRET") })
        }
    }
}
