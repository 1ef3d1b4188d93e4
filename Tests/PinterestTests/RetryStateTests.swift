import Pinterest
import Testing

@Suite("Retry state machine")
struct RetryStateTests {
    let policy = RetryPolicy(
        maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1), maxRetryAfter: .seconds(30),
        maxTotalTime: .seconds(10)
    )

    @Test("retried: 429, 5xx, timeouts, dropped connections", arguments: [
        AttemptFailure.status(429, retryAfter: nil), .status(500, retryAfter: nil), .status(502, retryAfter: nil),
        .status(503, retryAfter: nil), .timedOut, .connectionLost,
    ])
    func retried(_ failure: AttemptFailure) {
        var state = RetryState(policy: policy)
        #expect(state.attemptFailed(failure, elapsed: .zero, jitter: 0) == .retry(after: .milliseconds(50)))
    }

    @Test("not retried: 400, 401, 403, 404, 409, 422 and other transport failures", arguments: [
        AttemptFailure.status(400, retryAfter: nil), .status(401, retryAfter: nil), .status(403, retryAfter: nil),
        .status(404, retryAfter: nil), .status(409, retryAfter: nil), .status(422, retryAfter: nil), .other,
    ])
    func notRetried(_ failure: AttemptFailure) {
        var state = RetryState(policy: policy)
        #expect(state.attemptFailed(failure, elapsed: .zero, jitter: 0.5) == .giveUp)
    }

    @Test("backoff doubles, jitter draws from the upper half, the cap holds")
    func exponentialBackoff() {
        var low = RetryState(policy: policy)
        var high = RetryState(policy: policy)
        let expectedLow: [Duration] = [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400)]
        let expectedHigh: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800)]
        for index in 0..<4 {
            #expect(low.attemptFailed(.timedOut, elapsed: .zero, jitter: 0) == .retry(after: expectedLow[index]))
            #expect(high.attemptFailed(.timedOut, elapsed: .zero, jitter: 1) == .retry(after: expectedHigh[index]))
        }
        #expect(policy.backoff(beforeRetry: 10, jitter: 1) == .seconds(1))
        #expect(policy.backoff(beforeRetry: 10, jitter: 0) == .milliseconds(500))
    }

    @Test("Retry-After replaces the backoff, exactly, without jitter")
    func retryAfterHonoured() {
        var state = RetryState(policy: policy)
        let action = state.attemptFailed(.status(429, retryAfter: .seconds(7)), elapsed: .zero, jitter: 0.9)
        #expect(action == .retry(after: .seconds(7)))
        #expect(state.totalDelay == .seconds(7))
    }

    @Test("a Retry-After longer than the policy accepts gives up at once")
    func retryAfterTooLong() {
        var state = RetryState(policy: policy)
        #expect(state.attemptFailed(.status(429, retryAfter: .seconds(31)), elapsed: .zero, jitter: 0) == .giveUp)
    }

    @Test("attempts are bounded: the fifth failure of five attempts gives up")
    func attemptsBounded() {
        var state = RetryState(policy: policy)
        for _ in 0..<4 {
            guard case .retry = state.attemptFailed(.status(503, retryAfter: nil), elapsed: .zero, jitter: 0) else {
                Issue.record("gave up too early")
                return
            }
        }
        #expect(state.attemptFailed(.status(503, retryAfter: nil), elapsed: .zero, jitter: 0) == .giveUp)
        #expect(state.failedAttempts == 5)
    }

    @Test("time is bounded: a wait that would cross the budget is not made")
    func timeBounded() {
        var state = RetryState(policy: policy)
        #expect(state.attemptFailed(.timedOut, elapsed: .milliseconds(9_960), jitter: 0) == .giveUp)
        var waits = RetryState(policy: policy)
        #expect(waits.attemptFailed(.status(429, retryAfter: .seconds(6)), elapsed: .zero, jitter: 0) != .giveUp)
        // Injected sleeps take no real time: the waits asked for still count against the budget.
        #expect(waits.attemptFailed(.status(429, retryAfter: .seconds(6)), elapsed: .zero, jitter: 0) == .giveUp)
    }

    @Test("one attempt only with .never")
    func never() {
        var state = RetryState(policy: .never)
        #expect(state.attemptFailed(.status(503, retryAfter: nil), elapsed: .zero, jitter: 0) == .giveUp)
    }
}
