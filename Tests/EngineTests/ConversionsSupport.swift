@testable import Store
import Engine
import Foundation
import Logging
import Pinterest
import PinterestStandIn
import SegsyncTesting
import Testing

/// The token and ad account of the conversions tests.
let conversionsToken = "conversions-test-token"
let conversionsAccount = "549755885175"

/// Starts a stand-in accepting ``conversionsToken`` (request log from the environment, so CI validates every
/// body against the spec), runs `body`, and stops it whatever happens.
func withConversionsStandIn<T>(
    _ configure: (inout StandInConfiguration) -> Void = { _ in },
    _ body: (PinterestStandIn) async throws -> T
) async throws -> T {
    var configuration = StandInConfiguration(accessToken: conversionsToken)
    configure(&configuration)
    return try await PinterestStandIn.with(configuration, body)
}

/// A client for `standIn`: no rate limit, quick retries.
func conversionsClient(_ standIn: PinterestStandIn, maxAttempts: Int = 3) -> PinterestClient {
    PinterestClient(
        configuration: PinterestConfiguration(
            baseURL: standIn.baseURL, accessToken: AccessToken(conversionsToken), adAccountID: conversionsAccount,
            retryPolicy: RetryPolicy(
                maxAttempts: maxAttempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)
            ),
            requestsPerSecond: nil, requestTimeout: .seconds(30)
        ),
        logger: Logger(label: "test.conversions", factory: { _ in SwiftLogNoOpLogHandler() }),
        random: { 0.5 }
    )
}

/// Runs `conversions send` on `store`, to `standIn` (a dry run when `nil`).
func sendConversions(
    _ store: Store, to standIn: PinterestStandIn?, configuration: ConversionsConfiguration = .standard,
    options: ConversionsRun.Options = .init(), now: Int64 = Store.wallClockMillis()
) async throws -> ConversionsReport {
    var options = options
    if standIn == nil { options.dryRun = true }
    let run = ConversionsRun(
        configuration: configuration, options: options, now: now, client: standIn.map { conversionsClient($0) }
    )
    return try await run.run(on: store)
}

/// The events of every conversions request `standIn` received, as JSON objects, in order.
func sentConversionEvents(_ standIn: PinterestStandIn) async -> [[String: Any]] {
    await standIn.requests(to: .sendEvents).flatMap { ($0.jsonObject?["data"] as? [[String: Any]]) ?? [] }
}

/// The recorded status and reason of each event, by messageId.
func conversionRows(_ test: TestStore) throws -> [String: (status: String, reason: String?)] {
    let rows = try test.store.database.query(
        """
        SELECT e.message_id, c.status, c.reason FROM conversion_events AS c JOIN events AS e ON e.id = c.event_id
        """
    ) { (id: $0.string(0) ?? "", status: $0.string(1) ?? "", reason: $0.string(2)) }
    return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, (status: $0.status, reason: $0.reason)) })
}

/// A person `user` with `email` (and a phone), identified `ago` seconds before now.
func conversionsIdentify(
    _ user: String, email: String? = nil, phone: String? = nil, ago: Double = 3 * 86_400
) -> String {
    var traits: [String] = []
    if let email { traits.append("\"email\": \"\(email)\"") }
    if let phone { traits.append("\"phone\": \"\(phone)\"") }
    let object = "{" + traits.joined(separator: ", ") + "}"
    return Message.identify(user: user, atMillis: Message.millis(ago: ago), traits: object)
}
