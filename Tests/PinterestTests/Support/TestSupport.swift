import SegsyncTesting
import Foundation
import Logging
import Pinterest
import PinterestStandIn

/// The token the tests use: distinctive, so that a leak is easy to find in any text.
let testToken = "pina_TEST-SECRET-token-7f3a9c"
let testAccount = "549755885175"

/// Starts a stand-in accepting ``testToken``, runs `body`, and stops the stand-in whatever happens.
func withStandIn<T>(
    _ configure: (inout StandInConfiguration) -> Void = { _ in },
    _ body: (PinterestStandIn) async throws -> T
) async throws -> T {
    var configuration = StandInConfiguration(accessToken: testToken)
    configure(&configuration)
    return try await PinterestStandIn.with(configuration, body)
}

/// A client for `standIn`: no rate limit, quick retries, fixed jitter, and sleeps recorded in `sleeps` instead
/// of slept (real sleeps when `sleeps` is nil).
///
/// The request timeout is generous: only the tests of timeouts set a short one, and a machine that stalls
/// for ten seconds (seen on a loaded 2-core VM) must not turn a refused call into a timed-out, retried one.
func makeClient(
    _ standIn: PinterestStandIn,
    token: String = testToken,
    retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(80)),
    requestsPerSecond: Double? = nil,
    requestTimeout: Duration = .seconds(30),
    pageSize: Int = 250,
    sleeps: SleepRecorder? = nil,
    logs: LogStore? = nil
) -> PinterestClient {
    let configuration = PinterestConfiguration(
        baseURL: standIn.baseURL, accessToken: AccessToken(token), adAccountID: testAccount,
        retryPolicy: retryPolicy, requestsPerSecond: requestsPerSecond, requestTimeout: requestTimeout,
        pageSize: pageSize
    )
    var logger = Logger(label: "test.pinterest") { label in
        logs.map { CapturingLogHandler(store: $0) as any LogHandler } ?? SwiftLogNoOpLogHandler()
    }
    logger.logLevel = .trace
    if let sleeps {
        return PinterestClient(
            configuration: configuration, logger: logger, sleep: { await sleeps.record($0) }, random: { 0.5 }
        )
    }
    return PinterestClient(configuration: configuration, logger: logger, random: { 0.5 })
}

/// The SHA-256 hashes of `user0@example.com`... in order: records as segsync sends them.
func hashedEmails(_ range: Range<Int>, domain: String = "example.com") -> [String] {
    range.map { PinterestHashing.sha256Hex("user\($0)@\(domain)") }
}

