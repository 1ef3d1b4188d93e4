import Foundation
import Logging

/// How a stand-in behaves: what it accepts, how it pages, where it logs requests.
///
/// ```swift
/// var configuration = StandInConfiguration(accessToken: "test-token")
/// configuration.maxPageSize = 2   // make listings page
/// let standIn = try await PinterestStandIn.start(configuration)
/// ```
public struct StandInConfiguration: Sendable {
    /// Where requests to the request log go.
    public enum RequestLog: Sendable, Hashable {
        /// `SEGSYNC_PINTEREST_REQUEST_LOG` when set, else nowhere.
        case fromEnvironment
        /// This file, appended to.
        case file(String)
        /// Nowhere: for tests that send deliberately invalid bodies.
        case disabled
    }

    /// The host to bind; loopback only.
    public var host: String
    /// The port; 0 for an ephemeral one.
    public var port: Int
    /// The path prefix of the API, as in `https://api.pinterest.com/v5`.
    public var pathPrefix: String
    /// The bearer tokens accepted.
    public var accessTokens: Set<String>
    /// The ad accounts the tokens may use; empty for any.
    public var adAccountIDs: Set<String>
    /// The largest page a listing returns, whatever `page_size` asks for (Pinterest's own cap is 250).
    public var maxPageSize: Int
    /// How old a conversion event may be before it fails.
    public var maxEventAge: Duration
    /// How far in the future a conversion event's time may be.
    public var maxEventFutureSkew: Duration
    /// Where each request is appended as one JSON line.
    public var requestLog: RequestLog
    /// The stand-in's clock, for `created_time` and event ages.
    public var now: @Sendable () -> Date
    /// The server's logger; silent by default.
    public var logger: Logger

    /// Creates a configuration.
    public init(
        accessToken: String = "test-token",
        adAccountIDs: Set<String> = [],
        maxPageSize: Int = 250,
        maxEventAge: Duration = .seconds(7 * 86_400),
        requestLog: RequestLog = .fromEnvironment,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = "127.0.0.1"
        self.port = 0
        self.pathPrefix = "/v5"
        self.accessTokens = [accessToken]
        self.adAccountIDs = adAccountIDs
        self.maxPageSize = max(1, maxPageSize)
        self.maxEventAge = maxEventAge
        self.maxEventFutureSkew = .seconds(3600)
        self.requestLog = requestLog
        self.now = now
        var logger = Logger(label: "segsync.pinterest-stand-in", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        self.logger = logger
    }

    /// The request log's path, if any.
    var requestLogPath: String? {
        switch requestLog {
        case .fromEnvironment:
            let path = ProcessInfo.processInfo.environment["SEGSYNC_PINTEREST_REQUEST_LOG"]
            return path?.isEmpty == false ? path : nil
        case .file(let path):
            return path
        case .disabled:
            return nil
        }
    }
}
