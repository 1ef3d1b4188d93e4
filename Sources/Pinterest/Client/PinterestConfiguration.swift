import Foundation

/// Where and how the client talks to Pinterest.
///
/// ```swift
/// var configuration = try PinterestConfiguration.fromEnvironment()
/// configuration.requestsPerSecond = 5
/// let client = PinterestClient(configuration: configuration, logger: logger)
/// ```
public struct PinterestConfiguration: Sendable, CustomStringConvertible {
    /// Pinterest's production base URL.
    public static let defaultBaseURL = URL(string: "https://api.pinterest.com/v5") ?? URL(fileURLWithPath: "/")

    /// The API root, path prefix included (`https://api.pinterest.com/v5`); tests point it at a stand-in.
    public var baseURL: URL
    /// The OAuth access token (ads:read and ads:write) or conversion token.
    public var accessToken: AccessToken
    /// The ad account every call works in: digits only, at most 18.
    public var adAccountID: String
    /// How hard to retry.
    public var retryPolicy: RetryPolicy
    /// The most requests a second for this client and its copies; `nil` for no limit.
    public var requestsPerSecond: Double?
    /// How many requests may go at once under the rate limit.
    public var burst: Int
    /// How long one attempt may wait for its answer; whole seconds, at least 1 (FoundationNetworking's limit).
    public var requestTimeout: Duration
    /// The `page_size` for listings, 1...250.
    public var pageSize: Int

    /// Creates a configuration.
    public init(
        baseURL: URL = PinterestConfiguration.defaultBaseURL,
        accessToken: AccessToken,
        adAccountID: String,
        retryPolicy: RetryPolicy = .standard,
        requestsPerSecond: Double? = 10,
        burst: Int = 1,
        requestTimeout: Duration = .seconds(30),
        pageSize: Int = 250
    ) {
        self.baseURL = baseURL
        self.accessToken = accessToken
        self.adAccountID = adAccountID
        self.retryPolicy = retryPolicy
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.requestTimeout = requestTimeout
        self.pageSize = min(max(pageSize, 1), 250)
    }

    /// Reads `PINTEREST_ACCESS_TOKEN`, `PINTEREST_AD_ACCOUNT_ID` and `PINTEREST_API_BASE` (optional).
    ///
    /// - Throws: ``PinterestConfigurationError`` when a variable is missing or malformed; its text names the
    ///   variable, never its value.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PinterestConfiguration {
        guard let token = environment["PINTEREST_ACCESS_TOKEN"], !AccessToken(token).isEmpty else {
            throw PinterestConfigurationError(variable: "PINTEREST_ACCESS_TOKEN", problem: "is not set")
        }
        guard let account = environment["PINTEREST_AD_ACCOUNT_ID"], !account.isEmpty else {
            throw PinterestConfigurationError(variable: "PINTEREST_AD_ACCOUNT_ID", problem: "is not set")
        }
        var baseURL = defaultBaseURL
        if let base = environment["PINTEREST_API_BASE"], !base.isEmpty {
            guard let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme) else {
                throw PinterestConfigurationError(variable: "PINTEREST_API_BASE", problem: "is not an http(s) URL")
            }
            baseURL = url
        }
        let configuration = PinterestConfiguration(
            baseURL: baseURL, accessToken: AccessToken(token), adAccountID: account
        )
        try configuration.validate()
        return configuration
    }

    /// Checks what Pinterest would refuse anyway: an ad account id that is not 1 to 18 digits.
    public func validate() throws {
        let digits = !adAccountID.isEmpty && adAccountID.count <= 18 && adAccountID.allSatisfy(\.isASCIIDigit)
        guard digits else {
            throw PinterestConfigurationError(variable: "PINTEREST_AD_ACCOUNT_ID", problem: "must be 1 to 18 digits")
        }
    }

    /// The base URL and ad account; never the token.
    public var description: String {
        "PinterestConfiguration(baseURL: \(baseURL.absoluteString), adAccountID: \(adAccountID), token: redacted)"
    }
}

/// A missing or malformed configuration variable; the text names the variable, never its value.
public struct PinterestConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The variable at fault, e.g. `PINTEREST_AD_ACCOUNT_ID`.
    public var variable: String
    /// What is wrong with it, e.g. `is not set`.
    public var problem: String

    /// Creates an error.
    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    /// `PINTEREST_ACCESS_TOKEN is not set`.
    public var description: String { "\(variable) \(problem)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
