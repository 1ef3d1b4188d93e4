import SegsyncTesting
import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("Faults are retried and the end state is right")
struct FaultTests {
    @Test(
        "each retryable fault on an update is retried and the list ends with exactly the expected records",
        arguments: [
            StandInFault.rateLimited(), .rateLimited(retryAfter: 1), .internalServerError, .serviceUnavailable,
            .dropConnectionAfterApplying, .dropConnectionBeforeApplying,
        ]
    )
    func updateFaults(_ fault: StandInFault) async throws {
        try await withStandIn { standIn in
            let sleeps = SleepRecorder()
            let client = makeClient(standIn, sleeps: sleeps)
            let list = try await client.createCustomerList(named: "faulty", records: hashedEmails(0..<10))
            await standIn.inject(fault, on: .updateCustomerList)
            _ = try await client.updateCustomerList(id: list.id, operation: .remove, records: hashedEmails(0..<3))
            await standIn.inject(fault, on: .updateCustomerList, times: 2)
            _ = try await client.updateCustomerList(id: list.id, operation: .add, records: hashedEmails(10..<15))

            #expect(await standIn.records(ofList: list.id) == Set(hashedEmails(3..<15)))
            #expect(await standIn.pendingFaultCount() == 0)
            // 1 + 1 retry for the removal, 1 + 2 retries for the addition.
            #expect(await standIn.requests(to: .updateCustomerList).count == 5)
            #expect(await sleeps.durations.count == 3)
        }
    }

    @Test("Retry-After is honoured exactly; without it the jittered backoff applies")
    func retryAfter() async throws {
        try await withStandIn { standIn in
            let sleeps = SleepRecorder()
            let policy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(200), maxDelay: .seconds(5))
            let client = makeClient(standIn, retryPolicy: policy, sleeps: sleeps)
            await standIn.inject(.rateLimited(retryAfter: 3), on: .listCustomerLists)
            await standIn.inject(.rateLimited(), on: .listCustomerLists)
            _ = try await client.listCustomerLists()
            // Retry-After: 3 → 3 s; then no header → 200 ms × 2 (second retry) × (0.5 + 0.5/2) with jitter 0.5.
            #expect(await sleeps.durations == [.seconds(3), .milliseconds(300)])
        }
    }

    @Test("Retry-After with real time: the client waits, then succeeds")
    func retryAfterRealTime() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            await standIn.inject(.error(status: 429, code: 8, message: "slow down", retryAfter: "0.2"))
            let start = ContinuousClock.now
            _ = try await client.listAudiences()
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            #expect(await standIn.requests(to: .listAudiences).count == 2)
        }
    }

    @Test("a slow answer times out, is retried, and the list still holds each record once")
    func slowAnswer() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn, requestTimeout: .seconds(1))
            let list = try await client.createCustomerList(named: "slow", records: hashedEmails(0..<2))
            await standIn.inject(.slow(.milliseconds(1600)), on: .updateCustomerList)
            _ = try await client.updateCustomerList(id: list.id, operation: .add, records: hashedEmails(2..<4))
            #expect(await standIn.records(ofList: list.id) == Set(hashedEmails(0..<4)))
            #expect(await standIn.requests(to: .updateCustomerList).count == 2)
            // The slow attempt is applied late too; the set does not change.
            try await Task.sleep(for: .milliseconds(800))
            #expect(await standIn.records(ofList: list.id) == Set(hashedEmails(0..<4)))
        }
    }

    @Test("a creation whose connection drops after it was applied is adopted, not made twice")
    func createDroppedAfterApplying() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            await standIn.inject(.dropConnectionAfterApplying, on: .createCustomerList)
            let list = try await client.createCustomerList(named: "Refunded", records: hashedEmails(0..<3))
            let lists = await standIn.customerLists()
            #expect(lists.map(\.id) == [list.id])
            #expect(await standIn.requests(to: .createCustomerList).count == 1)
            #expect(await standIn.records(ofList: list.id) == Set(hashedEmails(0..<3)))

            await standIn.inject(.dropConnectionAfterApplying, on: .createAudience)
            let audience = try await client.createAudience(named: "Refunded", customerListID: list.id)
            #expect(await standIn.audiences().map(\.id) == [audience.id])
            #expect(await standIn.requests(to: .createAudience).count == 1)
        }
    }

    @Test("a creation refused with 503 (not applied) is retried and made once")
    func createRetriedAfter503() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            await standIn.inject(.serviceUnavailable, on: .createCustomerList)
            let list = try await client.createCustomerList(named: "Retried", records: hashedEmails(0..<3))
            #expect(await standIn.customerLists().map(\.id) == [list.id])
            #expect(await standIn.requests(to: .createCustomerList).count == 2)
        }
    }

    @Test("persistent 503 gives up after the policy's attempts with Pinterest's code and message")
    func givesUp() async throws {
        try await withStandIn { standIn in
            let sleeps = SleepRecorder()
            let client = makeClient(standIn, retryPolicy: RetryPolicy(maxAttempts: 3), sleeps: sleeps)
            await standIn.inject(.serviceUnavailable, on: .getCustomerList, times: 5)
            let error = await #expect(throws: PinterestError.self) {
                try await client.getCustomerList(id: "1")
            }
            #expect(error?.status == 503)
            #expect(error?.code == 4197)
            #expect(error?.attempts == 3)
            #expect(error?.isTransient == true)
            #expect(
                error?.description
                    == "Pinterest 503 (code 4197) on GET /ad_accounts/{id}/customer_lists/{id} after 3 attempts: "
                    + "The endpoint has been ramped down and is currently not accepting any traffic."
            )
            #expect(await standIn.requests(to: .getCustomerList).count == 3)
            #expect(await standIn.pendingFaultCount() == 2)
        }
    }
}
