/// The retry decisions for one call, as a pure value.
///
/// The client feeds each failed attempt in and gets back what to do; time and randomness are parameters, so
/// every decision can be tested without a clock or a network.
///
/// ```swift
/// var retries = RetryState(policy: .standard)
/// switch retries.attemptFailed(.status(429, retryAfter: .seconds(2)), elapsed: .zero, jitter: 0.3) {
/// case .retry(let delay): try await sleep(delay)   // 2 s, as Pinterest asked
/// case .giveUp: throw error
/// }
/// ```
public struct RetryState: Sendable, Hashable {
    /// What to do after a failed attempt.
    public enum Action: Sendable, Hashable {
        /// Wait this long, then try again.
        case retry(after: Duration)
        /// Stop and report the failure.
        case giveUp
    }

    /// The policy in force.
    public let policy: RetryPolicy
    /// How many attempts have failed so far.
    public private(set) var failedAttempts = 0
    /// The sum of the waits this state has asked for.
    public private(set) var totalDelay: Duration = .zero

    /// Starts a call under `policy`.
    public init(policy: RetryPolicy) {
        self.policy = policy
    }

    /// Records a failed attempt and decides whether to try again.
    ///
    /// - Parameters:
    ///   - failure: Why the attempt failed.
    ///   - elapsed: The time since the call's first attempt started, waits included.
    ///   - jitter: A random number in `0..<1`, from the client's injectable random source.
    /// - Returns: `.retry(after:)` with the wait (Pinterest's `Retry-After` when it sent one, else the jittered
    ///   exponential backoff), or `.giveUp` when the failure is not retryable, the attempts are spent, the
    ///   `Retry-After` is longer than the policy accepts, or the wait would cross the call's time budget.
    public mutating func attemptFailed(_ failure: AttemptFailure, elapsed: Duration, jitter: Double) -> Action {
        failedAttempts += 1
        guard RetryPolicy.isRetryable(failure), failedAttempts < policy.maxAttempts else { return .giveUp }

        let delay: Duration
        if case .status(_, let retryAfter?) = failure {
            guard retryAfter <= policy.maxRetryAfter else { return .giveUp }
            delay = max(retryAfter, .zero)
        } else {
            delay = policy.backoff(beforeRetry: failedAttempts, jitter: jitter)
        }

        let spent = max(elapsed, totalDelay)
        guard spent + delay <= policy.maxTotalTime else { return .giveUp }
        totalDelay += delay
        return .retry(after: delay)
    }
}
