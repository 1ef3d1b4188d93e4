/// A token bucket that spaces requests to at most `requestsPerSecond`, with bursts of up to `burst`.
///
/// An actor because every copy of a client shares one bucket. Callers reserve a slot and are told how long to
/// wait; the state changes before anyone waits, so concurrent callers queue in order instead of racing, and the
/// wait itself happens outside the actor with the client's injectable sleep.
///
/// ```swift
/// let limiter = RateLimiter(requestsPerSecond: 10, burst: 1)
/// let wait = await limiter.reserve(at: .now)   // .zero, then 100 ms, 200 ms... for back-to-back callers
/// ```
public actor RateLimiter {
    /// The sustained rate.
    public nonisolated let requestsPerSecond: Double
    /// How many requests may go at once after a quiet spell.
    public nonisolated let burst: Int

    private var tokens: Double
    private var updated: ContinuousClock.Instant?

    /// Creates a bucket, full.
    ///
    /// - Parameters:
    ///   - requestsPerSecond: The sustained rate; must be positive.
    ///   - burst: The bucket's size, at least 1.
    public init(requestsPerSecond: Double, burst: Int = 1) {
        precondition(requestsPerSecond > 0 && requestsPerSecond.isFinite, "rate must be positive")
        self.requestsPerSecond = requestsPerSecond
        self.burst = max(1, burst)
        self.tokens = Double(max(1, burst))
    }

    /// Takes one token at `now` and returns how long the caller must wait before sending (`.zero` if none).
    ///
    /// Tokens may go negative: each caller's debt is paid by waiting, so `n` back-to-back callers wait
    /// `0, 1/r, 2/r...` seconds once the burst is spent.
    public func reserve(at now: ContinuousClock.Instant) -> Duration {
        if let last = updated {
            if now > last {
                let elapsed = now - last
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                tokens = min(Double(burst), tokens + seconds * requestsPerSecond)
                updated = now
            }
        } else {
            updated = now
        }
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .seconds(-tokens / requestsPerSecond)
    }
}
