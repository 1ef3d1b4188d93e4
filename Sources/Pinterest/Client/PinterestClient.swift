import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Pinterest API v5 client: customer lists, audiences and conversion events for one ad account.
///
/// HTTP goes through Foundation's `URLSession` (libcurl on Linux). Every call is rate limited (one bucket shared by
/// all copies of a client), retried by its ``RetryPolicy`` on 429, 5xx, timeouts and dropped connections
/// (honouring `Retry-After`), and fails with a ``PinterestError`` otherwise. The access token goes into the
/// `Authorization` header and nowhere else: not into logs, errors or descriptions.
///
/// ```swift
/// let client = PinterestClient(configuration: try .fromEnvironment(), logger: logger)
/// let list = try await client.createCustomerList(named: "Cart abandoners 6-24h", records: hashes)
/// _ = try await client.updateCustomerList(id: list.id, operation: .remove, records: gone)
/// let audience = try await client.createAudience(named: "Cart abandoners 6-24h", customerListID: list.id)
/// ```
public struct PinterestClient: Sendable, CustomStringConvertible, CustomReflectable {
    /// Where and how the client talks to Pinterest.
    public let configuration: PinterestConfiguration
    let logger: Logger
    let rateLimiter: RateLimiter?
    let sleep: @Sendable (Duration) async throws -> Void
    let random: @Sendable () -> Double

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: Base URL, token, ad account, retry policy, rate limit, timeouts.
    ///   - logger: Where request and retry lines go (debug and info; never the token, emails or hashes).
    ///   - sleep: How to wait between retries and for the rate limit; tests inject a recorder.
    ///   - random: A source of numbers in `0..<1` for backoff jitter; tests inject a fixed one.
    public init(
        configuration: PinterestConfiguration,
        logger: Logger = Logger(label: "segsync.pinterest"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.rateLimiter = configuration.requestsPerSecond.map {
            RateLimiter(requestsPerSecond: $0, burst: configuration.burst)
        }
        self.sleep = sleep
        self.random = random
    }

    /// The base URL and ad account; never the token.
    public var description: String {
        "PinterestClient(baseURL: \(configuration.baseURL.absoluteString), adAccountID: \(configuration.adAccountID))"
    }

    /// A mirror with the base URL and ad account only: nothing of the token, the session or the closures.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["baseURL": configuration.baseURL.absoluteString, "adAccountID": configuration.adAccountID],
            displayStyle: .struct
        )
    }

    /// The session for reads: keep-alive. libcurl silently resends a bodiless request whose reused connection
    /// turns out dead, which is harmless for reads.
    ///
    /// Writes do not use it: each write gets a session of its own, so a fresh connection, and says
    /// `Connection: close`. FoundationNetworking cannot rewind a request body for libcurl's silent resend on a dead
    /// reused connection, so such a write would hang until its timeout instead of failing at once and being
    /// retried here; and with a shared session, writes saying `Connection: close` now and then stall in the upload.
    /// A session per write costs about 30 ms on loopback, next to requests that carry up to 1000 records.
    static let readSession = makeSession()

    /// An ephemeral session: no cookies, no cache. Timeouts are set per request.
    static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration)
    }

    var account: String { configuration.adAccountID }

    /// Orders resources oldest first: by creation time, then by numeric id (shorter digit strings first).
    static func creationKey(_ created: Int64?, _ id: String) -> (Int64, Int, String) {
        (created ?? .max, id.count, id)
    }

    /// Fetches every page of a listing, following `bookmark` until Pinterest stops returning one.
    ///
    /// A bookmark seen twice ends the walk with an error instead of looping forever.
    func allPages<Item: Decodable & Sendable>(
        _ item: Item.Type, endpoint makeEndpoint: (String?) -> Endpoint
    ) async throws -> [Item] {
        var items: [Item] = []
        var bookmark: String?
        var seen = Set<String>()
        repeat {
            let endpoint = makeEndpoint(bookmark)
            let page: Page<Item> = try await call(endpoint, body: Optional<Never>.none)
            items.append(contentsOf: page.items)
            bookmark = page.bookmark.flatMap { $0.isEmpty ? nil : $0 }
            if let next = bookmark, !seen.insert(next).inserted {
                throw PinterestError(
                    kind: .undecodableResponse, status: 200, message: "bookmark repeated; listing stopped",
                    endpoint: endpoint.name
                )
            }
        } while bookmark != nil
        return items
    }
}
