/// How hard the client tries before it gives up on a call.
///
/// Delays grow exponentially from `baseDelay` (doubling each attempt, capped at `maxDelay`) with "equal jitter":
/// the wait is uniformly drawn from the upper half of the exponential step, so retries from many clients spread
/// out but never collapse to zero. A `Retry-After` header, when Pinterest sends one, replaces the computed delay.
/// A call is bounded twice: by `maxAttempts` and by `maxTotalTime`, measured from its first attempt; a retry
/// whose wait would cross that bound is not made.
///
/// ```swift
/// let policy = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(500), maxDelay: .seconds(30))
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts for one call, the first included. At least 1.
    public var maxAttempts: Int
    /// The exponential step before the first retry.
    public var baseDelay: Duration
    /// The longest computed wait between two attempts.
    public var maxDelay: Duration
    /// The longest `Retry-After` the client accepts to wait; a longer one gives up at once.
    public var maxRetryAfter: Duration
    /// The time budget for one call, from its first attempt to the start of its last.
    public var maxTotalTime: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maxAttempts: The most attempts for one call, the first included (clamped to at least 1).
    ///   - baseDelay: The exponential step before the first retry.
    ///   - maxDelay: The longest computed wait between two attempts.
    ///   - maxRetryAfter: The longest `Retry-After` the client accepts to wait.
    ///   - maxTotalTime: The time budget for one call.
    public init(
        maxAttempts: Int = 6,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(120),
        maxTotalTime: Duration = .seconds(300)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.maxTotalTime = maxTotalTime
    }

    /// The default: 6 attempts, 0.5 s doubling to 30 s, at most 5 minutes a call.
    public static let standard = RetryPolicy()

    /// One attempt, no retry.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The computed wait before retry number `retry` (1 for the first retry), for a jitter in `0..<1`.
    ///
    /// `min(maxDelay, baseDelay × 2^(retry-1))`, of which the upper half is drawn: `step × (0.5 + jitter / 2)`.
    public func backoff(beforeRetry retry: Int, jitter: Double) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let step = min(maxDelay, baseDelay * (1 << exponent))
        let unit = min(max(jitter, 0), 1)
        return step * (0.5 + unit / 2)
    }

    /// Whether a failure is worth another attempt at all, whatever the budget.
    ///
    /// 429 and every 5xx are; timeouts and dropped connections are; 4xx other than 429 (400, 401, 403, 404,
    /// 409, 422...) are not, nor are other transport failures.
    public static func isRetryable(_ failure: AttemptFailure) -> Bool {
        switch failure {
        case .status(let status, _): return status == 429 || (500...599).contains(status)
        case .timedOut, .connectionLost: return true
        case .other: return false
        }
    }
}

/// Why one attempt failed, as the retry state machine sees it.
public enum AttemptFailure: Sendable, Hashable {
    /// Pinterest answered with this non-success status, and maybe a `Retry-After` in seconds.
    case status(Int, retryAfter: Duration?)
    /// No answer arrived in time.
    case timedOut
    /// The connection was dropped or refused before an answer arrived.
    case connectionLost
    /// Any other failure (TLS, DNS, a malformed URL...): not retried.
    case other
}
