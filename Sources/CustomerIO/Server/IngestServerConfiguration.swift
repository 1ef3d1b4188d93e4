import Foundation

/// How `segsync serve` listens, whom it lets in, and the limits it puts on requests.
///
///     let configuration = IngestServerConfiguration(port: 8080, writeKeys: ["WRITEKEY"])
public struct IngestServerConfiguration: Sendable {
    /// The address to listen on; loopback unless said otherwise.
    public var host: String
    /// The port to listen on; 0 lets the system pick a free one (see `onListening`).
    public var port: Int
    /// The write keys accepted, as HTTP Basic user (empty password) or as `Bearer` token.
    public var writeKeys: [String]
    /// When set, `POST /webhooks/customerio` requires `X-Signature`: the hex HMAC-SHA1 of the raw
    /// body with this secret. When nil, webhooks need a write key like every other ingest request.
    public var webhookSecret: String?
    /// Sizes, counts and times a request must stay within.
    public var limits: IngestLimits

    public init(
        host: String = "127.0.0.1", port: Int = 8080, writeKeys: [String], webhookSecret: String? = nil,
        limits: IngestLimits = IngestLimits()
    ) {
        self.host = host
        self.port = port
        self.writeKeys = writeKeys
        self.webhookSecret = webhookSecret
        self.limits = limits
    }

    /// The write keys of the flags and of `SEGSYNC_WRITE_KEYS` (comma-separated) together: each trimmed of
    /// spaces, each once, in that order, empty ones left out.
    public static func writeKeys(flags: [String], environment: [String: String]) -> [String] {
        let fromEnvironment = (environment["SEGSYNC_WRITE_KEYS"] ?? "").split(separator: ",").map(String.init)
        var seen: Set<String> = []
        return (flags + fromEnvironment).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The webhook secret of the flag, else of `SEGSYNC_WEBHOOK_SECRET`; nil when neither gives a non-empty one.
    public static func webhookSecret(flag: String?, environment: [String: String]) -> String? {
        guard let secret = flag ?? environment["SEGSYNC_WEBHOOK_SECRET"], !secret.isEmpty else { return nil }
        return secret
    }
}

/// The limits of the ingest server. The message and batch sizes are those of the Customer.io
/// Pipelines API: 32 KB a message, 500 KB a batch request.
public struct IngestLimits: Sendable {
    /// The largest message, in bytes (the whole body of a single-message endpoint).
    public var messageBytes = 32 * 1024
    /// The largest batch body, in bytes, after gzip decompression (and on the wire).
    public var batchBytes = 500 * 1024
    /// The largest webhook body, in bytes: up to 1000 events of Data Pipelines' Webhook destination.
    public var webhookBytes = 16 * 1024 * 1024
    /// The most events one webhook request may carry.
    public var webhookEvents = 1000
    /// The largest header block, and the largest single header field, in bytes.
    public var headerBytes = 16 * 1024
    /// The most header fields a request may have.
    public var headerFields = 100
    /// How long a connection may stay silent, mid-request or between requests, before it is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// How long a request body may take to arrive in full, however steadily it trickles.
    public var bodyTimeout: Duration = .seconds(60)
    /// Messages waiting for the writer beyond which new requests are answered 503 (the clients retry).
    public var queuedMessages = 200_000

    public init() {}
}
