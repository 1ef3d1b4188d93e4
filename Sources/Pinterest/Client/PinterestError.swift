/// A failed Pinterest call: what went wrong, on which endpoint, after how many attempts.
///
/// HTTP errors carry the status and Pinterest's own `code` and `message` from its `{code, message}` error body.
/// The endpoint is the operation's template, never the concrete URL, so that descriptions group well and carry
/// no identifiers:
///
/// ```
/// Pinterest 429 (code 8) on PATCH /ad_accounts/{id}/customer_lists/{id}: This request exceeded a rate limit.
/// ```
///
/// The access token never appears in an error: messages that came from the network are scrubbed of it.
public struct PinterestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case http, timedOut, connectionLost, transport, undecodableResponse, invalidRequest
        }
        private let value: Value

        /// Pinterest answered with an HTTP error status.
        public static let http = Kind(value: .http)
        /// No answer arrived in time.
        public static let timedOut = Kind(value: .timedOut)
        /// The connection was dropped or refused before an answer arrived.
        public static let connectionLost = Kind(value: .connectionLost)
        /// Another transport failure (TLS, DNS, a malformed URL...).
        public static let transport = Kind(value: .transport)
        /// Pinterest answered with a success status but a body this client cannot read.
        public static let undecodableResponse = Kind(value: .undecodableResponse)
        /// The call was refused before sending: its arguments break a documented limit.
        public static let invalidRequest = Kind(value: .invalidRequest)

        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The HTTP status, when Pinterest answered.
    public var status: Int?
    /// Pinterest's error code from the `{code, message}` body, when there was one.
    public var code: Int?
    /// Pinterest's message, or a description of the transport failure. Never holds the token.
    public var message: String
    /// The operation, as method and path template: `PATCH /ad_accounts/{id}/customer_lists/{id}`.
    public var endpoint: String
    /// How many attempts were made, retries included (0 when refused before sending).
    public var attempts: Int

    /// Creates an error; `message` must already be free of secrets.
    public init(
        kind: Kind, status: Int? = nil, code: Int? = nil, message: String, endpoint: String, attempts: Int = 1
    ) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.endpoint = endpoint
        self.attempts = attempts
    }

    /// Whether the failure is one a later run may get past (rate limits, server errors, network trouble).
    public var isTransient: Bool {
        switch kind {
        case .timedOut, .connectionLost: return true
        case .http: return status.map { $0 == 429 || (500...599).contains($0) } ?? false
        default: return false
        }
    }

    /// One line: `Pinterest 401 (code 2) on GET /ad_accounts/{id}/audiences: Authentication failed.`
    public var description: String {
        var head: String
        switch kind {
        case .http, .undecodableResponse:
            head = "Pinterest \(status.map(String.init) ?? "error")"
            if let code { head += " (code \(code))" }
        case .timedOut:
            head = "Pinterest request timed out"
        case .connectionLost:
            head = "Pinterest connection lost"
        case .invalidRequest:
            head = "Pinterest request refused before sending"
        default:
            head = "Pinterest request failed"
        }
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let text = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(head) on \(endpoint)\(tries): \(text)"
    }
}
