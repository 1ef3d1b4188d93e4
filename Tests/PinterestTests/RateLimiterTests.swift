import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("Rate limit")
struct RateLimiterTests {
    @Test("back-to-back callers are spaced 1/rate apart once the burst is spent")
    func spacing() async {
        let limiter = RateLimiter(requestsPerSecond: 10, burst: 1)
        let start = ContinuousClock.now
        #expect(await limiter.reserve(at: start) == .zero)
        #expect(await limiter.reserve(at: start) == .milliseconds(100))
        #expect(await limiter.reserve(at: start) == .milliseconds(200))
    }

    @Test("the bucket refills with time, up to the burst")
    func refill() async {
        let limiter = RateLimiter(requestsPerSecond: 10, burst: 3)
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(await limiter.reserve(at: start) == .zero) }
        #expect(await limiter.reserve(at: start) == .milliseconds(100))
        // 10 s later the bucket is full again (3 tokens, not 100).
        let later = start.advanced(by: .seconds(10))
        for _ in 0..<3 { #expect(await limiter.reserve(at: later) == .zero) }
        #expect(await limiter.reserve(at: later) > .zero)
    }

    @Test("requests through a rate-limited client reach the server spaced out, copies sharing one bucket")
    func clientSpacing() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn, requestsPerSecond: 20)
            let list = try await client.createCustomerList(named: "Spacing", records: hashedEmails(0..<3))
            let copy = client
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    let user = index % 2 == 0 ? client : copy
                    group.addTask { _ = try await user.getCustomerList(id: list.id) }
                }
                try await group.waitForAll()
            }
            let times = await standIn.requests().map(\.receivedAt)
            #expect(times.count == 7)
            let first = try #require(times.first)
            // 7 requests at 20/s: request i leaves 50 ms × i after the first. Arrivals can only be late, so
            // request i arrives at least 50 ms × i after the first, less the first one's own lateness (slack).
            for (index, time) in times.enumerated().dropFirst() {
                #expect(time - first >= .milliseconds(50 * index - 30), "request \(index)")
            }
        }
    }
}
